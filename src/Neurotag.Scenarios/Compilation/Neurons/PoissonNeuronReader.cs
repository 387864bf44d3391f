using Neurotag.Core.Specs;
using Neurotag.Scenarios.Compilation.Synapses;
using Neurotag.Scenarios.Units;
using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation.Neurons;

/// <summary>A Poisson spike source (<c>model: poisson</c>, <see cref="PoissonNeuronSpec"/>): no synapses, no state.</summary>
internal sealed class PoissonNeuronReader : NeuronReader
{
    private static readonly KeySet NeuronKeys = new("neuron-poisson", "A Poisson spike source (model: poisson).",
        KeyShapes.Must("model", ValueShape.Choice("poisson"), "neuron model"),
        KeyShapes.Must("rate", ValueShape.Quantity, "firing rate, e.g. 15 Hz"),
        KeyShapes.Key("correlation", ValueShape.Number, "pairwise count correlation in [0, 1], default 0"));

    public override string Model => "poisson";

    public override NetworkKind Kind => NetworkKind.Spiking;

    public override KeySet Keys => NeuronKeys;

    public override IReadOnlyList<ParameterInfo> Settable => PoissonNeuronSpec.Settable;

    public override bool Reads(NeuronSpec neuron) => neuron is PoissonNeuronSpec;

    public override NeuronSpec? Read(CompileContext ctx, Definitions defs, YamlMappingNode map, string path, string population)
    {
        defs.Synapses[population] = new NoSynapses();
        var r = ctx.Reader;
        double? rate = r.Quantity(r.Required(map, "rate", path, "15 Hz"), path + ".rate", Dimension.Frequency, 0);
        double? correlation = new NeuronParameters(ctx).ReadCorrelation(map, path);
        return rate is { } hz && correlation is { } c ? new PoissonNeuronSpec(hz) { Correlation = c } : null;
    }

    /// <summary>A source has no state at all, whatever the variable.</summary>
    public override StateRecordRefusal? RefuseState(PopulationSpec population, string? variable) =>
        new(true, $"population '{population.Name}' is a Poisson source and has no state", "record a lif or izhikevich population");
}
