namespace Neurotag.Core.Spiking;

/// <summary>A neurotag of a spiking population: sorted member indices.</summary>
/// <param name="Name">Tag name.</param>
/// <param name="Population">The population.</param>
/// <param name="Members">Sorted, distinct neuron indices.</param>
public sealed record SpikingTag(string Name, SpikingPopulation Population, int[] Members);
