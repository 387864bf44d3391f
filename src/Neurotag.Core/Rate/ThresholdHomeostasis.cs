using Neurotag.Core.Specs;

namespace Neurotag.Core.Rate;

/// <summary>
/// Homeostatic threshold adaptation of one rate population (Turrigiano 2008): <c>τ_h dθ_i/dt = r_i − r_target</c>
/// per neuron. Called once per learning step after the rates are integrated; the update
/// <c>θ ← θ + (dt/τ_h)·(r − r_target)</c> is exact for a rate held over the step (θ's derivative does not depend on θ).
/// For a linear unit with τ ≪ τ_h/gain, θ relaxes exponentially with time constant τ_h/gain to the value at which the
/// rate equals the target. Offline phases leave θ alone: their rates are not simulated, and integrating the rule
/// against the resting rate 0 of a time-compressed interval would drive every threshold to −∞.
/// </summary>
internal sealed class ThresholdHomeostasis
{
    private readonly RatePopulation _population;
    private readonly float _step;
    private readonly float _target;

    public ThresholdHomeostasis(RatePopulation population, HomeostasisSpec spec, double dtMs)
    {
        _population = population;
        _step = (float)(dtMs / spec.TauMs);
        _target = (float)spec.TargetRate;
    }

    /// <summary>One learning step with the rates just integrated.</summary>
    public void Step()
    {
        var rate = _population.Rate;
        var threshold = _population.Threshold;
        for (int i = 0; i < threshold.Length; i++)
        {
            threshold[i] += _step * (rate[i] - _target);
        }
    }
}
