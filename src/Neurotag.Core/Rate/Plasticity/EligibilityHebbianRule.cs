using Neurotag.Core.Protocol;
using Neurotag.Core.Specs;

namespace Neurotag.Core.Rate.Plasticity;

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
internal sealed class EligibilityHebbianRule : RateRuleBase
{
    private readonly double _traceTauMs;
    private readonly double _traceDecay;

    public EligibilityHebbianRule(DenseProjection projection, PlasticitySpec spec, ModulatorState modulators, double dtMs)
        : base(projection, spec, modulators, dtMs)
    {
        if (spec.EligibilityTauMs is not { } traceTau || !(traceTau > 0) || double.IsInfinity(traceTau))
        {
            throw new ArgumentException($"projection '{projection.Name}': the eligibility time constant must be positive and finite", nameof(spec));
        }

        if (spec.ModulatedBy is null || modulators.IndexOf(spec.ModulatedBy) < 0)
        {
            throw new ArgumentException($"projection '{projection.Name}': an eligibility trace needs a declared modulator (modulated_by)", nameof(spec));
        }

        _traceTauMs = traceTau;
        _traceDecay = Math.Exp(-dtMs / traceTau);
        Trace = new float[projection.Weights.Length];
    }

    /// <summary>The eligibility trace of every synapse, in the layout of <see cref="DenseProjection.Weights"/>.</summary>
    internal float[] Trace { get; }

    /// <summary>η·g·m·dt: three-factor learning has no "1 +" — without the modulator's signal nothing is learned.</summary>
    protected override double EtaStep() => EtaPerStep * Gain * ModulatorLevel;

    protected override void Learn(double etaStep)
    {
        var p = Projection;
        float ae = (float)_traceDecay;
        double charge = 1.0 - _traceDecay;
        float c = (float)etaStep;
        var postRate = p.Post.Rate;
        var input = p.Post.Input;
        var x = p.PreRates;
        for (int j = 0; j < p.PostCount; j++)
        {
            int post = p.PostNeurons[j];
            float ce = (float)(charge * postRate[post]);
            var trace = Trace.AsSpan((int)((long)j * p.PreCount), p.PreCount);
            float s = PlasticityKernels.EligibilityUpdateRowAndDot(p.Row(j), trace, p.MaskRow(j), x, ae, ce, Decay, DecayOffset, c, Min, Max);
            input[post] += p.Sign * s;
        }
    }

    /// <summary>
    /// Offline interval: no activity, so the trace decays in closed form, e·e^{−T/τ_e}, and the weights get their
    /// closed-form decay only (the modulator's conversion of the decaying trace is not integrated offline).
    /// </summary>
    public override void FastForward(double durationMs)
    {
        float ae = (float)Math.Exp(-durationMs / _traceTauMs);
        var trace = Trace;
        for (long k = 0; k < trace.LongLength; k++)
        {
            trace[k] *= ae;
        }

        base.FastForward(durationMs);
    }
}
