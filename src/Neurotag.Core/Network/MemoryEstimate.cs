using Neurotag.Core.Specs;

namespace Neurotag.Core.Network;

/// <summary>
/// Bytes a network will allocate, computed from the spec alone so that a network too large for the machine is
/// refused before anything is allocated.
/// </summary>
public static class MemoryEstimate
{
    /// <summary>The largest single array .NET allows (elements of a float[]).</summary>
    public const long MaxArrayElements = 0x7FFFFFC7;

    /// <summary>Estimated bytes of the network state.</summary>
    /// <param name="spec">The run.</param>
    /// <param name="sizeOf">Size of each population or tag by name (the projection endpoints).</param>
    public static long Bytes(SimulationSpec spec, Func<string, long> sizeOf)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(sizeOf);
        long bytes = 0;
        foreach (var population in spec.Populations)
        {
            bytes += population.Size * 3L * sizeof(float);
        }

        foreach (var projection in spec.Projections)
        {
            long synapses = SynapseSlots(projection, sizeOf);
            bool mask = projection.Connectivity.Rule != ConnectivityRule.AllToAll || !projection.Connectivity.AllowSelf || projection.Pruning is not null;
            bool trace = projection.Plasticity?.EligibilityTauMs is not null // the eligibility trace: one float per synapse
                || projection.Plasticity?.Consolidation is not null; // or the early (tag) component of tagging and capture
            bool snapshot = projection.Heterosynaptic is not null; // heterosynaptic depression keeps the step's starting weights
            long perSynapse = sizeof(float) + (mask ? sizeof(float) : 0) + (trace ? sizeof(float) : 0) + (snapshot ? sizeof(float) : 0) + (projection.Pruning is not null ? sizeof(int) : 0);
            bytes = SaturatingAdd(bytes, synapses > long.MaxValue / perSynapse ? long.MaxValue : synapses * perSynapse);
        }

        return bytes;
    }

    /// <summary>
    /// a + b for non-negative a and b, or long.MaxValue when the sum does not fit. A total that large only ever gets
    /// refused; found by fuzzing: a 2·10^9-neuron population's 4·10^18 dense slots times the bytes per synapse
    /// overflowed a long, and the validator threw instead of refusing the network.
    /// </summary>
    private static long SaturatingAdd(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;

    /// <summary>Dense slots (pre × post) of a projection.</summary>
    public static long SynapseSlots(ProjectionSpec projection, Func<string, long> sizeOf)
    {
        ArgumentNullException.ThrowIfNull(projection);
        ArgumentNullException.ThrowIfNull(sizeOf);
        return checked(sizeOf(projection.From) * sizeOf(projection.To));
    }
}
