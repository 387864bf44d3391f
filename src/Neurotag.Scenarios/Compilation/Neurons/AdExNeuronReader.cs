using Neurotag.Core.Specs;
using Neurotag.Scenarios.Compilation.Synapses;
using Neurotag.Scenarios.Units;
using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation.Neurons;

/// <summary>
/// The adaptive exponential integrate-and-fire neuron (<c>model: adex</c>, <see cref="AdExNeuronSpec"/>; Brette &amp;
/// Gerstner 2005) with conductance-based synapses (weights in nS). Defaults are Brette &amp; Gerstner's regular-spiking
/// set (C 281 pF, g_L 30 nS, E_L −70.6 mV, V_T −50.4 mV, Δ_T 2 mV, a 4 nS, τ_w 144 ms, b 80.5 pA, V_r = E_L).
/// </summary>
internal sealed class AdExNeuronReader : NeuronReader
{
    private static readonly KeySet NeuronKeys = new("neuron-adex", "An adaptive exponential integrate-and-fire neuron (model: adex; Brette & Gerstner 2005).",
        KeyShapes.Must("model", ValueShape.Choice("adex"), "neuron model"),
        KeyShapes.Key("c", ValueShape.Quantity, "membrane capacitance C, default 281 pF"),
        KeyShapes.Key("g_leak", ValueShape.Quantity, "leak conductance g_L, default 30 nS"),
        KeyShapes.Key("e_leak", ValueShape.Quantity, "leak reversal (resting) potential E_L, default -70.6 mV"),
        KeyShapes.Key("v_t", ValueShape.Quantity, "threshold slope voltage V_T, default -50.4 mV"),
        KeyShapes.Key("delta_t", ValueShape.Quantity, "slope factor Δ_T, default 2 mV"),
        KeyShapes.Key("a", ValueShape.Quantity, "subthreshold adaptation conductance a, default 4 nS (may be negative)"),
        KeyShapes.Key("tau_w", ValueShape.Quantity, "adaptation time constant τ_w, default 144 ms"),
        KeyShapes.Key("b", ValueShape.Quantity, "spike-triggered adaptation b, default 80.5 pA"),
        KeyShapes.Key("v_reset", ValueShape.Quantity, "reset potential V_r, default e_leak"),
        KeyShapes.Key("v_cut", ValueShape.Quantity, "spike cut-off, default v_t + 5 delta_t"),
        KeyShapes.Key("t_ref", ValueShape.Quantity, "refractory period, default 0 ms"),
        KeyShapes.Key("bias", ValueShape.Quantity, "constant injected current I, default 0 pA"),
        KeyShapes.Key("tau_e", ValueShape.Quantity, "excitatory synaptic time constant, default 5 ms"),
        KeyShapes.Key("tau_i", ValueShape.Quantity, "inhibitory synaptic time constant, default 10 ms"),
        KeyShapes.Key("e_exc", ValueShape.Quantity, "excitatory reversal potential, default 0 mV"),
        KeyShapes.Key("e_inh", ValueShape.Quantity, "inhibitory reversal potential, default -80 mV"),
        KeyShapes.Key("v_init", KeyShapes.ValueOrDistribution, "initial membrane potential, default e_leak"),
        KeyShapes.Key("w_init", KeyShapes.ValueOrDistribution, "initial adaptation current, default 0 pA"),
        KeyShapes.Key("ge_init", KeyShapes.ValueOrDistribution, "initial excitatory conductance, default 0 nS"),
        KeyShapes.Key("gi_init", KeyShapes.ValueOrDistribution, "initial inhibitory conductance, default 0 nS"));

    public override string Model => "adex";

    public override NetworkKind Kind => NetworkKind.Spiking;

    public override KeySet Keys => NeuronKeys;

    public override IReadOnlyList<StateVariableInfo> State => AdExNeuronSpec.State;

    public override IReadOnlyList<ParameterInfo> Settable => AdExNeuronSpec.Settable;

    public override bool Reads(NeuronSpec neuron) => neuron is AdExNeuronSpec;

