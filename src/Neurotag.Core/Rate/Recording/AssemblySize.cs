namespace Neurotag.Core.Rate.Recording;

/// <summary>
/// Size of a cell assembly as Tetzlaff, Dasgupta, Kulvicius &amp; Wörgötter (2015, Sci Rep 5:12866, Fig. 2F) measure it:
/// the neurons connected by strong synapses, "efficacies larger than half the maximum weight" (Tetzlaff et al. 2015,
/// BMC Neurosci 16(Suppl 1):O5). Starting from the tag's members (the stimulated neurons), every neuron reachable
/// along existing excitatory recurrent synapses with weight &gt; the threshold, followed from pre to post, belongs to
/// the assembly; the metric is that count over the population size (the figure's "neurons in cell assembly [%]").
/// A tag whose outgoing synapses are all weak therefore has size |members| / N, and an assembly grows only by
/// recruiting neurons through strong synapses. The i = j synapse of a recurrent projection never adds a neuron.
/// </summary>
public static class AssemblySize
{
    /// <summary>
    /// Fraction of <paramref name="tag"/>'s population reachable from its members through synapses of
    /// <paramref name="projections"/> (the population's excitatory recurrent projections) with weight &gt;
    /// <paramref name="above"/>; NaN for a tag without members.
    /// </summary>
    public static double Fraction(RateTag tag, IReadOnlyList<DenseProjection> projections, double above)
    {
        ArgumentNullException.ThrowIfNull(tag);
        ArgumentNullException.ThrowIfNull(projections);
        if (tag.Members.Length == 0)
        {
            return double.NaN;
        }

        var reached = new bool[tag.Population.Size];
        var queue = new Queue<int>();
        foreach (int m in tag.Members)
        {
            reached[m] = true;
            queue.Enqueue(m);
        }

        int count = tag.Members.Length;
        while (queue.Count > 0)
        {
            int pre = queue.Dequeue();
            foreach (var p in projections)
            {
                int li = p.PreLocal[pre];
                if (li < 0)
                {
                    continue;
                }

                // Weights are row-major by post neuron: the synapse pre → post sits in column li of post's row.
                for (int lj = 0; lj < p.PostCount; lj++)
                {
                    int post = p.PostNeurons[lj];
                    long k = ((long)lj * p.PreCount) + li;
                    if (!reached[post] && p.Exists(k) && p.Weights[k] > above)
                    {
                        reached[post] = true;
                        count++;
                        queue.Enqueue(post);
                    }
                }
            }
        }

        return (double)count / tag.Population.Size;
    }
}
