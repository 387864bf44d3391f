using Neurotag.Core.Specs;

namespace Neurotag.Core.Rate.Recording;

/// <summary>
/// The tag metrics of the scenario contract, defined once. Weights are read from the population's excitatory
/// recurrent projections; a synapse counts only where it exists (absent and pruned synapses are not averaged in,
/// so pruning shows as a falling synapse count in weights.csv rather than as a falling mean).
/// </summary>
public static class RateTagMetrics
{
    /// <summary>Mean rate of the tag's members.</summary>
    public static double Activation(RateTag tag)
    {
        ArgumentNullException.ThrowIfNull(tag);
        double sum = 0;
        foreach (int m in tag.Members)
        {
            sum += tag.Population.Rate[m];
        }

        return tag.Members.Length == 0 ? double.NaN : sum / tag.Members.Length;
    }

    /// <summary>
    /// Mean weight of existing synapses from <paramref name="from"/>'s members to <paramref name="to"/>'s members; NaN
    /// when there is none. The i = j pair is excluded only on a recurrent projection, where it is the neuron's
    /// self-connection. Between two populations, pre i and post i are different neurons and their synapse counts
    /// (issue #14: skipping it made one_to_one coupling NaN).
    /// </summary>
    public static double MeanWeight(IReadOnlyList<int> from, IReadOnlyList<int> to, IReadOnlyList<DenseProjection> projections)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        ArgumentNullException.ThrowIfNull(projections);
        double sum = 0;
        long count = 0;
        foreach (var p in projections)
        {
            bool excludeSelf = p.IsRecurrent;
            foreach (int j in to)
            {
                int lj = p.PostLocal[j];
                if (lj < 0)
                {
                    continue;
                }

                long row = (long)lj * p.PreCount;
                foreach (int i in from)
                {
                    int li = p.PreLocal[i];
                    if (li < 0 || (excludeSelf && i == j) || !p.Exists(row + li))
                    {
                        continue;
                    }

                    sum += p.Weights[row + li];
                    count++;
                }
            }
        }

        return count == 0 ? double.NaN : sum / count;
    }

    /// <summary>Summed weight onto neuron <paramref name="post"/> from <paramref name="from"/> over the projections (a recurrent projection's self-connection excluded).</summary>
    public static double SummedInput(IReadOnlyList<int> from, int post, IReadOnlyList<DenseProjection> projections)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(projections);
        double sum = 0;
        foreach (var p in projections)
        {
            int lj = p.PostLocal[post];
            if (lj < 0)
            {
                continue;
            }

            long row = (long)lj * p.PreCount;
            bool excludeSelf = p.IsRecurrent;
            foreach (int i in from)
            {
                int li = p.PreLocal[i];
                if (li >= 0 && !(excludeSelf && i == post))
                {
                    sum += p.Weights[row + li];
                }
            }
        }

        return sum;
    }

    /// <summary>
    /// Ownership of the neurons shared by <paramref name="a"/> and <paramref name="b"/>: the fraction of shared
    /// neurons whose summed input from a's exclusive members exceeds that from b's exclusive members. NaN when the
    /// tags share no neuron.
    /// </summary>
    public static double Ownership(RateTag a, RateTag b, IReadOnlyList<DenseProjection> projections)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var inB = new HashSet<int>(b.Members);
        var shared = a.Members.Where(inB.Contains).ToArray();
        if (shared.Length == 0)
        {
            return double.NaN;
        }

        var sharedSet = new HashSet<int>(shared);
        var exclusiveA = a.Members.Where(m => !sharedSet.Contains(m)).ToArray();
        var exclusiveB = b.Members.Where(m => !sharedSet.Contains(m)).ToArray();
        int owned = shared.Count(s => SummedInput(exclusiveA, s, projections) > SummedInput(exclusiveB, s, projections));
        return (double)owned / shared.Length;
    }

    /// <summary>The excitatory recurrent projections of a population: the ones tag strength and ownership are read from.</summary>
    public static IReadOnlyList<DenseProjection> RecurrentExcitatory(RateNetwork network, RatePopulation population) =>
        Excitatory(network, population, population);

    /// <summary>The excitatory projections from one population to another: the ones coupling is read from.</summary>
    public static IReadOnlyList<DenseProjection> Excitatory(RateNetwork network, RatePopulation from, RatePopulation to)
    {
        ArgumentNullException.ThrowIfNull(network);
        return network.Projections.Where(p => ReferenceEquals(p.Pre, from) && ReferenceEquals(p.Post, to) && !p.Spec.Inhibitory).ToList();
    }
}
