using Neurotag.Core.Protocol;
using Neurotag.Core.Specs;

namespace Neurotag.Core.Rate.Plasticity;

/// <summary>
/// Hebbian learning with synaptic tagging and capture (Frey &amp; Morris 1997; Clopath, Ziegler, Vasilaki, Büsing &amp;
/// Gerstner 2008; salience as a direct trigger: Redondo &amp; Morris 2011). Each weight is w = l + u: a late, stable
/// component l and an early component u (the tag):
/// <code>
/// du/dt = −u/τ_early + η·(1 + g·m)·x·y·(1 − u/u_max)
/// dl/dt = p·u/τ_capture − (l − w_rest)/τ_decay
/// p = 1 while Σ_i u_ij &gt; θ_p or s ≥ s_trigger, otherwise dp/dt = −p/τ_resource   (one p per post neuron j)
/// </code>
/// Per step, with rates and p's trigger state held over the step: u and p decay exactly, l receives the exact
/// integral of p·u/τ_capture over the step (products of exponentials), and the Hebbian increment is added to u at the
/// step end (forward Euler, as the plain Hebbian rule). Offline, the same closed forms are applied over the whole
/// interval, split where a trigger switches (the row's early sum decays as e^{−t/τ_early}, the salience modulator
/// relaxes in closed form), so a long offline phase and many small online steps without activity agree.
/// The resource is per postsynaptic neuron because plasticity-related proteins are made in the cell body and shared
/// by all of the neuron's synapses: that is what lets a weak input be captured by a strong one onto the same neuron.
/// </summary>
internal sealed class ConsolidatingHebbianRule : RateRuleBase
{
    private readonly ConsolidationSpec _c;
    private readonly ModulatorState _modulators;
    private readonly int _trigger;
    private readonly double _aEarly;
    private readonly double _aResource;
    private readonly double _tauBothMs;
    private readonly double _onPerStep;
    private readonly double _offPerStep;

    public ConsolidatingHebbianRule(DenseProjection projection, PlasticitySpec spec, ModulatorState modulators, double dtMs)
        : base(projection, spec, modulators, dtMs)
    {
        _c = spec.Consolidation ?? throw new ArgumentException($"projection '{projection.Name}': no consolidation block", nameof(spec));
        _modulators = modulators;
        _trigger = _c.TriggeredBy is null ? -1 : modulators.IndexOf(_c.TriggeredBy);
        if (_c.TriggeredBy is not null && _trigger < 0)
        {
            throw new ArgumentException($"projection '{projection.Name}': unknown trigger modulator '{_c.TriggeredBy}'", nameof(spec));
        }

        _aEarly = Math.Exp(-dtMs / _c.TauEarlyMs);
        _aResource = Math.Exp(-dtMs / _c.TauResourceMs);
        _tauBothMs = _c.TauEarlyMs * _c.TauResourceMs / (_c.TauEarlyMs + _c.TauResourceMs);
        _onPerStep = Capture(dtMs, _c.TauEarlyMs);
        _offPerStep = Capture(dtMs, _tauBothMs);
        Early = new float[projection.Weights.Length];
        Resource = new double[projection.PostCount];
        EarlySum = new double[projection.PostCount];
    }

    /// <summary>The early component u of every synapse, in the layout of <see cref="DenseProjection.Weights"/>.</summary>
    internal float[] Early { get; }

    /// <summary>The resource p of every postsynaptic neuron of the projection (local row order), in [0, 1].</summary>
    internal double[] Resource { get; }

    /// <summary>Σ_i u_ij per row at the end of the last update: what the early-change trigger compares with θ_p.</summary>
    internal double[] EarlySum { get; }

    protected override void Learn(double etaStep)
    {
        var p = Projection;
        var postRate = p.Post.Rate;
        var input = p.Post.Input;
        var x = p.PreRates;
        bool salient = _trigger >= 0 && SalienceAbove(_modulators.Levels[_trigger]);
        float inverseMax = _c.EarlyMax is { } um ? (float)(1.0 / um) : 0f;
        float earlyMax = _c.EarlyMax is { } cap ? (float)cap : float.PositiveInfinity;
        float aEarly = (float)_aEarly;
        float decay = Decay, decayOffset = DecayOffset, min = Min, max = Max;
        for (int j = 0; j < p.PostCount; j++)
        {
            bool on = salient || EarlyAbove(EarlySum[j]);
            float capture = (float)(on ? _onPerStep : Resource[j] * _offPerStep);
            Resource[j] = on ? 1.0 : Resource[j] * _aResource;
            float hebb = (float)(etaStep * postRate[p.PostNeurons[j]]);
            int offset = (int)((long)j * p.PreCount);
            var w = p.Row(j);
            var mask = p.MaskRow(j);
            bool masked = !mask.IsEmpty;
            var early = Early.AsSpan(offset, p.PreCount);
            float dot = 0f, sum = 0f;
            for (int i = 0; i < w.Length; i++)
            {
                if (masked && mask[i] == 0f)
                {
                    early[i] = 0f;
                    continue;
                }

                float u = early[i];
                float late = (decay * (w[i] - u)) + decayOffset + (capture * u);
                late = late < min ? min : late > max ? max : late;
                float next = (aEarly * u) + (hebb * x[i] * (1f - (u * inverseMax)));
                float high = MathF.Min(earlyMax, max - late);
                float low = min - late;
                next = next > high ? high : next < low ? low : next;
                early[i] = next;
                float total = late + next;
                w[i] = total;
                dot += total * x[i];
                sum += next;
            }

            EarlySum[j] = sum;
            input[p.PostNeurons[j]] += p.Sign * dot;
        }
    }

