namespace Neurotag.Core.Specs;

/// <summary>
/// Disinhibition at a phase start: every weight of an inhibitory projection is multiplied by <see cref="Factor"/>
/// (then clipped to its bounds). Persists for the rest of the run (a plastic projection with decay relaxes back).
/// </summary>
/// <param name="Projection">An inhibitory projection.</param>
/// <param name="Factor">Multiplies every weight (≥ 0; below 1 disinhibits).</param>
public sealed record Disinhibition(string Projection, double Factor);
