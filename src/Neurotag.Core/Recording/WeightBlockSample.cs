namespace Neurotag.Core.Recording;

/// <summary>
/// Statistics of the weights from one tag to another in one projection (a row of weights.csv); From and To are <c>*</c>
/// for the whole projection. Mean, Std, Min and Max are in <paramref name="Unit"/> (float32 precision).
/// </summary>
public readonly record struct WeightBlockSample(
    double TimeMs, string Phase, int Rep, string Projection, string From, string To,
    double Mean, double Std, double Min, double Max, long Count, ValueUnit Unit);
