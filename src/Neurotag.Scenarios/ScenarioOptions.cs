namespace Neurotag.Scenarios;

/// <summary>Command-line overrides applied while compiling a scenario.</summary>
/// <param name="Seed">Replaces the file's <c>seed:</c> when set (<c>--seed</c>).</param>
/// <param name="MemoryLimitBytes">Largest network state accepted; larger networks are refused before allocation.</param>
public sealed record ScenarioOptions(ulong? Seed = null, long? MemoryLimitBytes = null)
{
    /// <summary>No overrides.</summary>
    public static ScenarioOptions Default { get; } = new();

    /// <summary>
    /// Accept a run whose projected CSV output exceeds <see cref="ScenarioLimits.OutputLimitBytes"/> (<c>--allow-large</c>).
    /// The size and step limits stay.
    /// </summary>
    public bool AllowLargeOutput { get; init; }
}
