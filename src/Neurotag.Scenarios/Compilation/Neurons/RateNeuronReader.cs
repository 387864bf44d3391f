using Neurotag.Core.Specs;
using Neurotag.Scenarios.Units;
using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation.Neurons;

/// <summary>The rate neuron (<c>model: rate</c>, <see cref="RateNeuronSpec"/>) and its threshold homeostasis.</summary>
internal sealed class RateNeuronReader : NeuronReader
{
    internal static readonly Dictionary<string, Activation> Activations = new(StringComparer.Ordinal)
    {
        ["sigmoid"] = Activation.Sigmoid,
        ["relu"] = Activation.Relu,
        ["tanh"] = Activation.Tanh,
        ["linear"] = Activation.Linear,
        ["sign"] = Activation.Sign,
    };

    internal static readonly Dictionary<string, bool> Updates = new(StringComparer.Ordinal) { ["sync"] = false, ["async"] = true };

    public static readonly KeySet Homeostasis = new("homeostasis", "Threshold homeostasis of a rate population.",
        KeyShapes.Must("target", ValueShape.Number, "target mean rate"),
        KeyShapes.Must("tau", ValueShape.Quantity, "time constant, e.g. 1 h"));

    private static readonly KeySet NeuronKeys = new("neuron-rate", "A rate neuron (model: rate).",
        KeyShapes.Must("model", ValueShape.Choice("rate"), "neuron model"),
        KeyShapes.Key("tau", ValueShape.Quantity, "rate time constant, default 10 ms"),
        KeyShapes.Key("activation", ValueShape.Choice(Activations.Keys), "transfer function, default sigmoid"),
        KeyShapes.Key("gain", ValueShape.Number, "slope, > 0, default 1.0"),
        KeyShapes.Key("threshold", ValueShape.Number, "threshold θ, default 0.0"),
        KeyShapes.Key("noise", ValueShape.Number, "stationary std of OU noise on the rate, default 0"),
        KeyShapes.Key("update", ValueShape.Choice(Updates.Keys), "sync (default: exponential Euler) or async (random-order, binary sign units)"),
        KeyShapes.Key("homeostasis", ValueShape.Object(Homeostasis), "threshold homeostasis"));

    public override string Model => "rate";

    public override NetworkKind Kind => NetworkKind.Rate;

    public override KeySet Keys => NeuronKeys;

    public override IReadOnlyList<ParameterInfo> Settable => RateNeuronSpec.Settable;

    public override bool Reads(NeuronSpec neuron) => neuron is RateNeuronSpec;

    public override NeuronSpec? Read(CompileContext ctx, Definitions defs, YamlMappingNode map, string path, string population)
    {
        var r = ctx.Reader;
        var (homeostasisValid, homeostasis) = ReadHomeostasis(r, map, path);
        double? tau = map["tau"] is { } t ? r.Quantity(t, path + ".tau", Dimension.Time, 0, minExclusive: true) : 10.0;
        var activation = map["activation"] is { } a ? r.Choice(a, path + ".activation", Activations, "activation") : Activation.Sigmoid;
        double? gain = map["gain"] is { } g ? r.Number(g, path + ".gain", 0, minExclusive: true, example: "4.0") : 1.0;
        double? threshold = map["threshold"] is { } th ? r.Number(th, path + ".threshold") : 0.0;
        double? noise = map["noise"] is { } ns ? r.Number(ns, path + ".noise", 0, example: "0.05") : 0.0;
        bool? asyncUpdate = map["update"] is { } u ? r.Choice(u, path + ".update", Updates, "update mode") : false;
        if (asyncUpdate is true && activation is not null && activation != Activation.Sign)
        {
            r.Error(map["update"]!, path + ".update", "asynchronous updates are for binary units (Hopfield 1982): they need 'activation: sign'", "add 'activation: sign' or remove 'update: async'");
            asyncUpdate = null;
        }

        if (asyncUpdate is true && noise is > 0)
        {
            r.Error(map["noise"]!, path + ".noise", "asynchronous sign units are deterministic: noise is not defined for them", "remove 'noise:' or use 'update: sync'");
            asyncUpdate = null;
        }

        if (tau is { } tauMs && tauMs < ctx.DtNs / 1e6 && !ctx.DtRejected)
        {
            r.Error(map["tau"]!, path + ".tau", SchemaReader.Inv($"tau = {tauMs} ms is shorter than dt = {ctx.DtNs / 1e6} ms"), "make tau at least dt (exponential Euler is stable, but the dynamics would be unresolved)");
        }

        return tau is null || activation is null || gain is null || threshold is null || noise is null || asyncUpdate is null || !homeostasisValid
            ? null
            : new RateNeuronSpec(tau.Value, activation.Value, gain.Value, threshold.Value, noise.Value) { Homeostasis = homeostasis, AsyncUpdate = asyncUpdate.Value };
    }

    /// <summary>
    /// A rate population in a spiking scenario is already an error (the scenario mixes kinds); as before, only a
    /// variable some spiking models lack (Izhikevich u) is refused there.
    /// </summary>
    public override StateRecordRefusal? RefuseState(PopulationSpec population, string? variable) =>
        variable is { } v && !StateRecordRefusal.CommonState().Contains(v) ? StateRecordRefusal.Missing(population, v) : null;

    /// <summary><c>homeostasis: { target, tau }</c> on a rate neuron; (false, null) when invalid, (true, null) when absent.</summary>
    private static (bool Valid, HomeostasisSpec? Spec) ReadHomeostasis(SchemaReader r, YamlMappingNode neuron, string path)
    {
        if (neuron["homeostasis"] is not { } node)
        {
            return (true, null);
        }

        string hp = path + ".homeostasis";
        if (r.Mapping(node, hp, "{ target: 0.1, tau: 1 h }") is not { } map)
        {
            return (false, null);
        }

        r.CheckKeys(map, hp, Homeostasis);
        double? target = r.Number(r.Required(map, "target", hp, "0.1"), hp + ".target", example: "0.1");
        double? tau = r.Quantity(r.Required(map, "tau", hp, "1 h"), hp + ".tau", Dimension.Time, 0, minExclusive: true);
        return target is null || tau is null ? (false, null) : (true, new HomeostasisSpec(target.Value, tau.Value));
    }
}
