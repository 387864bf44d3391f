namespace Neurotag.Core.Specs;

/// <summary>
/// A storage rule that writes a projection's weights in one shot from a stimulus set, instead of learning them step
/// by step: <c>hebbian_outer_product</c> (Hopfield 1982, PNAS 79:2554, eq. 2) sets
/// <c>W = (1/N)·Σ_μ ξ^μ ξ^μᵀ</c> with ξ^μ_i = +1 on the neurons of pattern μ and −1 elsewhere (2V − 1 of a 0/1
/// pattern V), N the number of presynaptic neurons, a zero diagonal (no self-coupling), absent synapses left at 0 and
/// each weight clipped to the bounds.
/// </summary>
/// <param name="Patterns">The <c>patterns</c> input whose pattern set is stored.</param>
/// <param name="AtPhase">The phase at whose start the weights are written (before rank pruning of that phase), or null to write them when the network is built.</param>
public sealed record StorageSpec(string Patterns, string? AtPhase);
