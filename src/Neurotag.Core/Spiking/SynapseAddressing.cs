using Neurotag.Core.Randomness;
using Neurotag.Core.Specs;

namespace Neurotag.Core.Spiking;

/// <summary>
/// Finds the named synapses of a built projection (<see cref="SynapseAddressSpec"/>) and applies their initial
/// weights. A synapse given by its ends must exist in the drawn connectivity; one without ends is drawn uniformly
/// among the projection's synapses from the stream <c>pick:NAME</c> (Izhikevich 2007's randomly chosen synapse).
/// </summary>
public static class SynapseAddressing
{
    /// <summary>
    /// Resolves the named synapses of <paramref name="projection"/> whose <c>from</c> and <c>to</c> members are
    /// <paramref name="preNeurons"/> and <paramref name="postNeurons"/>, setting the initial weights it gives.
    /// </summary>
    /// <exception cref="SynapseAddressException">A synapse given by its ends does not exist, or the projection has none to draw.</exception>
    public static IEnumerable<(string Name, int Synapse)> Resolve(SparseProjection projection, int[] preNeurons, int[] postNeurons, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(projection);
        ArgumentNullException.ThrowIfNull(preNeurons);
        ArgumentNullException.ThrowIfNull(postNeurons);
        var resolved = new List<(string, int)>();
        foreach (var address in projection.Spec.Synapses)
        {
            int synapse;
            if (address.Pre is { } pre && address.Post is { } post)
            {
                synapse = Find(projection, preNeurons[pre], postNeurons[post]);
                if (synapse < 0)
                {
                    throw new SynapseAddressException(FormattableString.Invariant(
                        $"{address.Source}: error: synapse '{address.Name}': projection '{projection.Name}' has no synapse from pre {pre} to post {post} in the connectivity drawn from this seed (hint: pick one that exists, e.g. '{{ pick: random }}', or use connectivity all_to_all)"));
                }
            }
            else
            {
                if (projection.Count == 0)
                {
                    throw new SynapseAddressException($"{address.Source}: error: synapse '{address.Name}': projection '{projection.Name}' has no synapse to pick (hint: raise its connection probability)");
                }

                synapse = RandomSource.ForName(seed, "pick:" + address.Name).NextInt(projection.Count);
            }

            if (address.InitialWeight is { } w)
            {
                projection.Weight[synapse] = (float)Math.Clamp(w, projection.Spec.Weight.Min, projection.Spec.Weight.Max);
            }

            resolved.Add((address.Name, synapse));
        }

        return resolved;
    }

    /// <summary>The synapse from population neuron <paramref name="pre"/> to <paramref name="post"/>, or −1.</summary>
    private static int Find(SparseProjection projection, int pre, int post)
    {
        for (int s = projection.RowStart[pre]; s < projection.RowStart[pre + 1]; s++)
        {
            if (projection.Post[s] == post)
            {
                return s;
            }
        }

        return -1;
    }
}
