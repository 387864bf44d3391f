using Neurotag.Core.Specs;

namespace Neurotag.Scenarios.Compilation.Competition;

/// <summary>A projection's <c>competition:</c> block: normalization and/or heterosynaptic depression.</summary>
internal sealed record CompetitionParts(NormalizationSpec? Normalization, HeterosynapticSpec? Heterosynaptic);
