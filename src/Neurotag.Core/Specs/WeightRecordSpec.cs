namespace Neurotag.Core.Specs;

/// <summary>Weight statistics of one projection between every pair of tags, and over the whole projection.</summary>
/// <param name="Projection">Projection name.</param>
/// <param name="EverySteps">Sampling interval.</param>
/// <param name="HistogramBins">Number of histogram bins over [min, max] of the projection's bounds, 0 for none.</param>
public sealed record WeightRecordSpec(string Projection, long EverySteps, int HistogramBins);
