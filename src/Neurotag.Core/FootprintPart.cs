namespace Neurotag.Core;

/// <summary>One population's or projection's share of a <see cref="NetworkFootprint"/>: where a memory error points.</summary>
/// <param name="IsPopulation">A population (its size is what a user shrinks), else a projection.</param>
/// <param name="Name">Its name.</param>
/// <param name="Bytes">Its estimated bytes.</param>
/// <param name="Synapses">A projection's expected synapse count (dense slots in rate networks); 0 for a population.</param>
public sealed record FootprintPart(bool IsPopulation, string Name, double Bytes, double Synapses = 0);
