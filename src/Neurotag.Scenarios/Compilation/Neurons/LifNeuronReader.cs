using Neurotag.Core.Specs;
using Neurotag.Scenarios.Compilation.Synapses;
using Neurotag.Scenarios.Units;
using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation.Neurons;

/// <summary>
/// The leaky integrate-and-fire neuron (<c>model: lif</c>, <see cref="LifNeuronSpec"/>), with conductance-based
/// (COBA: weights in nS) or current-based (CUBA: weights in mV, or pA converted with R = 1/g_leak) synapses.
/// </summary>
internal sealed class LifNeuronReader : NeuronReader
{
    internal static readonly Dictionary<string, SynapseKind> SynapseKinds = new(StringComparer.Ordinal)
    {
        ["conductance"] = SynapseKind.Conductance,
        ["current"] = SynapseKind.Current,
    };

    /// <summary>
    /// <c>homeostasis: { target, tau }</c> on a LIF neuron: the rate side's keys, with the target a frequency (the
    /// spiking form is Core's Spiking.AdaptiveThreshold).
    /// </summary>
    public static readonly KeySet Homeostasis = new("homeostasis-lif", "Threshold homeostasis of a LIF population (spiking form).",
        KeyShapes.Must("target", ValueShape.Quantity, "target rate, a frequency (e.g. 5 Hz)"),
        KeyShapes.Must("tau", ValueShape.Quantity, "τ_h: each spike raises the threshold by 1 mV·s/τ_h, e.g. 10 s"));

    private static readonly KeySet NeuronKeys = new("neuron-lif", "A leaky integrate-and-fire neuron (model: lif).",
        KeyShapes.Must("model", ValueShape.Choice("lif"), "neuron model"),
        KeyShapes.Key("synapse", ValueShape.Choice(SynapseKinds.Keys), "conductance (COBA, default) or current (CUBA)"),
        KeyShapes.Key("tau_m", ValueShape.Quantity, "membrane time constant, default 20 ms"),
        KeyShapes.Key("v_rest", ValueShape.Quantity, "resting potential, default -60 mV"),
        KeyShapes.Key("v_thresh", ValueShape.Quantity, "threshold, default -50 mV"),
        KeyShapes.Key("v_reset", ValueShape.Quantity, "reset potential, default v_rest"),
        KeyShapes.Key("t_ref", ValueShape.Quantity, "refractory period, default 0 ms"),
        KeyShapes.Key("tau_e", ValueShape.Quantity, "excitatory synaptic time constant, default 5 ms"),
        KeyShapes.Key("tau_i", ValueShape.Quantity, "inhibitory synaptic time constant, default 10 ms"),
        KeyShapes.Key("e_exc", ValueShape.Quantity, "excitatory reversal potential, default 0 mV"),
        KeyShapes.Key("e_inh", ValueShape.Quantity, "inhibitory reversal potential, default -80 mV"),
        KeyShapes.Key("g_leak", ValueShape.Quantity, "leak conductance, default 10 nS"),
        KeyShapes.Key("bias", ValueShape.Quantity, "constant drive in mV, default 0 mV"),
        KeyShapes.Key("v_init", KeyShapes.ValueOrDistribution, "initial membrane potential"),
        KeyShapes.Key("ge_init", KeyShapes.ValueOrDistribution, "initial excitatory conductance (or current)"),
        KeyShapes.Key("gi_init", KeyShapes.ValueOrDistribution, "initial inhibitory conductance (or current)"),
        KeyShapes.Key("homeostasis", ValueShape.Object(Homeostasis), "adaptive threshold toward a target rate"));

    public override string Model => "lif";

    public override NetworkKind Kind => NetworkKind.Spiking;

    public override KeySet Keys => NeuronKeys;

    public override IReadOnlyList<ParameterInfo> Settable => LifNeuronSpec.Settable;

    public override IReadOnlyList<StateVariableInfo> State => LifNeuronSpec.State;

    public override bool Reads(NeuronSpec neuron) => neuron is LifNeuronSpec;

    /// <summary>θ exists only with homeostasis: said so, rather than "not a lif population".</summary>
    public override StateRecordRefusal? RefuseState(PopulationSpec population, string? variable) =>
        variable == "theta" && population.Neuron is LifNeuronSpec { Homeostasis: null }
            ? new StateRecordRefusal(false, $"population '{population.Name}' has no state variable 'theta': its threshold is fixed", "add 'homeostasis: { target: 5 Hz, tau: 10 s }' to its neuron, or record v, ge or gi")
            : base.RefuseState(population, variable);

