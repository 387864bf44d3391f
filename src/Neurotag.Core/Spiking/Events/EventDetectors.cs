using Neurotag.Core.Specs;

namespace Neurotag.Core.Spiking.Events;

/// <summary>Builds the detector of an event spec (<see cref="EventSpec"/>), shared by modulator pulses and triggered actions.</summary>
public static class EventDetectors
{
    /// <summary>The detector of <paramref name="on"/>.</summary>
    /// <param name="on">The event.</param>
    /// <param name="dtMs">The step.</param>
    /// <param name="resolve">A population or tag name (and whether it is a tag) → its population and member indices.</param>
    /// <param name="synapses">The named synapses: name → (projection, synapse index).</param>
    public static IEventDetector Create(EventSpec on, double dtMs, Func<string, bool, (SpikingPopulation Population, int[] Neurons)> resolve,
        IReadOnlyDictionary<string, (SparseProjection Projection, int Synapse)> synapses)
    {
        ArgumentNullException.ThrowIfNull(on);
        ArgumentNullException.ThrowIfNull(resolve);
        ArgumentNullException.ThrowIfNull(synapses);
        switch (on)
        {
            case SpikeEventSpec s:
            {
                var (population, neurons) = resolve(s.Neurons.Target, s.Neurons.IsTag);
                bool whole = s.Neurons.Index is null && neurons.Length == population.Size;
                return new SpikeDetector(population, whole ? null : Mask(population.Size, s.Neurons.Index is { } i ? [neurons[i]] : neurons));
            }

            case PairingEventSpec p when p.Synapse is { } name:
            {
                var (projection, synapse) = synapses[name];
                return new PairingDetector(projection.PrePopulation, projection.Pre[synapse], projection.PostPopulation, projection.Post[synapse], p.WindowSteps);
            }

            case PairingEventSpec p:
            {
                var (prePopulation, preNeurons) = resolve(p.Pre!.Target, p.Pre.IsTag);
                var (postPopulation, postNeurons) = resolve(p.Post!.Target, p.Post.IsTag);
                return new PairingDetector(prePopulation, preNeurons[p.Pre.Index!.Value], postPopulation, postNeurons[p.Post.Index!.Value], p.WindowSteps);
            }

            case RateEventSpec r:
            {
                var (population, neurons) = resolve(r.Neurons.Target, r.Neurons.IsTag);
                bool whole = neurons.Length == population.Size;
                return new RateCrossingDetector(population, whole ? null : Mask(population.Size, neurons), neurons.Length, r.AboveHz, checked((int)r.WindowSteps), dtMs);
            }

            case ScheduleEventSpec t:
                return new ScheduleDetector(t.AtSteps, t.EverySteps, t.StartStep);
            default:
                throw new ArgumentOutOfRangeException(nameof(on), on.GetType().Name, "unknown event");
        }
    }

    private static bool[] Mask(int size, IEnumerable<int> members)
    {
        var mask = new bool[size];
        foreach (int m in members)
        {
            mask[m] = true;
        }

        return mask;
    }
}
