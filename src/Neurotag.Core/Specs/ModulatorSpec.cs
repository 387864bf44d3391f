namespace Neurotag.Core.Specs;

/// <summary>
/// A global scalar signal (dopamine, threat). A phase may set it; with a time constant it then relaxes back to
/// <see cref="Baseline"/> exponentially (a pulse that outlives its phase); without one it holds the phase's level
/// and returns to baseline when a phase that does not set it begins.
/// </summary>
/// <param name="Name">Identifier.</param>
/// <param name="Baseline">Resting level.</param>
/// <param name="TauMs">Relaxation time constant in ms, or null to hold levels for the phase.</param>
public sealed record ModulatorSpec(string Name, double Baseline, double? TauMs)
{
    /// <summary>Event-driven increments (spiking networks); empty for a modulator only phases set.</summary>
    public IReadOnlyList<ModulatorPulseSpec> Pulses { get; init; } = [];

    /// <summary>Unit symbol of the level for the CSV unit column (<c>unit: uM</c>); "1" when not given.</summary>
    public string Unit { get; init; } = "1";
}