    public override NeuronSpec? Read(CompileContext ctx, Definitions defs, YamlMappingNode map, string path, string population)
    {
        var r = ctx.Reader;
        var parameters = new NeuronParameters(ctx);
        var distributions = new DistributionReader(ctx);
        var unit = new ConductanceSynapses(population);
        defs.Synapses[population] = unit;

        double? c = Positive(r, map, "c", path, Dimension.Capacitance, 281);
        double? gLeak = Positive(r, map, "g_leak", path, Dimension.Conductance, 30);
        double? eLeak = parameters.Volt(map, "e_leak", path, -70.6);
        double? vT = parameters.Volt(map, "v_t", path, -50.4);
        double? deltaT = Positive(r, map, "delta_t", path, Dimension.Voltage, 2);
        double? a = map["a"] is { } an ? r.Quantity(an, path + ".a", Dimension.Conductance) : 4;
        double? tauW = parameters.TimeConstant(map, "tau_w", path, 144);
        double? b = map["b"] is { } bn ? r.Quantity(bn, path + ".b", Dimension.Current) : 80.5;
        double? vReset = parameters.Volt(map, "v_reset", path, eLeak ?? -70.6);
        double? vCut = map["v_cut"] is { } vc ? r.Quantity(vc, path + ".v_cut", Dimension.Voltage) : null;
        double? tRef = map["t_ref"] is { } tr ? ctx.Steps(tr, path + ".t_ref", allowZero: true) * ctx.DtMs : 0;
        double? bias = map["bias"] is { } bs ? r.Quantity(bs, path + ".bias", Dimension.Current) : 0;
        double? tauE = parameters.TimeConstant(map, "tau_e", path, 5);
        double? tauI = parameters.TimeConstant(map, "tau_i", path, 10);
        double? eExc = parameters.Volt(map, "e_exc", path, 0);
        double? eInh = parameters.Volt(map, "e_inh", path, -80);
        SynapticReader synaptic = (node, p, min) => unit.Read(r, node, p, min);
        var vInit = map["v_init"] is { } vi ? distributions.ReadQuantityDistribution(vi, path + ".v_init", Dimension.Voltage) : new ConstantDistribution(eLeak ?? 0);
        var wInit = map["w_init"] is { } wi ? distributions.ReadQuantityDistribution(wi, path + ".w_init", Dimension.Current) : new ConstantDistribution(0);
        var geInit = map["ge_init"] is { } ge ? distributions.ReadQuantityDistribution(ge, path + ".ge_init", synaptic, "6 nS") : new ConstantDistribution(0);
        var giInit = map["gi_init"] is { } gi ? distributions.ReadQuantityDistribution(gi, path + ".gi_init", synaptic, "6 nS") : new ConstantDistribution(0);

        double cutoff = vCut ?? ((vT ?? 0) + (5 * (deltaT ?? 0)));
        if (vT is not null && deltaT is not null && vReset is { } reset && reset >= cutoff)
        {
            r.Error(map["v_reset"] ?? map, path + ".v_reset", SchemaReader.Inv($"v_reset ({reset} mV) must lie below the spike cut-off ({cutoff} mV)"), "otherwise the neuron fires at every step after a reset");
            return null;
        }

        if (c is null || gLeak is null || eLeak is null || vT is null || deltaT is null || a is null || tauW is null || b is null || vReset is null
            || tRef is null || bias is null || tauE is null || tauI is null || eExc is null || eInh is null
            || vInit is null || wInit is null || geInit is null || giInit is null || (map["v_cut"] is not null && vCut is null))
        {
            return null;
        }

        return new AdExNeuronSpec(c.Value, gLeak.Value, eLeak.Value, vT.Value, deltaT.Value, a.Value, tauW.Value, b.Value, vReset.Value, bias.Value,
            tauE.Value, tauI.Value, eExc.Value, eInh.Value, vInit, wInit, geInit, giInit)
        { VCut = vCut, TRefMs = tRef.Value };
    }

    private static double? Positive(SchemaReader r, YamlMappingNode map, string key, string path, Dimension dimension, double fallback) =>
        map[key] is { } node ? r.Quantity(node, path + "." + key, dimension, 0, minExclusive: true) : fallback;
}
