using Neurotag.Core.Specs;
using Neurotag.Scenarios.Units;
using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation.Inputs;

/// <summary>
/// Current noise onto a spiking population (<c>kind: noise_current</c>): a fresh draw per neuron per step from
/// <c>uniform: [low, high]</c> or <c>normal: [mean, sd]</c>, in the unit of the target model's bias current (numbers
/// for Izhikevich, mV for CUBA LIF, pA for COBA LIF and AdEx). Izhikevich (2007)'s thalamic input 13·(U − 0.5) is
/// <c>uniform: [-6.5, 6.5]</c>.
/// </summary>
internal sealed class NoiseCurrentInputReader : InputKindReader
{
    private static readonly KeySet InputKeys = new("input-noise-current", "A random current per neuron per step onto a spiking population (kind: noise_current).",
        KeyShapes.Must("target", ValueShape.Text, "tag or population"),
        KeyShapes.Must("kind", ValueShape.Choice("noise_current"), "input kind"),
        KeyShapes.Key("uniform", ValueShape.ListOf(KeyShapes.NumberOrQuantity), "[low, high] with low < high, in the target's current unit (Izhikevich numbers, CUBA LIF mV, COBA LIF / AdEx pA)"),
        KeyShapes.Key("normal", ValueShape.ListOf(KeyShapes.NumberOrQuantity), "[mean, sd] with sd ≥ 0, in the target's current unit"),
        KeyShapes.Key("fraction", ValueShape.Number, "fraction of the target driven, in (0, 1], default 1"));

    public override string Kind => "noise_current";

    public override NetworkKind Network => NetworkKind.Spiking;

    public override KeySet Keys => InputKeys;

    public override void Read(CompileContext ctx, Definitions defs, string name, YamlScalarNode key, YamlMappingNode input, string path)
    {
        var r = ctx.Reader;
        var targetNode = r.Required(input, "target", path, "exc");
        string? target = r.Identifier(targetNode, path + ".target", "tag or population name");
        double? fraction = input["fraction"] is { } f ? r.Number(f, path + ".fraction", 0, 1, minExclusive: true, example: "0.3") : 1.0;
        bool isTag = target is not null && defs.Tags.ContainsKey(target);
        bool known = target is not null && (isTag || defs.Populations.ContainsKey(target));
        if (target is not null && !known)
        {
            defs.UnknownName(targetNode!, path + ".target", target, "tag or population", defs.Tags.Keys.Concat(defs.Populations.Keys));
        }

        var uniform = input["uniform"];
        var normal = input["normal"];
        if ((uniform is null) == (normal is null))
        {
            r.Error(input, path, "a noise_current input needs exactly one of 'uniform: [low, high]' or 'normal: [mean, sd]'", "for Izhikevich (2007)'s thalamic input: uniform: [-6.5, 6.5]");
            defs.Rejected.Add(("input", name));
            return;
        }

        // The current's unit follows the target population's model: checked whenever that population is known.
        var population = known ? defs.Populations[defs.KnownPopulationOf(target)!] : null;
        var current = population is null ? null : ReadCurrent(r, uniform ?? normal!, path + (uniform is null ? ".normal" : ".uniform"), uniform is not null, population);
        if (known && current is not null && fraction is not null)
        {
            defs.NoiseCurrentInputs[name] = (new NoiseCurrentInputSpec(name, target!, isTag, current, fraction.Value), key);
        }
        else
        {
            defs.Rejected.Add(("input", name));
        }
    }

    /// <summary>The two values, each in the target's current unit, checked: low &lt; high, or sd ≥ 0.</summary>
    private static Distribution? ReadCurrent(SchemaReader r, YamlNodeBase node, string path, bool isUniform, PopulationSpec population)
    {
        Func<YamlNodeBase, string, double?>? read = population.Neuron switch
        {
            IzhikevichNeuronSpec => (n, p) => r.Number(n, p, example: "6.5"),
            LifNeuronSpec { Synapse: SynapseKind.Current } => (n, p) => r.Quantity(n, p, Dimension.Voltage),
            LifNeuronSpec or AdExNeuronSpec => (n, p) => r.Quantity(n, p, Dimension.Current),
            _ => null,
        };
        if (read is null)
        {
            r.Error(node, path, $"population '{population.Name}' is a Poisson source and takes no input current", "target a lif, adex or izhikevich population");
            return null;
        }

        var seq = r.Sequence(node, path, isUniform ? "[-6.5, 6.5]" : "[0 pA, 50 pA]");
        if (seq is null)
        {
            return null;
        }

        if (seq.Items.Count != 2)
        {
            r.Error(seq, path, $"expected two values, {(isUniform ? "[low, high]" : "[mean, sd]")}", "for example " + (isUniform ? "[-6.5, 6.5]" : "[0 pA, 50 pA]"));
            return null;
        }

        double? a = read(seq.Items[0], path + "[0]");
        double? b = read(seq.Items[1], path + "[1]");
        if (a is null || b is null)
        {
            return null;
        }

        if (isUniform && !(a < b))
        {
            r.Error(seq, path, SchemaReader.Inv($"uniform: [low, high] needs low < high (got {a} and {b})"), "for example [-6.5, 6.5]");
            return null;
        }

        if (!isUniform && b < 0)
        {
            r.Error(seq.Items[1], path + "[1]", "a standard deviation cannot be negative", "use sd ≥ 0");
            return null;
        }

        return isUniform ? new UniformDistribution(a.Value, b.Value) : new NormalDistribution(a.Value, b.Value);
    }
}
