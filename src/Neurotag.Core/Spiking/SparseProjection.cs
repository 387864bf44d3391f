using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Neurotag.Core.Specs;

namespace Neurotag.Core.Spiking;

/// <summary>
/// A spiking projection's synapses in compressed sparse row form (pre-major), with a transposed index for
/// postsynaptic (STDP) updates. Rows span the whole presynaptic population and <see cref="Post"/> indexes the whole
/// postsynaptic population; when an endpoint is a tag, non-members simply have no synapses.
/// Delays: a homogeneous delay goes through a ring of presynaptic spike lists (one per step of delay), so only the
/// rows of arriving spikes are touched. Per-synapse delays follow NEST: at emission each synapse of the row adds its
/// weight into a ring of future input per postsynaptic neuron, at slot (t + d_s) mod (D + 1), and each step the slot
/// of t is added to the target and cleared. A plastic projection queues synapse ids instead (same slots), so its
/// weights are read, and its rule called, at arrival — as Brian2 runs on_pre after the delay.
/// </summary>
public sealed class SparseProjection
{
    private readonly int[][] _ring;
    private readonly int[] _ringCount;
    private readonly int[]? _synapseDelay;
    private readonly float[]? _futureInput;
    private readonly int[][]? _futureSynapses;
    private readonly int[]? _futureSynapseCount;
    private readonly ushort[]? _post16;
    private readonly float? _uniformWeight;