    /// <summary>
    /// Offline interval: no activity, so no Hebbian term. Per row the interval is split where a trigger switches
    /// (Σu crossing θ_p at τ_early·ln(Σu/θ_p); the salience modulator crossing its level); on each piece p is 1 or
    /// decays, u decays, and l gets the closed-form capture and decay (<see cref="AdvancePiece"/>).
    /// </summary>
    public override void FastForward(double durationMs)
    {
        var p = Projection;
        double? salienceCross = _trigger >= 0 ? _modulators.CrossingTime(_trigger, _c.TriggerLevel) : null;
        var cuts = new List<double>(4);
        for (int j = 0; j < p.PostCount; j++)
        {
            cuts.Clear();
            cuts.Add(durationMs);
            if (salienceCross is { } tm && tm < durationMs)
            {
                cuts.Add(tm);
            }

            double s0 = EarlySum[j];
            if (_c.Threshold is { } theta && theta > 0 && s0 > theta && _c.TauEarlyMs * Math.Log(s0 / theta) is var ts && ts < durationMs)
            {
                cuts.Add(ts);
            }

            cuts.Sort();
            double start = 0;
            foreach (double end in cuts)
            {
                if (end > start)
                {
                    double mid = 0.5 * (start + end);
                    bool on = EarlyAbove(s0 * Math.Exp(-mid / _c.TauEarlyMs)) || (_trigger >= 0 && SalienceAbove(_modulators.LevelAfter(_trigger, mid)));
                    AdvancePiece(j, end - start, on);
                    start = end;
                }
            }

            EarlySum[j] = s0 * Math.Exp(-durationMs / _c.TauEarlyMs);
        }
    }

    /// <summary>
    /// One piece of length L of an offline interval for row j, with the trigger state fixed: u ← u·e^{−L/τ_early};
    /// l ← w_rest + (l − w_rest)·e^{−L/τ_decay} + u·C, where C = ∫₀ᴸ e^{−(L−s)/τ_decay}·p(s)·e^{−s/τ_early} ds / τ_capture
    /// with p(s) = 1 (trigger on) or p·e^{−s/τ_resource} (off) — a product of exponentials, integrated exactly.
    /// </summary>
    private void AdvancePiece(int j, double lengthMs, bool on)
    {
        var p = Projection;
        double capture = on ? Capture(lengthMs, _c.TauEarlyMs) : Resource[j] * Capture(lengthMs, _tauBothMs);
        Resource[j] = on ? 1.0 : Resource[j] * Math.Exp(-lengthMs / _c.TauResourceMs);
        double aLate = DecayTauMs is { } tau ? Math.Exp(-lengthMs / tau) : 1.0;
        double aEarly = Math.Exp(-lengthMs / _c.TauEarlyMs);
        double rest = p.RestWeight;
        int offset = (int)((long)j * p.PreCount);
        var w = p.Row(j);
        var mask = p.MaskRow(j);
        for (int i = 0; i < w.Length; i++)
        {
            if (!mask.IsEmpty && mask[i] == 0f)
            {
                Early[offset + i] = 0f;
                continue;
            }

            double u = Early[offset + i];
            double late = Math.Clamp(rest + ((w[i] - u - rest) * aLate) + (capture * u), Min, Max);
            double next = Math.Clamp(u * aEarly, Min - late, Max - late);
            Early[offset + i] = (float)next;
            w[i] = (float)(late + next);
        }
    }

    /// <summary>
    /// (1/τ_capture)·∫₀ᴸ e^{−(L−s)/τ_decay}·e^{−s/τ} ds: what one unit of early weight decaying with τ contributes to the
    /// late weight over L with the resource at 1 (τ = τ_early) or decaying from 1 (τ = τ_early·τ_resource/(τ_early + τ_resource)).
    /// </summary>
    private double Capture(double lengthMs, double tauMs)
    {
        // ∫ = e^{−L/τ_d}·(1 − e^{−kL})/k with k = 1/τ − 1/τ_d (1/τ_d = 0 without decay: then ∫ = τ·(1 − e^{−L/τ})).
        double inverseDecay = DecayTauMs is { } tauDecay ? 1 / tauDecay : 0.0;
        double k = (1 / tauMs) - inverseDecay;
        double integral = Math.Exp(-lengthMs * inverseDecay) * lengthMs * OneMinusExpOverK(k * lengthMs);
        return integral / _c.TauCaptureMs;
    }

    private bool EarlyAbove(double sum) => _c.Threshold is { } theta && sum > theta;

    private bool SalienceAbove(double level) => _trigger >= 0 && level >= _c.TriggerLevel;
}
