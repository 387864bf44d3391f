namespace Neurotag.Core.Specs;

/// <summary>Connections from one population (or tag) to another.</summary>
/// <param name="Name">Identifier.</param>
/// <param name="From">Presynaptic population or tag.</param>
/// <param name="FromIsTag">Whether <paramref name="From"/> names a tag.</param>
/// <param name="To">Postsynaptic population or tag.</param>
/// <param name="ToIsTag">Whether <paramref name="To"/> names a tag.</param>
/// <param name="Connectivity">Which synapses exist.</param>
/// <param name="Weight">Initial weights and hard bounds.</param>
/// <param name="Inhibitory">Inhibitory projections subtract their input.</param>
/// <param name="Plasticity">Learning rule, or null for fixed weights.</param>
/// <param name="Normalization">Competition by normalization, or null.</param>
/// <param name="Pruning">Structural removal of weak synapses, or null.</param>
public sealed record ProjectionSpec(
    string Name,
    string From,
    bool FromIsTag,
    string To,
    bool ToIsTag,
    ConnectivitySpec Connectivity,
    WeightSpec Weight,
    bool Inhibitory,
    PlasticitySpec? Plasticity,
    NormalizationSpec? Normalization,
    PruningSpec? Pruning)
{
    /// <summary>
    /// Spiking projections only: homogeneous transmission delay in steps. A spike emitted at step n is added to
    /// the postsynaptic conductance at the end of step n + DelaySteps (0: before the next integration step).
    /// </summary>
    public int DelaySteps { get; init; }

    /// <summary>
    /// Spiking projections only: per-synapse delays, a distribution in steps drawn once per synapse (stream
    /// <c>delay:NAME</c>), rounded to the nearest whole step (halves up) and clipped to [0, <see cref="MaxSynapseDelaySteps"/>];
    /// null for the homogeneous <see cref="DelaySteps"/>.
    /// </summary>
    public Distribution? SynapseDelaySteps { get; init; }

    /// <summary>The longest per-synapse delay in steps (the ring of future input has this many slots plus one).</summary>
    public int MaxSynapseDelaySteps { get; init; }

    /// <summary>Heterosynaptic depression (competition among the inputs of one neuron), or null.</summary>
    public HeterosynapticSpec? Heterosynaptic { get; init; }

    /// <summary>Weights written in one shot from a pattern set (rate core), or null.</summary>
    public StorageSpec? Storage { get; init; }

    /// <summary>Synaptic scaling toward a target rate (rate core), or null.</summary>
    public ScalingSpec? Scaling { get; init; }

    /// <summary>Spiking projections only: named synapses (addressing for recording, events and initial weights).</summary>
    public IReadOnlyList<SynapseAddressSpec> Synapses { get; init; } = [];
}
