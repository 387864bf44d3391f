using Neurotag.Core.Specs;

namespace Neurotag.Scenarios.Compilation.Competition;

/// <summary>A projection's <c>competition:</c> block: normalization, heterosynaptic depression and/or synaptic scaling.</summary>
internal sealed record CompetitionParts(NormalizationSpec? Normalization, HeterosynapticSpec? Heterosynaptic)
{
    /// <summary>Synaptic scaling toward a target rate, or null.</summary>
    public ScalingSpec? Scaling { get; init; }
}
