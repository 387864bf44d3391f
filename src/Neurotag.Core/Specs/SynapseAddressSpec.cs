namespace Neurotag.Core.Specs;

/// <summary>
/// One named synapse of a projection (<c>synapses: { chosen: { pre: 3, post: 17 } }</c>), to record its weight,
/// trigger an event on it or set its initial weight: by the indices of its pre and post neuron within the
/// projection's <c>from</c> and <c>to</c> (population indices, or member indices when an end is a tag), or, with both
/// null, one existing synapse drawn uniformly from the stream <c>pick:NAME</c> of the seed (Izhikevich 2007 reinforces
/// "a randomly chosen" synapse).
/// </summary>
/// <param name="Name">Identifier, unique across the scenario.</param>
/// <param name="Projection">The projection it belongs to.</param>
/// <param name="Pre">Index within <c>from</c>, or null to draw the synapse.</param>
/// <param name="Post">Index within <c>to</c>, or null to draw the synapse.</param>
/// <param name="InitialWeight">Initial weight in the projection's weight unit (overrides the drawn one), or null.</param>
/// <param name="Source">Where it was written (file:line:col), for errors found when the network is built.</param>
public sealed record SynapseAddressSpec(string Name, string Projection, int? Pre, int? Post, double? InitialWeight, string Source);
