using Neurotag.Core.Network;
using Neurotag.Core.Simulation;
using Neurotag.Core.Specs;

namespace Neurotag.Core.Plasticity;

/// <summary>
/// Hebbian learning gated through a per-synapse eligibility trace (Izhikevich 2007; Frémaux &amp; Gerstner 2016):
/// coincidences charge the trace and only the modulator turns it into weight change,
/// <c>τ_e de/dt = −e + x·y</c>, <c>dw/dt = η·g·m(t)·e − (w − w_rest)/τ_decay</c>, hard bounds [w_min, w_max].
/// Without a modulator signal (m = 0) nothing is learned.
/// Discretised per step as <c>e ← a_e·e + (1 − a_e)·x·y</c> with <c>a_e = e^{−dt/τ_e}</c> (exponential Euler, exact
/// for constant x·y), then <c>w ← clamp(a·w + w_rest·(1 − a) + η·g·m·dt·e)</c> with the new trace and
/// <c>a = e^{−dt/τ_decay}</c>. One fused pass per row reads and writes every weight and every trace once.
/// Offline, the trace decays in closed form (no activity) and the weights get decay only: the modulator's action on the
/// trace during an offline interval is not modelled. <c>plasticity: off</c> freezes the trace with the weights.
/// </summary>
internal sealed class EligibilityHebbianRule : IProjectionRule
{
    private readonly DenseProjection _projection;
    private readonly ModulatorState _modulators;
    private readonly int _modulator;
    private readonly double _gain;
    private readonly double _etaPerStep;
    private readonly double? _decayTauMs;
    private readonly double _traceTauMs;
    private readonly double _traceDecay;
    private readonly float _decay;
    private readonly float _decayOffset;
    private readonly float _min;
    private readonly float _max;

    public EligibilityHebbianRule(DenseProjection projection, PlasticitySpec spec, ModulatorState modulators, double dtMs)
    {
        if (spec.EligibilityTauMs is not { } traceTau || !(traceTau > 0) || double.IsInfinity(traceTau))
        {
            throw new ArgumentException($"projection '{projection.Name}': the eligibility time constant must be positive and finite", nameof(spec));
        }

        int modulator = spec.ModulatedBy is null ? -1 : modulators.IndexOf(spec.ModulatedBy);
        if (modulator < 0)
        {
            throw new ArgumentException($"projection '{projection.Name}': an eligibility trace needs a declared modulator (modulated_by)", nameof(spec));
        }

        _projection = projection;
        _modulators = modulators;
        _modulator = modulator;
        _gain = spec.ModulationGain;
        _etaPerStep = spec.Rate * dtMs / 1000.0;
        _decayTauMs = spec.DecayTauMs;
        _traceTauMs = traceTau;
        _traceDecay = Math.Exp(-dtMs / traceTau);
        double a = spec.DecayTauMs is { } tau ? Math.Exp(-dtMs / tau) : 1.0;
        _decay = (float)a;
        _decayOffset = (float)(projection.RestWeight * (1.0 - a));
        _min = (float)projection.Spec.Weight.Min;
        _max = (float)projection.Spec.Weight.Max;
        Trace = new float[projection.Weights.Length];
    }

    /// <summary>The eligibility trace of every synapse, in the layout of <see cref="DenseProjection.Weights"/>.</summary>
    internal float[] Trace { get; }

    public void Advance(bool learning)
    {
        if (!learning)
        {
            StaticRule.Propagate(_projection);
            return;
        }

        var p = _projection;
        float ae = (float)_traceDecay;
        double charge = 1.0 - _traceDecay;
        float c = (float)(_etaPerStep * _gain * _modulators.Levels[_modulator]);
        var postRate = p.Post.Rate;
        var input = p.Post.Input;
        var x = p.PreRates;
        for (int j = 0; j < p.PostCount; j++)
        {
            int post = p.PostNeurons[j];
            float ce = (float)(charge * postRate[post]);
            var trace = Trace.AsSpan((int)((long)j * p.PreCount), p.PreCount);
            float s = PlasticityKernels.EligibilityUpdateRowAndDot(p.Row(j), trace, p.MaskRow(j), x, ae, ce, _decay, _decayOffset, c, _min, _max);
            input[post] += p.Sign * s;
        }
    }

    /// <summary>
    /// Offline interval: no activity, so the trace decays in closed form, e·e^{−T/τ_e}, and the weights get their
    /// closed-form decay only (the modulator's conversion of the decaying trace is not integrated offline).
    /// </summary>
    public void FastForward(double durationMs)
    {
        float ae = (float)Math.Exp(-durationMs / _traceTauMs);
        var trace = Trace;
        for (long k = 0; k < trace.LongLength; k++)
        {
            trace[k] *= ae;
        }

        if (_decayTauMs is not { } tau)
        {
            return;
        }

        float a = (float)Math.Exp(-durationMs / tau);
        float rest = _projection.RestWeight;
        var w = _projection.Weights;
        var mask = _projection.Mask;
        for (long k = 0; k < w.LongLength; k++)
        {
            if (mask is null || mask[k] != 0f)
            {
                w[k] = Math.Clamp(rest + ((w[k] - rest) * a), _min, _max);
            }
        }
    }
}
