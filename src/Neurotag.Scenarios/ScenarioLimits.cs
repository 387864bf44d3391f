namespace Neurotag.Scenarios;

/// <summary>
/// The documented limits a scenario must stay within (docs/scenario-reference.md, "Limits"). Each is checked at the
/// key that exceeds it, so sizes, step counts, times and byte counts computed from a valid scenario cannot overflow.
/// </summary>
public static class ScenarioLimits
{
    /// <summary>
    /// The largest population, in neurons: below the largest .NET array (2 147 483 591 elements), so every
    /// per-neuron array can be allocated and neuron indices and counts stay within 32-bit integers.
    /// </summary>
    public const int MaxPopulationSize = 1_000_000_000;

    /// <summary>
    /// The most steps a duration, and the whole protocol (offline phases and repeats included), may span: 10¹⁵,
    /// below 2⁵³, so step counts stay exact in doubles and time (step · dt) and sample counts cannot overflow.
    /// </summary>
    public const long MaxSteps = 1_000_000_000_000_000;

    /// <summary>The default ceiling on a run's projected CSV output (2 GiB); <c>--allow-large</c> lifts it.</summary>
    public const long OutputLimitBytes = 2L * 1024 * 1024 * 1024;
}
