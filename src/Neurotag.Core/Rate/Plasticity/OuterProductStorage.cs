using Neurotag.Core.Rate.Drives;
using Neurotag.Core.Specs;

namespace Neurotag.Core.Rate.Plasticity;

/// <summary>
/// <c>storage: { rule: hebbian_outer_product }</c> (Hopfield 1982, PNAS 79:2554, eq. 2; Amit, Gutfreund &amp;
/// Sompolinsky 1985): writes <c>w_ji = (1/N)·Σ_μ ξ^μ_j ξ^μ_i</c> over the patterns of a <c>patterns</c> input, with
/// ξ = +1 on a pattern's neurons and −1 elsewhere, N the number of presynaptic neurons, w_ii = 0 for a neuron onto
/// itself, absent synapses left at 0 and each weight clipped to the projection's bounds. It replaces the weights
/// (the stored matrix is the network's memory, not an increment); a later learning rule may change them.
/// </summary>
internal sealed class OuterProductStorage(DenseProjection projection, StorageSpec spec, PatternsDrive patterns)
{
    /// <summary>Writes the weights when <paramref name="phase"/> is the storage phase.</summary>
    public void EnterPhase(string phase)
    {
        if (spec.AtPhase == phase)
        {
            Write();
        }
    }

    /// <summary>Writes W from the pattern set.</summary>
    public void Write()
    {
        var p = projection;
        int pre = p.PreCount, post = p.PostCount;
        int count = patterns.Patterns.Count;
        var pop = p.Pre.Size >= p.Post.Size ? p.Pre.Size : p.Post.Size;
        // ξ^μ over the pre and post sides, as ±1 floats: pattern-major rows.
        var xiPre = new float[(long)count * pre];
        var xiPost = new float[(long)count * post];
        var member = new bool[pop];
        for (int mu = 0; mu < count; mu++)
        {
            Array.Clear(member);
            foreach (int n in patterns.Patterns[mu])
            {
                member[n] = true;
            }

            for (int i = 0; i < pre; i++)
            {
                xiPre[((long)mu * pre) + i] = member[p.PreNeurons[i]] && ReferenceEquals(p.Pre, patterns.Population) ? 1f : -1f;
            }

            for (int j = 0; j < post; j++)
            {
                xiPost[((long)mu * post) + j] = member[p.PostNeurons[j]] && ReferenceEquals(p.Post, patterns.Population) ? 1f : -1f;
            }
        }

        double scale = 1.0 / pre;
        float lo = (float)p.Spec.Weight.Min, hi = (float)p.Spec.Weight.Max;
        var w = p.Weights;
        var sum = new double[pre];
        for (int j = 0; j < post; j++)
        {
            Array.Clear(sum);
            for (int mu = 0; mu < count; mu++)
            {
                double xj = xiPost[((long)mu * post) + j];
                var row = xiPre.AsSpan((int)((long)mu * pre), pre);
                for (int i = 0; i < pre; i++)
                {
                    sum[i] += xj * row[i]; // integers: exact in double
                }
            }

            int self = p.IsRecurrent ? p.PreLocal[p.PostNeurons[j]] : -1;
            for (int i = 0; i < pre; i++)
            {
                long k = ((long)j * pre) + i;
                w[k] = i == self || !p.Exists(k) ? 0f : Math.Clamp((float)(sum[i] * scale), lo, hi);
            }
        }
    }
}
