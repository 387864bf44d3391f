namespace Neurotag.Core.Specs;

/// <summary>Set a population's intrinsic parameter (by the name its model declares, <see cref="NeuronSpec.SettableParameters"/>) from this phase on.</summary>
public sealed record ParameterSet(string Population, string Parameter, double Value);
