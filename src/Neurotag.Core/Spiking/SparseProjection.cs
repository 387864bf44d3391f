using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
        if (pre.Length != post.Length || weight.Length != post.Length)
        {
            throw new ArgumentException("pre, post and weight must have one entry per synapse");
        }

        RowStart = new int[PreCount + 1];
        for (int s = 0; s < pre.Length; s++)
        {
            if ((uint)pre[s] >= (uint)PreCount || (uint)post[s] >= (uint)PostCount || (s > 0 && (pre[s] < pre[s - 1] || (pre[s] == pre[s - 1] && post[s] <= post[s - 1]))))
            {
                throw new ArgumentException($"synapse {s} ({pre[s]} → {post[s]}) is out of range or out of (pre, post) order");
            }

            RowStart[pre[s] + 1]++;
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

    /// <summary>Number of synapses built (pruned ones included; see <see cref="Alive"/>).</summary>
    public int Count => Post.Length;

    /// <summary>
    /// Per-synapse mask of the projection's pruning (0 = pruned: weight 0, never changes), or null when nothing prunes
    /// it. Set by the rule that owns the pruning, so that metrics average existing synapses only, as in rate networks.
    /// </summary>
    public byte[]? Alive { get; internal set; }

    /// <summary>Whether synapse <paramref name="s"/> exists (was not pruned).</summary>
    public bool Exists(int s) => Alive is null || Alive[s] != 0;

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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public void Deliver(ReadOnlySpan<int> arriving)
    {
        var rowStart = RowStart;
        // The CSR invariants (checked at construction: rows within the synapse arrays, posts within the target)
        // make every index below valid, so the inner loop runs without bounds checks.
        ref float target = ref MemoryMarshal.GetArrayDataReference(Target);
        ref int post = ref MemoryMarshal.GetArrayDataReference(Post);
        ref float weight = ref MemoryMarshal.GetArrayDataReference(Weight);
        foreach (int i in arriving)
        {
            int end = rowStart[i + 1];
            for (int s = rowStart[i]; s < end; s++)
            {
                Unsafe.Add(ref target, Unsafe.Add(ref post, s)) += Unsafe.Add(ref weight, s);
            }
        }
    }

    /// <summary>Drops every spike in flight (after an offline phase).</summary>
    public void ClearInFlight() => Array.Clear(_ringCount);
}
