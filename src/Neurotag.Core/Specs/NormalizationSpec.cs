namespace Neurotag.Core.Specs;

/// <summary>
/// Competition for shared neurons by synaptic normalization (von der Malsburg 1973; Miller &amp; MacKay 1994):
/// every <see cref="EverySteps"/> steps each postsynaptic neuron's incoming weights are scaled multiplicatively so
/// that they sum to <see cref="Total"/>.
/// </summary>
public sealed record NormalizationSpec(NormalizePer Per, double Total, long EverySteps)
{
    /// <summary>Default of <see cref="Iterations"/>.</summary>
    public const int DefaultIterations = 20;

    /// <summary>
    /// <see cref="NormalizePer.Both"/> only: the most post/pre scaling rounds per event (Sinkhorn–Knopp). Iteration
    /// stops earlier once every pre (column) sum is within 1e-5 relative of its target after a post pass.
    /// </summary>
    public int Iterations { get; init; } = DefaultIterations;

    /// <summary>
    /// <see cref="NormalizePer.Post"/> only: whether a neuron's total is taken within this projection (default) or
    /// over every projection onto its population that declares <see cref="CompetitionScope.Neuron"/> (their
    /// <see cref="Total"/> and <see cref="EverySteps"/> agree; the compiler checks).
    /// </summary>
    public CompetitionScope Scope { get; init; } = CompetitionScope.Projection;
}
