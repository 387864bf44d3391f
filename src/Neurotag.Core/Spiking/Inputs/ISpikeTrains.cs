namespace Neurotag.Core.Spiking.Inputs;

/// <summary>A set of Poisson spike trains a Poisson population or input draws from: independent or correlated.</summary>
public interface ISpikeTrains
{
    /// <summary>Current rate in Hz.</summary>
    double RateHz { get; }

    /// <summary>Sets the rate; the first step that may spike is <paramref name="firstStep"/>.</summary>
    void Restart(double rateHz, long firstStep);

    /// <summary>Writes the trains that spike at step <paramref name="stepIndex"/> (increasing) into <paramref name="spikes"/>; returns their number.</summary>
    int Emit(long stepIndex, Span<int> spikes);
}
