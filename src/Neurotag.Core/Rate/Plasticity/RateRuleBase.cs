using Neurotag.Core.Protocol;
using Neurotag.Core.Specs;

namespace Neurotag.Core.Rate.Plasticity;

/// <summary>
/// What every rate learning rule (Hebbian, eligibility-trace Hebbian, Oja, BCM, covariance) shares: the learning rate per step, the
/// three-factor factor <c>1 + g·m(t)</c> (Frémaux &amp; Gerstner 2016), passive decay toward the resting weight
/// (exact per step and offline), hard bounds, and propagation alone when learning is off. Learning and propagation
/// are one fused pass per postsynaptic row (<see cref="Learn"/>); rule state (BCM's θ, the covariance rule's running
/// means) advances only in learning steps, so <c>plasticity: off</c> freezes it with the weights.
/// </summary>
internal abstract class RateRuleBase : IProjectionRule
{
    private readonly ModulatorState _modulators;
    private readonly int _modulator;
    private readonly double _gain;
    private readonly double _etaPerStep;

    protected RateRuleBase(DenseProjection projection, PlasticitySpec spec, ModulatorState modulators, double dtMs)
    {
        Projection = projection;
        _modulators = modulators;
        _modulator = spec.ModulatedBy is null ? -1 : modulators.IndexOf(spec.ModulatedBy);
        _gain = spec.ModulationGain;
        _etaPerStep = spec.Rate * dtMs / 1000.0;
        DtMs = dtMs;
        DecayTauMs = spec.DecayTauMs;
        DecayPerStep = spec.DecayTauMs is { } tau ? dtMs / tau : 0.0;
        double a = Math.Exp(-DecayPerStep);
        Decay = (float)a;
        DecayOffset = (float)(projection.RestWeight * (1.0 - a));
        Min = (float)projection.Spec.Weight.Min;
        Max = (float)projection.Spec.Weight.Max;
    }

    protected DenseProjection Projection { get; }

    /// <summary>Step dt in ms.</summary>
    protected double DtMs { get; }

    /// <summary>τ_decay in ms, or null without decay.</summary>
    protected double? DecayTauMs { get; }

    /// <summary>dt/τ_decay (0 without decay).</summary>
    protected double DecayPerStep { get; }

    /// <summary>Per-step decay factor a = e^{−dt/τ_decay} (1 without decay).</summary>
    protected float Decay { get; }

    /// <summary>Per-step decay offset w_rest·(1 − a).</summary>
    protected float DecayOffset { get; }

    protected float Min { get; }

    protected float Max { get; }

    public void Advance(bool learning)
    {
        if (!learning)
        {
            StaticRule.Propagate(Projection);
            return;
        }

        Learn(EtaStep());
    }

    /// <summary>η·(1 + g·m)·dt, dt in seconds: the learning rate of this step (1 + g·m without a modulator is 1).</summary>
    protected virtual double EtaStep()
    {
        double factor = _modulator >= 0 ? 1.0 + (_gain * _modulators.Levels[_modulator]) : 1.0;
        return _etaPerStep * factor;
    }

    /// <summary>η·dt, dt in seconds.</summary>
    protected double EtaPerStep => _etaPerStep;

    /// <summary>g, the modulation gain.</summary>
    protected double Gain => _gain;

    /// <summary>The current level of the <c>modulated_by</c> modulator (0 without one).</summary>
    protected double ModulatorLevel => _modulator >= 0 ? _modulators.Levels[_modulator] : 0.0;

    /// <summary>Offline interval: the weights decay in closed form (no activity, so no learning term).</summary>
    public virtual void FastForward(double durationMs)
    {
        if (DecayTauMs is not { } tau)
        {
            return;
        }

        float a = (float)Math.Exp(-durationMs / tau);
        float rest = Projection.RestWeight;
        var w = Projection.Weights;
        var mask = Projection.Mask;
        for (long k = 0; k < w.LongLength; k++)
        {
            if (mask is null || mask[k] != 0f)
            {
                w[k] = Math.Clamp(rest + ((w[k] - rest) * a), Min, Max);
            }
        }
    }

    /// <summary>
    /// One learning step: update every row with the rates of this step and add its propagated input to the
    /// postsynaptic population. <paramref name="etaStep"/> is η·(1 + g·m)·dt, dt in seconds.
    /// </summary>
    protected abstract void Learn(double etaStep);

    /// <summary>(1 − e^{−k})/k, accurate for small |k| (1 at k = 0).</summary>
    protected static double OneMinusExpOverK(double k) =>
        Math.Abs(k) < 1e-5 ? 1.0 - (k / 2) + (k * k / 6) : -(Math.Exp(-k) - 1.0) / k;
}
