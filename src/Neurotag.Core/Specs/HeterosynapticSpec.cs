namespace Neurotag.Core.Specs;

/// <summary>
/// Heterosynaptic depression (Lynch, Dunwiddie &amp; Gribkoff 1977; Chistiakova et al. 2014): after each learning
/// step, the summed potentiation P_j of postsynaptic neuron j's inputs is taken back from all its inputs in
/// proportion to their weight, <c>w_ij ← w_ij − h·P_j·w_ij/Σ_k w_kj</c>. With h = 1 the row sum is conserved.
/// </summary>
/// <param name="Rate">h (≥ 0), the fraction of the potentiation redistributed as depression.</param>
public sealed record HeterosynapticSpec(double Rate)
{
    /// <summary>
    /// Whether P_j and W_j are summed within this projection (default) or over every projection onto the population
    /// that declares <see cref="CompetitionScope.Neuron"/> (then all of them are depressed by the same factor).
    /// </summary>
    public CompetitionScope Scope { get; init; } = CompetitionScope.Projection;
}
