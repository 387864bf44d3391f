using Neurotag.Core.Specs;

namespace Neurotag.Core;

/// <summary>
/// Bytes a network will allocate, computed from the spec alone so that a network too large for the machine is
/// refused before anything is allocated. Computed in 128-bit integers and saturated at <see cref="long.MaxValue"/>
/// (8 EiB, far above any memory limit), so absurd sizes give a large number, never an overflow.
/// </summary>
public static class MemoryEstimate
{
    /// <summary>The largest single array .NET allows (elements of a float[]).</summary>
    public const long MaxArrayElements = 0x7FFFFFC7;

    /// <summary>Estimated bytes of the network state (neuron state, tag members, synapses and their per-synapse extras).</summary>
    /// <param name="spec">The run.</param>
    /// <param name="sizeOf">Size of each population or tag by name (the projection endpoints).</param>
    public static long Bytes(SimulationSpec spec, Func<string, long> sizeOf)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(sizeOf);
        Int128 bytes = 0;
        foreach (var population in spec.Populations)
        {
            bytes += (Int128)population.Size * 3 * sizeof(float);
        }

        foreach (var tag in spec.Tags)
        {
            bytes += (Int128)tag.Size * sizeof(int); // the sorted member indices
        }

        foreach (var projection in spec.Projections)
        {
            bytes += ProjectionBytes(projection, sizeOf);
        }

        return Saturate(bytes);
    }

    /// <summary>Estimated bytes of one dense projection: its weights and their per-synapse extras; saturated.</summary>
    public static long ProjectionBytes(ProjectionSpec projection, Func<string, long> sizeOf)
    {
        ArgumentNullException.ThrowIfNull(projection);
        long synapses = SynapseSlots(projection, sizeOf);
        bool mask = projection.Connectivity.Rule != ConnectivityRule.AllToAll || !projection.Connectivity.AllowSelf || projection.Pruning is not null;
        bool trace = projection.Plasticity?.EligibilityTauMs is not null // the eligibility trace: one float per synapse
            || projection.Plasticity?.Consolidation is not null; // or the early (tag) component of tagging and capture
        bool snapshot = projection.Heterosynaptic is not null; // heterosynaptic depression keeps the step's starting weights
        long perSynapse = sizeof(float) + (mask ? sizeof(float) : 0) + (trace ? sizeof(float) : 0) + (snapshot ? sizeof(float) : 0) + (projection.Pruning is not null ? sizeof(int) : 0);
        return Saturate((Int128)synapses * perSynapse);
    }

    /// <summary>Dense slots (pre × post) of a projection; saturated at <see cref="long.MaxValue"/>.</summary>
    public static long SynapseSlots(ProjectionSpec projection, Func<string, long> sizeOf)
    {
        ArgumentNullException.ThrowIfNull(projection);
        ArgumentNullException.ThrowIfNull(sizeOf);
        return Saturate((Int128)sizeOf(projection.From) * sizeOf(projection.To));
    }

    private static long Saturate(Int128 value) => value > long.MaxValue ? long.MaxValue : (long)value;
}