    public override NeuronSpec? Read(CompileContext ctx, Definitions defs, YamlMappingNode map, string path, string population)
    {
        var r = ctx.Reader;
        var parameters = new NeuronParameters(ctx);
        var distributions = new DistributionReader(ctx);
        var synapse = map["synapse"] is { } s ? r.Choice(s, path + ".synapse", SynapseKinds, "synapse kind") : SynapseKind.Conductance;
        double? tauM = parameters.TimeConstant(map, "tau_m", path, 20);
        double? vRest = parameters.Volt(map, "v_rest", path, -60);
        double? vThresh = parameters.Volt(map, "v_thresh", path, -50);
        double? vReset = parameters.Volt(map, "v_reset", path, vRest ?? -60);
        double? tRef = map["t_ref"] is { } tr ? ctx.Steps(tr, path + ".t_ref", allowZero: true) * ctx.DtMs : 0;
        double? tauE = parameters.TimeConstant(map, "tau_e", path, 5);
        double? tauI = parameters.TimeConstant(map, "tau_i", path, 10);
        double? eExc = parameters.Volt(map, "e_exc", path, 0);
        double? eInh = parameters.Volt(map, "e_inh", path, -80);
        double? gLeak = map["g_leak"] is { } gl ? r.Quantity(gl, path + ".g_leak", Dimension.Conductance, 0, minExclusive: true) : 10;
        double? bias = parameters.Volt(map, "bias", path, 0);
        var (homeostasisValid, homeostasis) = ReadHomeostasis(r, map, path);

        // CUBA: g_leak does not enter the dynamics (written in mV); given, it converts currents in pA to mV (R = 1/g_leak).
        double? cubaLeak = map["g_leak"] is null ? null : gLeak;
        SynapticUnit unit = synapse == SynapseKind.Current ? new CurrentSynapses(population, cubaLeak) : new ConductanceSynapses(population);
        SynapticReader synaptic = (node, p, min) => unit.Read(r, node, p, min);
        string synapticExample = synapse == SynapseKind.Current ? "0.5 mV" : "40 nS";
        var vInit = map["v_init"] is { } vi ? distributions.ReadQuantityDistribution(vi, path + ".v_init", Dimension.Voltage) : new ConstantDistribution(vRest ?? 0);
        var geInit = map["ge_init"] is { } ge ? distributions.ReadQuantityDistribution(ge, path + ".ge_init", synaptic, synapticExample) : new ConstantDistribution(0);
        var giInit = map["gi_init"] is { } gi ? distributions.ReadQuantityDistribution(gi, path + ".gi_init", synaptic, synapticExample) : new ConstantDistribution(0);
        if (synapse is { } kind && (kind == SynapseKind.Conductance || map["g_leak"] is null || gLeak is not null))
        {
            // Known even if another key is rejected (a CUBA g_leak that is broken leaves pA weights unconvertible).
            defs.Synapses[population] = unit;
        }

        if (vThresh is { } th && vReset is { } rs && rs >= th)
        {
            r.Error(map["v_reset"] ?? map, path + ".v_reset", SchemaReader.Inv($"v_reset ({rs} mV) must lie below v_thresh ({th} mV)"), "otherwise the neuron fires at every step after a reset");
            return null;
        }

        if (synapse is null || tauM is null || vRest is null || vThresh is null || vReset is null || tRef is null || tauE is null || tauI is null
            || eExc is null || eInh is null || gLeak is null || bias is null || vInit is null || geInit is null || giInit is null || !homeostasisValid)
        {
            return null;
        }

        return new LifNeuronSpec(synapse.Value, tauM.Value, vRest.Value, vThresh.Value, vReset.Value, tRef.Value, tauE.Value, tauI.Value,
            eExc.Value, eInh.Value, gLeak.Value, bias.Value, vInit, geInit, giInit) { Homeostasis = homeostasis };
    }

    /// <summary><c>homeostasis: { target: 5 Hz, tau: 10 s }</c>; (false, null) when invalid, (true, null) when absent.</summary>
    private static (bool Valid, HomeostasisSpec? Spec) ReadHomeostasis(SchemaReader r, YamlMappingNode neuron, string path)
    {
        if (neuron["homeostasis"] is not { } node)
        {
            return (true, null);
        }

        string hp = path + ".homeostasis";
        if (r.Mapping(node, hp, "{ target: 5 Hz, tau: 10 s }") is not { } map)
        {
            return (false, null);
        }

        r.CheckKeys(map, hp, Homeostasis);
        double? target = r.Quantity(r.Required(map, "target", hp, "5 Hz"), hp + ".target", Dimension.Frequency, 0);
        double? tau = r.Quantity(r.Required(map, "tau", hp, "10 s"), hp + ".tau", Dimension.Time, 0, minExclusive: true);
        return target is null || tau is null ? (false, null) : (true, new HomeostasisSpec(target.Value, tau.Value));
    }
}
