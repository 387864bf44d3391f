namespace Neurotag.Core.Specs;

/// <summary>
/// Neurons an event listens to: a whole population or tag, or one neuron of it by index (within the population, or
/// within the tag's members in increasing order).
/// </summary>
/// <param name="Target">Population or tag name.</param>
/// <param name="IsTag">Whether <paramref name="Target"/> names a tag.</param>
/// <param name="Index">Index of one neuron within the target, or null for all of them.</param>
public sealed record NeuronSelectorSpec(string Target, bool IsTag, int? Index);
