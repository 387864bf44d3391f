namespace Neurotag.Core.Spiking.Plasticity;

/// <summary>
/// The compressed-sparse-row synapse arrays a spiking rule works on, in the layout of the spiking core's
/// <c>SparseProjection</c> (row-major by presynaptic neuron with a transposed column index), so plasticity can be
/// built and tested without a whole network. The arrays are shared, not copied: a rule writes <see cref="Weight"/> in place.
/// </summary>
/// <param name="PreCount">Presynaptic neurons.</param>
/// <param name="PostCount">Postsynaptic neurons.</param>
/// <param name="RowStart">Length PreCount+1: synapses of pre i are s in [RowStart[i], RowStart[i+1]).</param>
/// <param name="Post">Post index of synapse s.</param>
/// <param name="Pre">Pre index of synapse s.</param>
/// <param name="Weight">Weight of synapse s.</param>
/// <param name="ColStart">Length PostCount+1: synapses onto post j are ColSynapse[ColStart[j]..ColStart[j+1]).</param>
/// <param name="ColSynapse">Synapse ids in column order.</param>
public sealed record SparseSynapses(int PreCount, int PostCount, int[] RowStart, int[] Post, int[] Pre, float[] Weight, int[] ColStart, int[] ColSynapse)
{
    /// <summary>Number of synapses.</summary>
    public int Count => Weight.Length;

    /// <summary>
    /// The presynaptic neuron of each entry of the column index (<c>Pre[ColSynapse[k]]</c>), so a postsynaptic spike
    /// reads its synapses' presynaptic traces without a second indirection. A new array per call (each rule keeps one).
    /// </summary>
    public int[] PreInColumnOrder()
    {
        var colPre = new int[Count];
        for (int k = 0; k < colPre.Length; k++)
        {
            colPre[k] = Pre[ColSynapse[k]];
        }

        return colPre;
    }

    /// <summary>
    /// Builds the arrays from (pre, post) pairs: rows sorted by post, columns by pre (the order the spiking core uses).
    /// For tests and small tools; the spiking core builds its own.
    /// </summary>
    public static SparseSynapses FromPairs(int preCount, int postCount, IReadOnlyList<(int Pre, int Post)> pairs, Func<int, float> weight)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(weight);
        var sorted = pairs.OrderBy(p => p.Pre).ThenBy(p => p.Post).ToArray();
        int n = sorted.Length;
        var rowStart = new int[preCount + 1];
        var post = new int[n];
        var pre = new int[n];
        var w = new float[n];
        for (int s = 0; s < n; s++)
        {
            pre[s] = sorted[s].Pre;
            post[s] = sorted[s].Post;
            w[s] = weight(s);
            rowStart[sorted[s].Pre + 1]++;
        }

        for (int i = 0; i < preCount; i++)
        {
            rowStart[i + 1] += rowStart[i];
        }

        var colStart = new int[postCount + 1];
        foreach (int j in post)
        {
            colStart[j + 1]++;
        }

        for (int j = 0; j < postCount; j++)
        {
            colStart[j + 1] += colStart[j];
        }

        var fill = (int[])colStart.Clone();
        var colSynapse = new int[n];
        for (int s = 0; s < n; s++)
        {
            colSynapse[fill[post[s]]++] = s; // s ascends, and with it pre: columns come out sorted by pre
        }

        return new SparseSynapses(preCount, postCount, rowStart, post, pre, w, colStart, colSynapse);
    }
}
