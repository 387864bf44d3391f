namespace Neurotag.Core.Specs;

/// <summary>Each spike of the selected neurons is one trigger (a volume transmitter's view of dopaminergic spikes).</summary>
/// <param name="Neurons">The neurons.</param>
/// <param name="Source">Where it was written.</param>
public sealed record SpikeEventSpec(NeuronSelectorSpec Neurons, string Source) : EventSpec(Source);
