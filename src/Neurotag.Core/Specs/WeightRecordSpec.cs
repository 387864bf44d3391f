namespace Neurotag.Core.Specs;

/// <summary>Weight statistics of projections between every pair of tags, and over each whole projection.</summary>
/// <param name="Projection">Projection name.</param>
/// <param name="EverySteps">Sampling interval.</param>
/// <param name="HistogramBins">Number of histogram bins over [min, max] of the projection's bounds, 0 for none.</param>
public sealed record WeightRecordSpec(string Projection, long EverySteps, int HistogramBins)
{
    private readonly IReadOnlyList<string>? _projections;

    /// <summary>
    /// Every recorded projection, in the order their rows are written; <see cref="Projection"/> is the first. Defaults
    /// to <see cref="Projection"/> alone.
    /// </summary>
    public IReadOnlyList<string> Projections
    {
        get => _projections ?? [Projection];
        init => _projections = value;
    }
}
