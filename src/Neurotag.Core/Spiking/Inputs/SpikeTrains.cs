using Neurotag.Core.Randomness;

namespace Neurotag.Core.Spiking.Inputs;

/// <summary>Chooses the Poisson train generator for a population or input.</summary>
public static class SpikeTrains
{
    /// <summary>
    /// Independent trains (<see cref="PoissonTrains"/>) when <paramref name="correlation"/> is 0, otherwise
    /// <see cref="CorrelatedPoissonTrains"/>, whose parent train uses <paramref name="rng"/> and whose independent spikes
    /// use a stream seeded from it; the first step that may spike is <paramref name="firstStep"/>.
    /// </summary>
    public static ISpikeTrains Create(int count, double rateHz, double correlation, double dtMs, RandomSource rng, long firstStep)
    {
        ArgumentNullException.ThrowIfNull(rng);
        if (correlation == 0)
        {
            return new PoissonTrains(count, rateHz, dtMs, rng, firstStep);
        }

        var independent = new RandomSource(rng.NextUInt64());
        var trains = new CorrelatedPoissonTrains(count, correlation, dtMs, rng, independent);
        trains.Restart(rateHz, firstStep);
        return trains;
    }
}
