using Neurotag.Core.Specs;

namespace Neurotag.Core.Rate;

/// <summary>
/// A rate projection stored as a dense post-major matrix: row j holds the weights onto postsynaptic neuron j, so
/// the input of a neuron is one contiguous dot product and a Hebbian update of its row is one fused pass.
/// Absent (not connected, or pruned) synapses have mask 0 and weight exactly 0. Pre and post may be a whole
/// population or a tag: local indices map to population indices through <see cref="PreNeurons"/> and
/// <see cref="PostNeurons"/>.
/// </summary>
public sealed class DenseProjection
{
    internal DenseProjection(ProjectionSpec spec, RatePopulation pre, int[] preNeurons, RatePopulation post, int[] postNeurons)
    {
        Spec = spec;
        Pre = pre;
        Post = post;
        PreNeurons = preNeurons;
        PostNeurons = postNeurons;
        PreCount = preNeurons.Length;
        PostCount = postNeurons.Length;
        Weights = new float[(long)PreCount * PostCount];
        PreLocal = InverseMap(preNeurons, pre.Size);
        PostLocal = InverseMap(postNeurons, post.Size);
        PreRates = new float[PreCount];
        Sign = spec.Inhibitory ? -1f : 1f;
        RestWeight = (float)Math.Clamp(spec.Weight.Init.Mean, spec.Weight.Min, spec.Weight.Max);
    }

    /// <summary>The validated spec.</summary>
    public ProjectionSpec Spec { get; }

    /// <summary>Name.</summary>
    public string Name => Spec.Name;

    /// <summary>Presynaptic population.</summary>
    public RatePopulation Pre { get; }

    /// <summary>Postsynaptic population.</summary>
    public RatePopulation Post { get; }

    /// <summary>Population index of each local presynaptic index.</summary>
    public int[] PreNeurons { get; }

    /// <summary>Population index of each local postsynaptic index.</summary>
    public int[] PostNeurons { get; }

    /// <summary>Local presynaptic index of each population neuron, −1 when outside the projection.</summary>
    public int[] PreLocal { get; }

    /// <summary>Local postsynaptic index of each population neuron, −1 when outside the projection.</summary>
    public int[] PostLocal { get; }

    /// <summary>Number of presynaptic neurons (row length).</summary>
    public int PreCount { get; }

    /// <summary>Number of postsynaptic neurons (rows).</summary>
    public int PostCount { get; }

    /// <summary>Weights, row-major by postsynaptic neuron.</summary>
    public float[] Weights { get; }

    /// <summary>1 where a synapse exists, 0 where not; null when every synapse exists.</summary>
    public float[]? Mask { get; internal set; }

    /// <summary>Per synapse, how many consecutive pruning checks it has been below the pruning threshold; null without pruning.</summary>
    public int[]? BelowCount { get; internal set; }

    /// <summary>+1 excitatory, −1 inhibitory.</summary>
    public float Sign { get; }

    /// <summary>Weight that passive decay relaxes toward: the mean of the initial distribution, clipped to the bounds.</summary>
    public float RestWeight { get; }

    /// <summary>Scratch: presynaptic rates gathered for the current step.</summary>
    internal float[] PreRates { get; }

    /// <summary>Whether pre and post are the same population (a recurrent projection).</summary>
    public bool IsRecurrent => ReferenceEquals(Pre, Post);

    /// <summary>Whether the synapse at flat index <paramref name="k"/> exists.</summary>
    public bool Exists(long k) => Mask is null || Mask[k] != 0f;

    /// <summary>The weights onto local postsynaptic neuron <paramref name="row"/>.</summary>
    public Span<float> Row(int row) => Weights.AsSpan((int)((long)row * PreCount), PreCount);

    /// <summary>The mask of row <paramref name="row"/>, empty when every synapse exists.</summary>
    public ReadOnlySpan<float> MaskRow(int row) => Mask is null ? default : Mask.AsSpan((int)((long)row * PreCount), PreCount);

    /// <summary>Number of existing synapses.</summary>
    public long SynapseCount()
    {
        if (Mask is null)
        {
            return Weights.LongLength;
        }

        long count = 0;
        foreach (float m in Mask)
        {
            count += m != 0f ? 1 : 0;
        }

        return count;
    }

    /// <summary>Copies the presynaptic rates into <see cref="PreRates"/> (identity when the pre side is a whole population).</summary>
    internal void GatherPreRates()
    {
        var rates = Pre.Rate;
        if (PreCount == rates.Length && PreNeurons.Length > 0 && PreNeurons[^1] == PreCount - 1)
        {
            rates.AsSpan().CopyTo(PreRates);
            return;
        }

        for (int i = 0; i < PreCount; i++)
        {
            PreRates[i] = rates[PreNeurons[i]];
        }
    }

    private static int[] InverseMap(int[] neurons, int size)
    {
        var local = new int[size];
        Array.Fill(local, -1);
        for (int i = 0; i < neurons.Length; i++)
        {
            local[neurons[i]] = i;
        }

        return local;
    }
}
