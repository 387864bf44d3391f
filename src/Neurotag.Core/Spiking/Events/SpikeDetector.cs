namespace Neurotag.Core.Spiking.Events;

/// <summary>Each spike of the selected neurons of one population in the step is one trigger.</summary>
public sealed class SpikeDetector : IEventDetector
{
    private readonly SpikingPopulation _population;
    private readonly bool[]? _members;

    /// <summary>Spikes of <paramref name="population"/>, restricted to <paramref name="members"/> when given.</summary>
    public SpikeDetector(SpikingPopulation population, bool[]? members)
    {
        _population = population;
        _members = members;
    }

    /// <inheritdoc />
    public int Triggers(long stepIndex)
    {
        if (_members is null)
        {
            return _population.SpikeCount;
        }

        int count = 0;
        foreach (int n in _population.Spikes)
        {
            if (_members[n])
            {
                count++;
            }
        }

        return count;
    }

    /// <inheritdoc />
    public void EnterPhase()
    {
    }
}
