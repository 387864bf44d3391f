namespace Neurotag.Core.Specs;

/// <summary>
/// Pruned synapses regrow at random (seeded) vacant locations of the projection with weight <see cref="Weight"/>:
/// each vacancy (capacity of the original connectivity minus existing synapses) is refilled with probability
/// <c>1 − e^{−Δt/τ}</c> per pruning check (Δt the check interval) and per offline interval (Δt its length).
/// </summary>
/// <param name="TauMs">τ in ms (&gt; 0): mean time for a vacancy to be refilled.</param>
/// <param name="Weight">Initial weight of a regrown synapse (within the projection's bounds).</param>
public sealed record RegrowthSpec(double TauMs, double Weight);
