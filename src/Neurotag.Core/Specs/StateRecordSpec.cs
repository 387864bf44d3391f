namespace Neurotag.Core.Specs;

/// <summary>State samples of a range of neurons.</summary>
/// <param name="Population">Population name.</param>
/// <param name="Variable">The variable's name, one of the model's <see cref="NeuronSpec.RecordableState"/>.</param>
/// <param name="First">First neuron (inclusive).</param>
/// <param name="Last">Last neuron (inclusive).</param>
/// <param name="EverySteps">Sampling interval in steps.</param>
public sealed record StateRecordSpec(string Population, string Variable, int First, int Last, long EverySteps);
