namespace Neurotag.Core.Spiking;

/// <summary>The weight-based tag metrics (docs/scenario-format.md) computed from sparse projections.</summary>
public static class SparseTagMetrics
{
    /// <summary>A membership mask of length <paramref name="size"/>.</summary>
    public static bool[] Mask(int[] members, int size)
    {
        ArgumentNullException.ThrowIfNull(members);
        var mask = new bool[size];
        foreach (int m in members)
        {
            mask[m] = true;
        }

        return mask;
    }

    /// <summary>The excitatory projections from one population to another.</summary>
    public static IReadOnlyList<SparseProjection> Excitatory(SpikingNetwork network, SpikingPopulation from, SpikingPopulation to)
    {
        ArgumentNullException.ThrowIfNull(network);
        return [.. network.Projections.Where(p => ReferenceEquals(p.PrePopulation, from) && ReferenceEquals(p.PostPopulation, to) && !p.Spec.Inhibitory)];
    }

    /// <summary>
    /// Mean weight of the existing (not pruned) synapses from members of <paramref name="from"/> to members of
    /// <paramref name="to"/>; NaN when there is none. The i = j pair is excluded only on a recurrent projection (a
    /// self-connection); between two populations pre i and post i are different neurons (issue #14).
    /// </summary>
    public static double MeanWeight(bool[] from, bool[] to, IReadOnlyList<SparseProjection> projections)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        ArgumentNullException.ThrowIfNull(projections);
        double sum = 0;
        long count = 0;
        foreach (var p in projections)
        {
            bool excludeSelf = p.IsRecurrent;
            for (int i = 0; i < p.PreCount; i++)
            {
                if (!from[i])
                {
                    continue;
                }

                for (int s = p.RowStart[i]; s < p.RowStart[i + 1]; s++)
                {
                    int j = p.Post[s];
                    if (to[j] && !(excludeSelf && i == j) && p.Exists(s))
                    {
                        sum += p.Weight[s];
                        count++;
                    }
                }
            }
        }

        return count == 0 ? double.NaN : sum / count;
    }

    /// <summary>Summed weight onto <paramref name="post"/> from members of <paramref name="from"/> (a recurrent projection's self-connection excluded).</summary>
    public static double SummedInput(bool[] from, int post, IReadOnlyList<SparseProjection> projections)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(projections);
        double sum = 0;
        foreach (var p in projections)
        {
            bool excludeSelf = p.IsRecurrent;
            for (int k = p.ColStart[post]; k < p.ColStart[post + 1]; k++)
            {
                int s = p.ColSynapse[k];
                if (from[p.Pre[s]] && !(excludeSelf && p.Pre[s] == post))
                {
                    sum += p.Weight[s];
                }
            }
        }

        return sum;
    }

    /// <summary>Fraction of the neurons shared by tags a and b whose summed input from a's exclusive members exceeds that from b's; NaN when none is shared.</summary>
    public static double Ownership(int[] a, int[] b, int size, IReadOnlyList<SparseProjection> projections)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var inB = new HashSet<int>(b);
        var shared = a.Where(inB.Contains).ToArray();
        if (shared.Length == 0)
        {
            return double.NaN;
        }

        var sharedSet = new HashSet<int>(shared);
        var exclusiveA = Mask([.. a.Where(m => !sharedSet.Contains(m))], size);
        var exclusiveB = Mask([.. b.Where(m => !sharedSet.Contains(m))], size);
        int owned = shared.Count(s => SummedInput(exclusiveA, s, projections) > SummedInput(exclusiveB, s, projections));
        return (double)owned / shared.Length;
    }
}
