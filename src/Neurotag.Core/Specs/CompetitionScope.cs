namespace Neurotag.Core.Specs;

/// <summary>
/// Over which inputs a competition mechanism (normalization per post, heterosynaptic depression) takes its sum: the
/// synapses of one projection, or every excitatory synapse onto the postsynaptic neuron across the projections that
/// declare <see cref="Neuron"/> (issue #14: inputs arriving through different projections compete for the neuron).
/// </summary>
public enum CompetitionScope
{
    /// <summary>Within the projection (the default; each projection keeps its own budget).</summary>
    Projection,

    /// <summary>
    /// Across projections: the pool is every excitatory projection onto the same postsynaptic population that
    /// declares this scope for the same mechanism.
    /// </summary>
    Neuron,
}
