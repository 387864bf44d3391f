using Neurotag.Core.Specs;

namespace Neurotag.Core.Rate;

/// <summary>
/// The phase actions that change excitability at a phase start: <c>sensitize</c> (shift thresholds, scale gain:
/// facilitation and central sensitization, Woolf 2011) and <c>disinhibit</c> (scale an inhibitory projection's
/// weights). Both persist for the rest of the run.
/// </summary>
internal static class IntrinsicActions
{
    /// <summary>Applies the phase's sensitizations, then its disinhibitions.</summary>
    public static void Apply(RateNetwork network, PhaseSpec phase)
    {
        foreach (var s in phase.Sensitizations)
        {
            var population = network.Populations.First(p => p.Name == s.Population);
            var threshold = population.Threshold;
            for (int i = 0; i < threshold.Length; i++)
            {
                threshold[i] = (float)(threshold[i] + s.ThresholdShift);
            }

            population.Gain *= s.GainFactor;
        }

        foreach (var d in phase.Disinhibitions)
        {
            var projection = network.Projections.First(p => p.Name == d.Projection);
            float factor = (float)d.Factor;
            float min = (float)projection.Spec.Weight.Min;
            float max = (float)projection.Spec.Weight.Max;
            var w = projection.Weights;
            for (long k = 0; k < w.LongLength; k++)
            {
                // Absent and pruned synapses are 0 and stay 0 (0·factor), whatever the bounds say.
                if (projection.Exists(k))
                {
                    w[k] = Math.Clamp(w[k] * factor, min, max);
                }
            }
        }
    }
}
