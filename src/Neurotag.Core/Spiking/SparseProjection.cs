using Neurotag.Core.Specs;

namespace Neurotag.Core.Spiking;

/// <summary>
/// A spiking projection's synapses in compressed sparse row form (pre-major), with a transposed index for
/// postsynaptic (STDP) updates and a ring buffer of presynaptic spikes for the homogeneous delay. Rows span the
/// whole presynaptic population and <see cref="Post"/> indexes the whole postsynaptic population; when an endpoint is
/// a tag, non-members simply have no synapses.
/// </summary>
public sealed class SparseProjection
{
    private readonly int[][] _ring;
    private readonly int[] _ringCount;

    /// <summary>Wraps built CSR arrays; <paramref name="pre"/> and <paramref name="post"/> are sorted by (pre, post).</summary>
    public SparseProjection(ProjectionSpec spec, SpikingPopulation prePopulation, SpikingPopulation postPopulation, int[] pre, int[] post, float[] weight)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(prePopulation);
        ArgumentNullException.ThrowIfNull(postPopulation);
        ArgumentNullException.ThrowIfNull(pre);
        ArgumentNullException.ThrowIfNull(post);
        ArgumentNullException.ThrowIfNull(weight);
        Spec = spec;
        PrePopulation = prePopulation;
        PostPopulation = postPopulation;
        PreCount = prePopulation.Size;
        PostCount = postPopulation.Size;
        Pre = pre;
        Post = post;
        Weight = weight;
        RowStart = new int[PreCount + 1];
        foreach (int i in pre)
        {
            RowStart[i + 1]++;
        }

        for (int i = 0; i < PreCount; i++)
        {
            RowStart[i + 1] += RowStart[i];
        }

        ColStart = new int[PostCount + 1];
        foreach (int j in post)
        {
            ColStart[j + 1]++;
        }

        for (int j = 0; j < PostCount; j++)
        {
            ColStart[j + 1] += ColStart[j];
        }

        ColSynapse = new int[post.Length];
        var fill = (int[])ColStart.Clone();
        for (int s = 0; s < post.Length; s++)
        {
            ColSynapse[fill[post[s]]++] = s; // s ascending, so each column lists ascending pre
        }

        DelaySteps = spec.DelaySteps;
        _ring = new int[DelaySteps + 1][];
        for (int k = 0; k < _ring.Length; k++)
        {
            _ring[k] = new int[PreCount];
        }

        _ringCount = new int[DelaySteps + 1];
        Target = spec.Inhibitory ? postPopulation.Gi : postPopulation.Ge;
    }

    /// <summary>The projection's spec.</summary>
    public ProjectionSpec Spec { get; }

    /// <summary>Name.</summary>
    public string Name => Spec.Name;

    /// <summary>Presynaptic population.</summary>
    public SpikingPopulation PrePopulation { get; }

    /// <summary>Postsynaptic population.</summary>
    public SpikingPopulation PostPopulation { get; }

    /// <summary>Presynaptic population size (rows).</summary>
    public int PreCount { get; }

    /// <summary>Postsynaptic population size.</summary>
    public int PostCount { get; }

    /// <summary>Length PreCount+1: the synapses of pre i are s in [RowStart[i], RowStart[i+1]), sorted by post.</summary>
    public int[] RowStart { get; }

    /// <summary>Postsynaptic index (within the post population) of synapse s.</summary>
    public int[] Post { get; }

    /// <summary>Presynaptic index (within the pre population) of synapse s.</summary>
    public int[] Pre { get; }

    /// <summary>Weight of synapse s: nS (COBA), mV (CUBA) or model units (Izhikevich); pruned synapses hold 0.</summary>
    public float[] Weight { get; }

    /// <summary>Length PostCount+1: the synapses onto post j are ColSynapse[ColStart[j]..ColStart[j+1]).</summary>
    public int[] ColStart { get; }

    /// <summary>Synapse ids by post, ascending pre within each post.</summary>
    public int[] ColSynapse { get; }

    /// <summary>Homogeneous delay in steps.</summary>
    public int DelaySteps { get; }

    /// <summary>Number of synapses.</summary>
    public int Count => Post.Length;

    /// <summary>The postsynaptic state the weights add to (g_i for inhibitory projections, g_e otherwise).</summary>
    public float[] Target { get; }

    /// <summary>
    /// Queues this step's presynaptic spikes and returns those that arrive now (emitted DelaySteps steps ago); the
    /// returned span stays valid until the next call.
    /// </summary>
    public ReadOnlySpan<int> Transmit(long step, ReadOnlySpan<int> preSpikes)
    {
        int slots = _ring.Length;
        int push = (int)((step + DelaySteps) % slots);
        preSpikes.CopyTo(_ring[push].AsSpan(_ringCount[push]));
        _ringCount[push] += preSpikes.Length;
        int pop = (int)(step % slots);
        int count = _ringCount[pop];
        _ringCount[pop] = 0;
        return _ring[pop].AsSpan(0, count);
    }

    /// <summary>Adds the weights of every synapse of the arriving presynaptic neurons to their targets (event-driven).</summary>
    public void Deliver(ReadOnlySpan<int> arriving)
    {
        var target = Target;
        var rowStart = RowStart;
        var post = Post;
        var weight = Weight;
        foreach (int i in arriving)
        {
            int end = rowStart[i + 1];
            for (int s = rowStart[i]; s < end; s++)
            {
                target[post[s]] += weight[s];
            }
        }
    }

    /// <summary>Drops every spike in flight (after an offline phase).</summary>
    public void ClearInFlight() => Array.Clear(_ringCount);
}
