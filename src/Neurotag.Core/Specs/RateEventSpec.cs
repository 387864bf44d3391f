namespace Neurotag.Core.Specs;

/// <summary>
/// The mean rate of a population or tag over a sliding window of <see cref="WindowSteps"/> steps (the recorder's
/// causal flat window) crossing <see cref="AboveHz"/> upward: one trigger at the step it goes from ≤ to &gt; the
/// threshold. The window restarts empty at each phase start.
/// </summary>
/// <param name="Neurons">The population or tag (all its neurons).</param>
/// <param name="AboveHz">Threshold in Hz.</param>
/// <param name="WindowSteps">Window length in steps.</param>
/// <param name="Source">Where it was written.</param>
public sealed record RateEventSpec(NeuronSelectorSpec Neurons, double AboveHz, long WindowSteps, string Source) : EventSpec(Source);
