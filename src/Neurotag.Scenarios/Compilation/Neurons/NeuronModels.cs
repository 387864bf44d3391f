using Neurotag.Core.Specs;

namespace Neurotag.Scenarios.Compilation.Neurons;

/// <summary>
/// The neuron models a scenario may name, in the order hints and the JSON Schema list them: the one table from
/// <c>neuron.model</c> to its reader. A new model is one line here.
/// </summary>
internal static class NeuronModels
{
    public static IReadOnlyList<NeuronReader> All { get; } =
    [
        new RateNeuronReader(),
        new LifNeuronReader(),
        new IzhikevichNeuronReader(),
        new PoissonNeuronReader(),
        new AdExNeuronReader(),
    ];

    /// <summary>The reader of the model named <paramref name="model"/>, or null.</summary>
    public static NeuronReader? Find(string model) => All.FirstOrDefault(m => m.Model == model);

    /// <summary>The reader of <paramref name="neuron"/>'s model.</summary>
    public static NeuronReader Of(NeuronSpec neuron) => All.First(m => m.Reads(neuron));

    /// <summary>The model names of <paramref name="kind"/>, joined with ", ".</summary>
    public static string Names(NetworkKind? kind = null) => string.Join(", ", All.Where(m => kind is null || m.Kind == kind).Select(m => m.Model));
}
