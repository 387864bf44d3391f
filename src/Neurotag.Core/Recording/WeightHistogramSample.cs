namespace Neurotag.Core.Recording;

/// <summary>One histogram bin of a projection's weights (a row of weight_hist.csv); the edges are in the projection's weight unit.</summary>
public readonly record struct WeightHistogramSample(double TimeMs, string Phase, int Rep, string Projection, double BinLow, double BinHigh, long Count);
