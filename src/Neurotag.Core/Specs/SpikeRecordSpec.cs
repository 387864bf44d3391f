namespace Neurotag.Core.Specs;

/// <summary>What the spike raster records.</summary>
/// <param name="Population">Population name.</param>
/// <param name="Neurons">The first N neurons are recorded.</param>
public sealed record SpikeRecordSpec(string Population, int Neurons);
