namespace Neurotag.Core.Specs;

/// <summary>One phase instance of the flattened protocol.</summary>
/// <param name="Name">Phase name as written in the scenario (gaps of a repeat block are named <c>NAME.gap</c>).</param>
/// <param name="Rep">Repetition index inside its repeat block (0 outside one).</param>
/// <param name="Steps">Length in steps.</param>
/// <param name="Offline">Time-compressed rest: no activity is simulated; decay and pruning advance in closed form.</param>
/// <param name="Inputs">Inputs switched on (all others off).</param>
/// <param name="Modulators">Modulator levels set at the phase start.</param>
/// <param name="Plasticity">Whether learning rules run.</param>
/// <param name="Sets">Intrinsic parameters changed from this phase on.</param>
public sealed record PhaseSpec(
    string Name,
    int Rep,
    long Steps,
    bool Offline,
    IReadOnlyList<string> Inputs,
    IReadOnlyList<ModulatorLevel> Modulators,
    bool Plasticity,
    IReadOnlyList<ParameterSet> Sets)
{
    /// <summary>The <c>name:</c> of the repeat block this phase belongs to, if any (expectations can say <c>after: BLOCK</c>).</summary>
    public string? Block { get; init; }

    /// <summary>Sensitizations applied at the phase start (after <see cref="Sets"/>).</summary>
    public IReadOnlyList<Sensitization> Sensitizations { get; init; } = [];

    /// <summary>Disinhibitions applied at the phase start.</summary>
    public IReadOnlyList<Disinhibition> Disinhibitions { get; init; } = [];
}