    /// <summary>Wraps built CSR arrays; <paramref name="pre"/> and <paramref name="post"/> are sorted by (pre, post).</summary>
    /// <param name="spec">The projection's spec.</param>
    /// <param name="prePopulation">Presynaptic population.</param>
    /// <param name="postPopulation">Postsynaptic population.</param>
    /// <param name="pre">Presynaptic index per synapse.</param>
    /// <param name="post">Postsynaptic index per synapse.</param>
    /// <param name="weight">Weight per synapse.</param>
    /// <param name="synapseDelay">Per-synapse delays in steps (0 … spec.MaxSynapseDelaySteps), or null for the homogeneous spec.DelaySteps.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public SparseProjection(ProjectionSpec spec, SpikingPopulation prePopulation, SpikingPopulation postPopulation, int[] pre, int[] post, float[] weight, int[]? synapseDelay = null)
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
        if (spec.Plasticity is null)
        {
            // Fixed weights never change, so delivery can read less memory per event: one weight for the whole
            // projection when all are equal (Brian2's `ge_post += we`), and 2-byte post indices when they fit. At
            // 20 000 neurons the rows come from DRAM, and 8 bytes per event become 2.
            if (weight.Length > 0 && Array.TrueForAll(weight, w => BitConverter.SingleToInt32Bits(w) == BitConverter.SingleToInt32Bits(weight[0])))
            {
                _uniformWeight = weight[0];
            }

            if (PostCount <= ushort.MaxValue + 1)
            {
                _post16 = new ushort[post.Length];
                for (int s = 0; s < post.Length; s++)
                {
                    _post16[s] = (ushort)post[s];
                }
            }
        }
        if (synapseDelay is not null)
        {
            if (synapseDelay.Length != post.Length)
            {
                throw new ArgumentException("synapseDelay must have one entry per synapse", nameof(synapseDelay));
            }

            MaxSynapseDelaySteps = spec.MaxSynapseDelaySteps;
            foreach (int d in synapseDelay)
            {
                if ((uint)d > (uint)MaxSynapseDelaySteps)
                {
                    throw new ArgumentException($"a synapse delay of {d} steps is outside [0, {MaxSynapseDelaySteps}]", nameof(synapseDelay));
                }
            }

            _synapseDelay = synapseDelay;
            int slots = MaxSynapseDelaySteps + 1;
            if (spec.Plasticity is null)
            {
                _futureInput = new float[(long)slots * PostCount];
            }
            else
            {
                _futureSynapses = new int[slots][];
                for (int k = 0; k < slots; k++)
                {
                    _futureSynapses[k] = new int[16];
                }

                _futureSynapseCount = new int[slots];
            }
        }
    }

    /// <summary>The projection's spec.</summary>
    public ProjectionSpec Spec { get; }

    /// <summary>Name.</summary>
    public string Name => Spec.Name;

    /// <summary>Presynaptic population.</summary>
    public SpikingPopulation PrePopulation { get; }

    /// <summary>Postsynaptic population.</summary>
    public SpikingPopulation PostPopulation { get; }

    /// <summary>Whether pre and post are the same population (a recurrent projection, where i = j is a self-connection).</summary>
    public bool IsRecurrent => ReferenceEquals(PrePopulation, PostPopulation);

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

    /// <summary>Whether delays are per synapse (<see cref="TransmitPerSynapse"/>) rather than homogeneous (<see cref="Transmit"/>).</summary>
    public bool HasSynapseDelays => _synapseDelay is not null;

    /// <summary>Per-synapse delays in steps (empty when homogeneous).</summary>
    public ReadOnlySpan<int> SynapseDelays => _synapseDelay;

    /// <summary>The longest per-synapse delay in steps (0 when homogeneous).</summary>
    public int MaxSynapseDelaySteps { get; }

    /// <summary>Number of synapses built (pruned ones included; see <see cref="Alive"/>).</summary>
    public int Count => Post.Length;

    /// <summary>
    /// Per-synapse mask of the projection's pruning (0 = pruned: weight 0, never changes), or null when nothing prunes
    /// it. Set by the rule that owns the pruning, so that metrics average existing synapses only, as in rate networks.
    /// </summary>
    public byte[]? Alive { get; internal set; }

    /// <summary>Whether synapse <paramref name="s"/> exists (was not pruned).</summary>
    public bool Exists(int s) => Alive is null || Alive[s] != 0;

    /// <summary>
    /// Phase action <c>disinhibit</c>: every existing weight times <paramref name="factor"/>, clipped to the weight
    /// bounds (pruned synapses stay 0). Persists; a plastic rule learns on from the scaled weights.
    /// </summary>
    public void Scale(double factor)
    {
        float f = (float)factor, min = (float)Spec.Weight.Min, max = (float)Spec.Weight.Max;
        var w = Weight;
        for (int s = 0; s < w.Length; s++)
        {
            if (Exists(s))
            {
                w[s] = Math.Clamp(w[s] * f, min, max);
            }
        }
    }

    /// <summary>The postsynaptic state the weights add to (g_i for inhibitory projections, g_e otherwise).</summary>
    public float[] Target { get; }

    /// <summary>
    /// Queues this step's presynaptic spikes and returns those that arrive now (emitted DelaySteps steps ago); the
    /// returned span stays valid until the next call.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
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
        if (_post16 is { } post16)
        {
            DeliverCompact(arriving, post16);
            return;
        }

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

    /// <summary>
    /// Per-synapse delays: queues the synapses of this step's presynaptic spikes at their arrival slots, then applies
    /// what arrives now. A static projection has already summed the arriving weights per postsynaptic neuron, adds
    /// them to the target and returns an empty span; a plastic one adds each arriving synapse's current weight and
    /// returns the arriving synapse ids (valid until the next call) for its rule.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public ReadOnlySpan<int> TransmitPerSynapse(long step, ReadOnlySpan<int> preSpikes)
    {
        var delay = _synapseDelay ?? throw new InvalidOperationException($"projection '{Name}' has a homogeneous delay");
        int slots = MaxSynapseDelaySteps + 1;
        int now = (int)(step % slots);
        var rowStart = RowStart;
        var post = Post;
        var weight = Weight;
        if (_futureInput is { } future)
        {
            int postCount = PostCount;
            foreach (int i in preSpikes)
            {
                for (int s = rowStart[i], end = rowStart[i + 1]; s < end; s++)
                {
                    int slot = now + delay[s];
                    slot = slot >= slots ? slot - slots : slot;
                    future[((long)slot * postCount) + post[s]] += weight[s];
                }
            }

            var arriving = future.AsSpan((int)((long)now * postCount), postCount);
            System.Numerics.Tensors.TensorPrimitives.Add(Target, arriving, Target);
            arriving.Clear();
            return [];
        }

        var queues = _futureSynapses!;
        var counts = _futureSynapseCount!;
        foreach (int i in preSpikes)
        {
            for (int s = rowStart[i], end = rowStart[i + 1]; s < end; s++)
            {
                int slot = now + delay[s];
                slot = slot >= slots ? slot - slots : slot;
                if (counts[slot] == queues[slot].Length)
                {
                    Array.Resize(ref queues[slot], queues[slot].Length * 2); // grows to the busiest slot, then stays
                }

                queues[slot][counts[slot]++] = s;
            }
        }

        int count = counts[now];
        counts[now] = 0;
        var synapses = queues[now].AsSpan(0, count);
        var target = Target;
        foreach (int s in synapses)
        {
            target[post[s]] += weight[s];
        }

        return synapses;
    }

    /// <summary><see cref="Deliver"/> for fixed weights with 2-byte post indices, and one weight when all are equal.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void DeliverCompact(ReadOnlySpan<int> arriving, ushort[] post16)
    {
        var rowStart = RowStart;
        ref float target = ref MemoryMarshal.GetArrayDataReference(Target);
        ref ushort post = ref MemoryMarshal.GetArrayDataReference(post16);
        if (_uniformWeight is { } w)
        {
            foreach (int i in arriving)
            {
                int end = rowStart[i + 1];
                for (int s = rowStart[i]; s < end; s++)
                {
                    Unsafe.Add(ref target, Unsafe.Add(ref post, s)) += w;
                }
            }

            return;
        }

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
    public void ClearInFlight()
    {
        Array.Clear(_ringCount);
        if (_futureInput is { } future)
        {
            Array.Clear(future);
        }

        if (_futureSynapseCount is { } counts)
        {
            Array.Clear(counts);
        }
    }
}
