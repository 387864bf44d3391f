using Neurotag.Core.Specs;
using Neurotag.Scenarios.Compilation.Neurons;
using Neurotag.Scenarios.Compilation.Projections;
using Neurotag.Scenarios.Units;
using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation.Inputs;

/// <summary>
/// Poisson spike trains onto a spiking population (<c>kind: poisson</c>): a rate, and a weight in the unit of the target
/// population's synapses (<see cref="Definitions.Synapses"/>).
/// </summary>
internal sealed class PoissonInputReader : InputKindReader
{
    private static readonly KeySet InputKeys = new("input-poisson", "Poisson spike trains onto a spiking population (kind: poisson).",
        KeyShapes.Must("target", ValueShape.Text, "tag or population"),
        KeyShapes.Must("kind", ValueShape.Choice("poisson"), "input kind"),
        KeyShapes.Must("rate", ValueShape.Quantity, "rate of each train, e.g. 15 Hz"),
        KeyShapes.Must("weight", KeyShapes.NumberOrQuantity, "synaptic weight in the target's unit"),
        KeyShapes.Key("fraction", ValueShape.Number, "fraction of the target driven, in (0, 1], default 1"),
        KeyShapes.Key("sign", ValueShape.Choice(ProjectionsReader.Signs.Keys), "excitatory (default) or inhibitory"),
        KeyShapes.Key("correlation", ValueShape.Number, "pairwise count correlation in [0, 1], default 0"));

    public override string Kind => "poisson";

    public override NetworkKind Network => NetworkKind.Spiking;

    public override KeySet Keys => InputKeys;

    public override void Read(CompileContext ctx, Definitions defs, string name, YamlScalarNode key, YamlMappingNode input, string path)
    {
        var r = ctx.Reader;
        double? correlation = new NeuronParameters(ctx).ReadCorrelation(input, path);
        var targetNode = r.Required(input, "target", path, "exc");
        string? target = r.Identifier(targetNode, path + ".target", "tag or population name");
        double? rate = r.Quantity(r.Required(input, "rate", path, "15 Hz"), path + ".rate", Dimension.Frequency, 0);
        double? fraction = input["fraction"] is { } f ? r.Number(f, path + ".fraction", 0, 1, minExclusive: true, example: "0.3") : 1.0;
        bool? inhibitory = input["sign"] is { } s ? r.Choice(s, path + ".sign", ProjectionsReader.Signs, "sign") : false;
        if (target is null)
        {
            return;
        }

        bool isTag = defs.Tags.ContainsKey(target);
        bool known = isTag || defs.Populations.ContainsKey(target);
        if (!known)
        {
            defs.UnknownName(targetNode!, path + ".target", target, "tag or population", defs.Tags.Keys.Concat(defs.Populations.Keys));
        }

        // The weight's unit follows the target population's synapses: checked whenever that neuron is known.
        var weightNode = r.Required(input, "weight", path, "0.5 nS");
        string? population = defs.KnownPopulationOf(target);
        double? weight = weightNode is null || !defs.SynapsesKnown(population) ? null : new SpikingWeightReader(ctx, defs).SpikingWeightValue(weightNode, path + ".weight", population!);
        if (known && rate is not null && weight is not null && fraction is not null && inhibitory is not null && correlation is not null)
        {
            defs.PoissonInputs[name] = (new PoissonInputSpec(name, target, isTag, rate.Value, weight.Value, fraction.Value, inhibitory.Value) { Correlation = correlation.Value }, key);
        }
        else
        {
            defs.Rejected.Add(("input", name));
        }
    }
}
