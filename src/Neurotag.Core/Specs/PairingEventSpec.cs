namespace Neurotag.Core.Specs;

/// <summary>
/// "post fires within Δ after pre" (Izhikevich 2007, Cereb Cortex 17:2443: a reward follows each firing of n2 within
/// 20 ms after n1): each spike of the post neuron at step t is one trigger when the pre neuron spiked at some step p
/// with 0 &lt; t − p &lt; <see cref="WindowSteps"/> (strictly, as in the paper's published code; a pre spike in the
/// same step does not pair). The neurons are either given (<see cref="Pre"/>, <see cref="Post"/>) or those of the
/// named synapse <see cref="Synapse"/>.
/// </summary>
/// <param name="Pre">The presynaptic neuron (one neuron), or null with a synapse.</param>
/// <param name="Post">The postsynaptic neuron (one neuron), or null with a synapse.</param>
/// <param name="Synapse">A named synapse whose ends are the pair, or null.</param>
/// <param name="WindowSteps">Δ in steps (≥ 1).</param>
/// <param name="Source">Where it was written.</param>
public sealed record PairingEventSpec(NeuronSelectorSpec? Pre, NeuronSelectorSpec? Post, string? Synapse, long WindowSteps, string Source) : EventSpec(Source);
