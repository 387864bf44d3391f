using Neurotag.Core.Specs;
using Neurotag.Scenarios.Compilation.Synapses;
using Neurotag.Scenarios.Units;
using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation.Neurons;

/// <summary>The Izhikevich (2003) neuron (<c>model: izhikevich</c>, <see cref="IzhikevichNeuronSpec"/>); synaptic quantities are plain numbers in model units.</summary>
internal sealed class IzhikevichNeuronReader : NeuronReader
{
    internal static readonly Dictionary<string, IzhikevichMethod> Methods = new(StringComparer.Ordinal)
    {
        ["euler"] = IzhikevichMethod.Euler,
        ["izhikevich"] = IzhikevichMethod.Izhikevich,
    };

    private static readonly KeySet NeuronKeys = new("neuron-izhikevich", "An Izhikevich neuron (model: izhikevich).",
        KeyShapes.Must("model", ValueShape.Choice("izhikevich"), "neuron model"),
        KeyShapes.Key("a", ValueShape.Number, "recovery time scale, default 0.02"),
        KeyShapes.Key("b", ValueShape.Number, "recovery sensitivity, default 0.2"),
        KeyShapes.Key("c", ValueShape.Quantity, "reset potential, default -65 mV"),
        KeyShapes.Key("d", ValueShape.Number, "recovery jump after a spike, default 8"),
        KeyShapes.Key("v_peak", ValueShape.Quantity, "spike cutoff, default 30 mV"),
        KeyShapes.Key("bias", ValueShape.Number, "constant input current (model units), default 0"),
        KeyShapes.Key("tau_e", ValueShape.Quantity, "excitatory synaptic time constant, default 5 ms; 0 ms: the input lasts one step (his code)"),
        KeyShapes.Key("tau_i", ValueShape.Quantity, "inhibitory synaptic time constant, default 10 ms; 0 ms: the input lasts one step"),
        KeyShapes.Key("v_init", KeyShapes.ValueOrDistribution, "initial membrane potential, default c"),
        KeyShapes.Key("u_init", KeyShapes.ValueOrDistribution, "initial recovery variable, default b·v"),
        KeyShapes.Key("method", ValueShape.Choice(Methods.Keys), "integration: euler (default) or izhikevich (his published code: two dt/2 half-steps of v, then u from the new v)"));

    public override string Model => "izhikevich";

    public override NetworkKind Kind => NetworkKind.Spiking;

    public override KeySet Keys => NeuronKeys;

    public override IReadOnlyList<StateVariableInfo> State => IzhikevichNeuronSpec.State;

    public override bool Reads(NeuronSpec neuron) => neuron is IzhikevichNeuronSpec;

    public override NeuronSpec? Read(CompileContext ctx, Definitions defs, YamlMappingNode map, string path, string population)
    {
        defs.Synapses[population] = new PlainSynapses();
        var r = ctx.Reader;
        var parameters = new NeuronParameters(ctx);
        var distributions = new DistributionReader(ctx);
        double? a = map["a"] is { } an ? r.Number(an, path + ".a", 0, minExclusive: true, example: "0.02") : 0.02;
        double? b = map["b"] is { } bn ? r.Number(bn, path + ".b", example: "0.2") : 0.2;
        double? c = parameters.Volt(map, "c", path, -65);
        double? d = map["d"] is { } dn ? r.Number(dn, path + ".d", example: "8") : 8;
        double? peak = parameters.Volt(map, "v_peak", path, 30);
        double? bias = map["bias"] is { } bi ? r.Number(bi, path + ".bias", example: "10") : 0;
        // 0 ms: a spike's input acts during one step only, as I += s in Izhikevich's published code (spnet, daspnet).
        double? tauE = parameters.TimeConstant(map, "tau_e", path, 5, allowZero: true);
        double? tauI = parameters.TimeConstant(map, "tau_i", path, 10, allowZero: true);
        var vInit = map["v_init"] is { } vi ? distributions.ReadQuantityDistribution(vi, path + ".v_init", Dimension.Voltage) : new ConstantDistribution(c ?? -65);
        var uInit = map["u_init"] is { } ui ? distributions.ReadDistribution(ui, path + ".u_init") : null;
        var method = map["method"] is { } m ? r.Choice(m, path + ".method", Methods, "integration method") : IzhikevichMethod.Euler;
        if (a is null || b is null || c is null || d is null || peak is null || bias is null || tauE is null || tauI is null || vInit is null
            || (map["u_init"] is not null && uInit is null) || method is null)
        {
            return null;
        }

        return new IzhikevichNeuronSpec(a.Value, b.Value, c.Value, d.Value, peak.Value, bias.Value, tauE.Value, tauI.Value, vInit, uInit)
        {
            Method = method.Value,
        };
    }
}
