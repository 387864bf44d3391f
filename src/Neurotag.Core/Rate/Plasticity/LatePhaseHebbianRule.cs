using Neurotag.Core.Protocol;
using Neurotag.Core.Specs;

namespace Neurotag.Core.Rate.Plasticity;

/// <summary>
/// Hebbian learning with the published early/late phase of Clopath, Ziegler, Vasilaki, Büsing &amp; Gerstner (2008, PLoS
/// Comput Biol 4:e1000248) in the form of Luboeinski &amp; Tetzlaff (2021, Commun Biol 4:275): early weight h (rest h0),
/// a tag while |h − h0| &gt; θ_tag, a protein amount p per postsynaptic neuron synthesised while Σ_i |h_i − h0| &gt; θ_pro,
/// and a late weight z moving toward 1 (tag up) or −0.5 (tag down) at rate p/τ_z; w = h + h0·z propagates
/// (<see cref="LatePhaseSpec"/>). The calcium drive of the papers is replaced by the rule's Hebbian term η·(1 + g·m)·x·y.
/// <para>
/// Per step the tag and the protein trigger are those of the step start (Σ|h − h0| of the previous step's end); with
/// them held, p and z are advanced exactly (p relaxes exponentially to α·Θ; z relaxes to its target with the exact
/// integral of p), h relaxes exactly toward h0 and gets the Hebbian increment at the step end (forward Euler, as the
/// plain rule). Offline, without activity, every |h − h0| decays as e^{−t/τ_e} (τ_e = τ_h/0.1), so each synapse's tag
/// and each row's synthesis switch off once, at τ_e·ln(|Δ|/θ); the same closed forms are applied between those times,
/// so a long offline phase equals many small online steps without activity (to the per-step switching times).
/// </para>
/// h and z are kept in double (a 1 ms step changes them by ~10⁻⁷ of their size, below float resolution); w is their
/// float sum, and a change of w from outside (competition, <c>disinhibit</c>) is a change of the early weight.
/// </summary>
internal sealed class LatePhaseHebbianRule : RateRuleBase
{
    private readonly LatePhaseSpec _spec;
    private readonly double _tauE;
    private readonly double _aEarly;
    private readonly double _proteinRise;

    public LatePhaseHebbianRule(DenseProjection projection, PlasticitySpec spec, ModulatorState modulators, double dtMs)
        : base(projection, spec, modulators, dtMs)
    {
        _spec = spec.LatePhase ?? throw new ArgumentException($"projection '{projection.Name}': no late_phase block", nameof(spec));
        Rest = _spec.Rest ?? projection.RestWeight;
        TagThreshold = _spec.TagThreshold * Rest;
        ProteinThreshold = _spec.ProteinThreshold * Rest;
        _tauE = _spec.EarlyDecayMs;
        _aEarly = Math.Exp(-dtMs / _tauE);
        _proteinRise = -double.ExpM1(-dtMs / _spec.TauProteinMs);
        Late = new double[projection.Weights.Length];
        Early = new double[projection.Weights.Length];
        Protein = new double[projection.PostCount];
        EarlySum = new double[projection.PostCount];
    }

    /// <summary>h0, the rest of the early weight.</summary>
    internal double Rest { get; }

    /// <summary>θ_tag in weight units (the spec's multiple of h0 times h0).</summary>
    internal double TagThreshold { get; }

    /// <summary>θ_pro in weight units.</summary>
    internal double ProteinThreshold { get; }

    /// <summary>The late weight z of every synapse, in [−0.5, 1], in the layout of <see cref="DenseProjection.Weights"/>.</summary>
    internal double[] Late { get; }

    /// <summary>The early weight h of every synapse (double: per-step changes over hours are below float resolution).</summary>
    internal double[] Early { get; }

    /// <summary>The protein amount p of every postsynaptic neuron (local row order).</summary>
    internal double[] Protein { get; }

    /// <summary>Σ_i |h_ij − h0| per row at the end of the last update: what the synthesis trigger compares with θ_pro.</summary>
    internal double[] EarlySum { get; }

