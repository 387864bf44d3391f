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
}

/// <summary>A modulator level set by a phase.</summary>
public sealed record ModulatorLevel(string Modulator, double Level);

/// <summary>Intrinsic parameters that phases may change.</summary>
public enum IntrinsicParameter
{
    /// <summary>Rate-neuron threshold.</summary>
    Threshold,
    /// <summary>Rate-neuron gain.</summary>
    Gain,

    /// <summary>Poisson population rate (Hz).</summary>
    Rate,

    /// <summary>LIF threshold v_thresh (mV).</summary>
    VThresh,
}

/// <summary>Set a population's intrinsic parameter from this phase on.</summary>
public sealed record ParameterSet(string Population, IntrinsicParameter Parameter, double Value);
