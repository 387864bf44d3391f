namespace Neurotag.Core.Specs;

/// <summary>How a LIF neuron's synapses act on the membrane.</summary>
public enum SynapseKind
{
    /// <summary>Conductance-based (COBA): g_e, g_i in nS drive v toward the reversal potentials.</summary>
    Conductance,

    /// <summary>Current-based (CUBA): synaptic input in mV (a voltage-equivalent current) added to the drive.</summary>
    Current,
}
