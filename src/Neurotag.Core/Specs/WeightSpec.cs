namespace Neurotag.Core.Specs;

/// <summary>Initial weights and hard bounds. Initial draws are clipped to [Min, Max].</summary>
public sealed record WeightSpec(Distribution Init, double Min, double Max)
{
    /// <summary>
    /// Rate projections only: the weights are signed, in [−w_max, w_max] (Min = −Max), as in Hopfield's coupling
    /// matrix (Hopfield 1982, PNAS 79:2554); false for the usual sign-constrained weights in [min, max] with min ≥ 0.
    /// </summary>
    public bool IsSigned { get; init; }

    /// <summary>
    /// Initial weights loaded from a file, row-major by postsynaptic neuron (PostCount × PreCount, as
    /// <c>DenseProjection.Weights</c>), already checked against the bounds; null to draw from <see cref="Init"/>.
    /// Absent synapses (connectivity mask 0) stay 0 whatever the file says.
    /// </summary>
    public IReadOnlyList<float>? Matrix { get; init; }
}
