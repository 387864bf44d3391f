namespace Neurotag.Core.Spiking.Events;

/// <summary>
/// The mean rate of a population or tag over a causal flat window (<see cref="SlidingSpikeCount"/>, the recorder's
/// window) crossing a threshold upward: one trigger at the step the rate goes from ≤ to &gt; the threshold. At a phase
/// start the window restarts empty (rate 0), so a rate that stays high triggers again in the next phase.
/// </summary>
public sealed class RateCrossingDetector : IEventDetector
{
    private readonly SpikingPopulation _population;
    private readonly bool[]? _members;
    private readonly int _neurons;
    private readonly double _aboveHz;
    private readonly double _dtMs;
    private readonly SlidingSpikeCount _window;
    private bool _above;

    /// <summary>Rate of <paramref name="neurons"/> neurons of <paramref name="population"/> (those of <paramref name="members"/> when given).</summary>
    public RateCrossingDetector(SpikingPopulation population, bool[]? members, int neurons, double aboveHz, int windowSteps, double dtMs)
    {
        _population = population;
        _members = members;
        _neurons = neurons;
        _aboveHz = aboveHz;
        _dtMs = dtMs;
        _window = new SlidingSpikeCount(windowSteps);
    }

    /// <inheritdoc />
    public int Triggers(long stepIndex)
    {
        int count = 0;
        if (_members is null)
        {
            count = _population.SpikeCount;
        }
        else
        {
            foreach (int n in _population.Spikes)
            {
                if (_members[n])
                {
                    count++;
                }
            }
        }

        _window.Push(count);
        bool above = _window.RateHz(_neurons, _dtMs) > _aboveHz;
        bool crossed = above && !_above;
        _above = above;
        return crossed ? 1 : 0;
    }

    /// <inheritdoc />
    public void EnterPhase()
    {
        _window.Restart();
        _above = false;
    }
}
