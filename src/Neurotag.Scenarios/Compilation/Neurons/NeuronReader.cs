using Neurotag.Core.Specs;
using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation.Neurons;

/// <summary>
/// The compiler's side of one neuron model: its name, which network kind it makes, its keys (also the JSON Schema's),
/// how its parameters are read and validated, the unit of synaptic quantities onto it, and what record.state and a
/// phase's set: may ask of it. A new model is one subclass and one line in <see cref="NeuronModels"/>.
/// </summary>
internal abstract class NeuronReader
{
    /// <summary>The value of <c>neuron.model</c>.</summary>
    public abstract string Model { get; }

    /// <summary>The kind of network a population of this model belongs to.</summary>
    public abstract NetworkKind Kind { get; }

    /// <summary>The keys of its <c>neuron:</c> mapping.</summary>
    public abstract KeySet Keys { get; }

    /// <summary>The intrinsic parameters a phase's <c>set:</c> may change (the spec's own list, e.g. <see cref="LifNeuronSpec.Settable"/>).</summary>
    public virtual IReadOnlyList<ParameterInfo> Settable => [];

    /// <summary>
    /// The state variables a population of this model may record (the spec's own list, e.g. <see cref="IzhikevichNeuronSpec.State"/>):
    /// their names make record.state's choices and messages; units come from each spec (<see cref="NeuronSpec.RecordableState"/>).
    /// </summary>
    public virtual IReadOnlyList<StateVariableInfo> State => [];

    /// <summary>Whether <paramref name="neuron"/> is a spec of this model.</summary>
    public abstract bool Reads(NeuronSpec neuron);

    /// <summary>
    /// Reads the parameters of a <c>neuron:</c> mapping whose keys were checked against <see cref="Keys"/>. Registers the
    /// population's synaptic unit in <see cref="Definitions.Synapses"/> as soon as it is known (even when the neuron is then
    /// rejected for another key), so weights onto it are still checked in the right unit. Null after an error.
    /// </summary>
    public abstract NeuronSpec? Read(CompileContext ctx, Definitions defs, YamlMappingNode map, string path, string population);

    /// <summary>
    /// Why <c>record.state</c> cannot record <paramref name="variable"/> (null: not read) of <paramref name="population"/>,
    /// or null when it can. By default a variable the spec does not list (<see cref="NeuronSpec.RecordableState"/>) is refused.
    /// </summary>
    public virtual StateRecordRefusal? RefuseState(PopulationSpec population, string? variable) =>
        variable is { } v && !population.Neuron.RecordableState().Any(s => s.Name == v) ? StateRecordRefusal.Missing(population, v) : null;
}
