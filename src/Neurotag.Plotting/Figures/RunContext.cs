using Neurotag.Plotting.Data;

namespace Neurotag.Plotting.Figures;

/// <summary>What every run figure is drawn from: the data, its protocol axis, the scenario facts (or null) and shared notes.</summary>
public sealed record RunContext(RunData Data, ProtocolAxis Axis, ScenarioFacts? Facts, string Title)
{
    /// <summary>Most raster points drawn before neurons are thinned (an SVG of a million dots is unusable).</summary>
    public int MaxRasterPoints { get; init; } = 120_000;

    /// <summary>Notes every figure of the run carries (a stopped run).</summary>
    public IReadOnlyList<string> CommonNotes => Data.Manifest.Stopped
        ? [$"run stopped by a checker ({Data.Manifest.Message.Trim()}); showing what it wrote"]
        : [];

    /// <summary>The axis label of a metric with its unit: <c>activation (Hz)</c>; no unit for dimensionless ones.</summary>
    public static string WithUnit(string what, string? unit) =>
        string.IsNullOrEmpty(unit) || unit == "1" ? what : $"{what} ({unit})";
}