    protected override void Learn(double etaStep)
    {
        var p = Projection;
        var postRate = p.Post.Rate;
        var input = p.Post.Input;
        var x = p.PreRates;
        double rest = Rest, tag = TagThreshold;
        for (int j = 0; j < p.PostCount; j++)
        {
            double integral = AdvanceProtein(j, DtMs, EarlySum[j] > ProteinThreshold);
            double toTarget = -double.ExpM1(-integral / _spec.TauLateMs);
            double hebb = etaStep * postRate[p.PostNeurons[j]];
            int offset = (int)((long)j * p.PreCount);
            var w = p.Row(j);
            var mask = p.MaskRow(j);
            double sum = 0;
            float dot = 0f;
            for (int i = 0; i < w.Length; i++)
            {
                if (!mask.IsEmpty && mask[i] == 0f)
                {
                    Late[offset + i] = 0;
                    Early[offset + i] = 0;
                    continue;
                }

                double z = Late[offset + i];
                double d = EarlyOf(offset + i, w[i], z) - rest;
                z += d > tag ? (1.0 - z) * toTarget : -d > tag ? (LatePhaseSpec.LateMin - z) * toTarget : 0.0;
                double h = Math.Clamp(rest + (d * _aEarly) + (hebb * x[i]), Min, Max);
                Late[offset + i] = z;
                Early[offset + i] = h;
                float total = (float)(h + (rest * z));
                w[i] = total;
                dot += total * x[i];
                sum += Math.Abs(h - rest);
            }

            EarlySum[j] = sum;
            input[p.PostNeurons[j]] += p.Sign * dot;
        }
    }

    /// <summary>
    /// Offline interval of length L: no activity. Per row, synthesis stays on until τ_e·ln(Σ/θ_pro); per synapse the tag
    /// holds until τ_e·ln(|h − h0|/θ_tag); z relaxes with the exact integral of p up to the tag's end, h decays to h0.
    /// </summary>
    public override void FastForward(double durationMs)
    {
        var p = Projection;
        double rest = Rest;
        double aEarly = Math.Exp(-durationMs / _tauE);
        for (int j = 0; j < p.PostCount; j++)
        {
            double s0 = EarlySum[j];
            double on = s0 > ProteinThreshold ? Math.Min(durationMs, _tauE * Math.Log(s0 / ProteinThreshold)) : 0.0;
            double p0 = Protein[j];
            int offset = (int)((long)j * p.PreCount);
            var w = p.Row(j);
            var mask = p.MaskRow(j);
            double sum = 0;
            for (int i = 0; i < w.Length; i++)
            {
                if (!mask.IsEmpty && mask[i] == 0f)
                {
                    Late[offset + i] = 0;
                    Early[offset + i] = 0;
                    continue;
                }

                double z = Late[offset + i];
                double d = EarlyOf(offset + i, w[i], z) - rest;
                if (Math.Abs(d) > TagThreshold)
                {
                    double until = Math.Min(durationMs, _tauE * Math.Log(Math.Abs(d) / TagThreshold));
                    double target = d > 0 ? 1.0 : LatePhaseSpec.LateMin;
                    z += (target - z) * -double.ExpM1(-ProteinIntegral(p0, on, until) / _spec.TauLateMs);
                }

                double h = Math.Clamp(rest + (d * aEarly), Min, Max);
                Late[offset + i] = z;
                Early[offset + i] = h;
                w[i] = (float)(h + (rest * z));
                sum += Math.Abs(h - rest);
            }

            AdvanceProtein(j, on, true);
            AdvanceProtein(j, durationMs - on, false);
            EarlySum[j] = sum;
        }
    }

    /// <summary>
    /// The early weight h of synapse k: the stored one while w still equals h + h0·z (to float rounding); otherwise w
    /// was changed from outside (competition, <c>disinhibit</c>, the initial draw) and the change belongs to h.
    /// </summary>
    private double EarlyOf(long k, float w, double z)
    {
        double h = Early[k];
        return (float)(h + (Rest * z)) == w ? h : w - (Rest * z);
    }

    /// <summary>
    /// ∫₀ᵗ p ds with p(0) = <paramref name="p0"/>, synthesis on (target α) until <paramref name="on"/>, off (target 0)
    /// after: p relaxes exponentially with τ_p toward its target on each piece.
    /// </summary>
    private double ProteinIntegral(double p0, double on, double t)
    {
        double alpha = _spec.ProteinSynthesis, tau = _spec.TauProteinMs;
        double first = Math.Min(t, on);
        double integral = (alpha * first) - ((p0 - alpha) * tau * double.ExpM1(-first / tau));
        if (t > on)
        {
            double pOn = alpha + ((p0 - alpha) * Math.Exp(-on / tau));
            integral -= pOn * tau * double.ExpM1(-(t - on) / tau);
        }

        return integral;
    }

    /// <summary>Advances row j's protein over <paramref name="lengthMs"/> with synthesis on or off; returns ∫p over it.</summary>
    private double AdvanceProtein(int j, double lengthMs, bool synthesis)
    {
        if (lengthMs <= 0)
        {
            return 0.0;
        }

        double target = synthesis ? _spec.ProteinSynthesis : 0.0;
        double rise = lengthMs == DtMs ? _proteinRise : -double.ExpM1(-lengthMs / _spec.TauProteinMs); // 1 − e^{−L/τ_p}
        double p0 = Protein[j];
        Protein[j] = p0 + ((target - p0) * rise);
        return (target * lengthMs) + ((p0 - target) * _spec.TauProteinMs * rise);
    }
}
