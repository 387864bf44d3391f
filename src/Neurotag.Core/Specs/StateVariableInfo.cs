namespace Neurotag.Core.Specs;

/// <summary>
/// A state variable a neuron model declares for <c>record.state</c>: the recorder, the CSV unit column and the
/// compiler's messages ask the model's list (<see cref="NeuronSpec.RecordableState"/>) instead of switching on its type.
/// </summary>
/// <param name="Name">The name a scenario writes (<c>variable: v</c>) and the CSV's <c>variable</c> column.</param>
/// <param name="Unit">The unit symbol of the recorded values (the CSV's <c>unit</c> column).</param>
/// <param name="Description">What it is, as messages name it ("recovery variable").</param>
public sealed record StateVariableInfo(string Name, string Unit, string Description);
