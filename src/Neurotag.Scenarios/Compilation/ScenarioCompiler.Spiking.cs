using Neurotag.Core.Specs;
using Neurotag.Scenarios.Units;
using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation;

/// <summary>
/// Spiking models (lif, izhikevich, poisson), Poisson inputs, spiking projection weights and delays, and the
/// spike/state records. A scenario is either rate or spiking (Poisson populations count as spiking).
/// </summary>
internal sealed partial class ScenarioCompiler
{
    internal static readonly Dictionary<string, SynapseKind> SynapseKinds = new(StringComparer.Ordinal)
    {
        ["conductance"] = SynapseKind.Conductance,
        ["current"] = SynapseKind.Current,
    };

    internal static readonly Dictionary<string, StateVariable> StateVariables = new(StringComparer.Ordinal)
    {
        ["v"] = StateVariable.V,
        ["ge"] = StateVariable.Ge,
        ["gi"] = StateVariable.Gi,
        ["u"] = StateVariable.U,
    };

    private readonly Dictionary<string, (PoissonInputSpec Spec, YamlNodeBase Node)> _poissonInputs = new(StringComparer.Ordinal);

    /// <summary>Whether the populations are spiking (decided once populations are read).</summary>
    private bool _spiking;

    private double DtMs => _dtNs / 1e6;

    private NeuronSpec? ReadSpikingNeuron(YamlMappingNode map, YamlScalarNode model, string path, string population)
    {
        switch (model.Value)
        {
            case "lif":
                return ReadLif(map, path, population);
            case "izhikevich":
                _synapses[population] = Synapses.Plain;
                return ReadIzhikevich(map, path);
            default:
                _synapses[population] = Synapses.None;
                return ReadPoissonNeuron(map, path);
        }
    }

    private LifNeuronSpec? ReadLif(YamlMappingNode map, string path, string population)
    {
        _r.CheckKeys(map, path, ScenarioKeys.LifNeuron);
        var synapse = map["synapse"] is { } s ? _r.Choice(s, path + ".synapse", SynapseKinds, "synapse kind") : SynapseKind.Conductance;
        double? tauM = TimeConstant(map, "tau_m", path, 20);
        double? vRest = Volt(map, "v_rest", path, -60);
        double? vThresh = Volt(map, "v_thresh", path, -50);
        double? vReset = Volt(map, "v_reset", path, vRest ?? -60);
        double? tRef = map["t_ref"] is { } tr ? Steps(tr, path + ".t_ref", allowZero: true) * DtMs : 0;
        double? tauE = TimeConstant(map, "tau_e", path, 5);
        double? tauI = TimeConstant(map, "tau_i", path, 10);
        double? eExc = Volt(map, "e_exc", path, 0);
        double? eInh = Volt(map, "e_inh", path, -80);
        double? gLeak = map["g_leak"] is { } gl ? _r.Quantity(gl, path + ".g_leak", Dimension.Conductance, 0, minExclusive: true) : 10;
        double? bias = Volt(map, "bias", path, 0);

        // CUBA: g_leak does not enter the dynamics (written in mV); given, it converts currents in pA to mV (R = 1/g_leak).
        double? cubaLeak = map["g_leak"] is null ? null : gLeak;
        SynapticReader synaptic = synapse == SynapseKind.Current
            ? (node, p, min) => CubaQuantity(node, p, population, cubaLeak, min)
            : (node, p, min) => CobaQuantity(node, p, population, min);
        string synapticExample = synapse == SynapseKind.Current ? "0.5 mV" : "40 nS";
        var vInit = map["v_init"] is { } vi ? ReadQuantityDistribution(vi, path + ".v_init", Dimension.Voltage) : new ConstantDistribution(vRest ?? 0);
        var geInit = map["ge_init"] is { } ge ? ReadQuantityDistribution(ge, path + ".ge_init", synaptic, synapticExample) : new ConstantDistribution(0);
        var giInit = map["gi_init"] is { } gi ? ReadQuantityDistribution(gi, path + ".gi_init", synaptic, synapticExample) : new ConstantDistribution(0);
        if (synapse == SynapseKind.Current)
        {
            _cubaLeak[population] = cubaLeak;
        }

        if (synapse is { } kind && (kind == SynapseKind.Conductance || map["g_leak"] is null || gLeak is not null))
        {
            // Known even if another key is rejected (a CUBA g_leak that is broken leaves pA weights unconvertible).
            _synapses[population] = kind == SynapseKind.Conductance ? Synapses.Conductance : Synapses.Current;
        }

        if (vThresh is { } th && vReset is { } rs && rs >= th)
        {
            _r.Error(map["v_reset"] ?? map, path + ".v_reset", SchemaReader.Inv($"v_reset ({rs} mV) must lie below v_thresh ({th} mV)"), "otherwise the neuron fires at every step after a reset");
            return null;
        }

        if (synapse is null || tauM is null || vRest is null || vThresh is null || vReset is null || tRef is null || tauE is null || tauI is null
            || eExc is null || eInh is null || gLeak is null || bias is null || vInit is null || geInit is null || giInit is null)
        {
            return null;
        }

        return new LifNeuronSpec(synapse.Value, tauM.Value, vRest.Value, vThresh.Value, vReset.Value, tRef.Value, tauE.Value, tauI.Value,
            eExc.Value, eInh.Value, gLeak.Value, bias.Value, vInit, geInit, giInit);
    }

    private IzhikevichNeuronSpec? ReadIzhikevich(YamlMappingNode map, string path)
    {
        _r.CheckKeys(map, path, ScenarioKeys.IzhikevichNeuron);
        double? a = map["a"] is { } an ? _r.Number(an, path + ".a", 0, minExclusive: true, example: "0.02") : 0.02;
        double? b = map["b"] is { } bn ? _r.Number(bn, path + ".b", example: "0.2") : 0.2;
        double? c = Volt(map, "c", path, -65);
        double? d = map["d"] is { } dn ? _r.Number(dn, path + ".d", example: "8") : 8;
        double? peak = Volt(map, "v_peak", path, 30);
        double? bias = map["bias"] is { } bi ? _r.Number(bi, path + ".bias", example: "10") : 0;
        double? tauE = TimeConstant(map, "tau_e", path, 5);
        double? tauI = TimeConstant(map, "tau_i", path, 10);
        var vInit = map["v_init"] is { } vi ? ReadQuantityDistribution(vi, path + ".v_init", Dimension.Voltage) : new ConstantDistribution(c ?? -65);
        var uInit = map["u_init"] is { } ui ? ReadDistribution(ui, path + ".u_init") : null;
        if (a is null || b is null || c is null || d is null || peak is null || bias is null || tauE is null || tauI is null || vInit is null
            || (map["u_init"] is not null && uInit is null))
        {
            return null;
        }

        return new IzhikevichNeuronSpec(a.Value, b.Value, c.Value, d.Value, peak.Value, bias.Value, tauE.Value, tauI.Value, vInit, uInit);
    }

    private PoissonNeuronSpec? ReadPoissonNeuron(YamlMappingNode map, string path)
    {
        _r.CheckKeys(map, path, ScenarioKeys.PoissonNeuron);
        double? rate = _r.Quantity(_r.Required(map, "rate", path, "15 Hz"), path + ".rate", Dimension.Frequency, 0);
        double? correlation = ReadCorrelation(map, path);
        return rate is { } r && correlation is { } c ? new PoissonNeuronSpec(r) { Correlation = c } : null;
    }

    private double? Volt(YamlMappingNode map, string key, string path, double fallback) =>
        map[key] is { } node ? _r.Quantity(node, path + "." + key, Dimension.Voltage) : fallback;

    private double? TimeConstant(YamlMappingNode map, string key, string path, double fallback)
    {
        if (map[key] is not { } node)
        {
            return fallback;
        }

        double? tau = _r.Quantity(node, path + "." + key, Dimension.Time, 0, minExclusive: true);
        if (tau is { } t && t < DtMs && !_dtRejected)
        {
            _r.Error(node, path + "." + key, SchemaReader.Inv($"{key} = {t} ms is shorter than dt = {DtMs} ms"), "make it at least dt, or use a smaller dt");
            return null;
        }

        return tau;
    }

    /// <summary>A quantity, or <c>{ uniform: [a, b] }</c> / <c>{ normal: [mean, std] }</c> of quantities.</summary>
    private Distribution? ReadQuantityDistribution(YamlNodeBase node, string path, Dimension dimension) =>
        ReadQuantityDistribution(node, path, (n, p, min) => _r.Quantity(n, p, dimension, min), QuantityParser.Example(dimension));

    /// <summary>As <see cref="ReadQuantityDistribution(YamlNodeBase, string, Dimension)"/>, each quantity read by <paramref name="read"/> (synaptic units).</summary>
    private Distribution? ReadQuantityDistribution(YamlNodeBase node, string path, SynapticReader read, string example)
    {
        if (node is YamlScalarNode)
        {
            return read(node, path, double.MinValue) is { } v ? new ConstantDistribution(v) : null;
        }

        var map = _r.Mapping(node, path, $"{example} or {{ uniform: [{example}, {example}] }} or {{ normal: [{example}, {example}] }}");
        if (map is null)
        {
            return null;
        }

        _r.CheckKeys(map, path, ScenarioKeys.Distribution);
        if (map.Entries.Count != 1)
        {
            _r.Error(map, path, "expected exactly one of 'uniform: [low, high]' or 'normal: [mean, std]'", "");
            return null;
        }

        var (kind, value) = map.Entries[0];
        string kp = path + "." + kind.Value;
        var seq = _r.Sequence(value, kp, "[a, b]");
        if (seq is null || seq.Items.Count != 2)
        {
            if (seq is not null)
            {
                _r.Error(seq, kp, "expected two quantities", $"for example [{example}, {example}]");
            }

            return null;
        }

        double? a = read(seq.Items[0], kp + "[0]", double.MinValue);
        double? b = read(seq.Items[1], kp + "[1]", kind.Value == "normal" ? 0 : double.MinValue);
        if (a is null || b is null)
        {
            return null;
        }

        if (kind.Value == "uniform" && b < a)
        {
            _r.Error(seq, kp, "uniform: [low, high] needs low ≤ high", "");
            return null;
        }

        return kind.Value == "uniform" ? new UniformDistribution(a.Value, b.Value) : new NormalDistribution(a.Value, b.Value);
    }

    /// <summary>
    /// Decides rate vs spiking and reports a scenario that mixes them. Decided from the models as written, before the
    /// populations are read, so that a population rejected for another reason (a bad tau_m) still makes the scenario
    /// spiking: otherwise every weight in nS would be reported as "not a number" in a "rate network".
    /// </summary>
    private void CheckNetworkKind(YamlNodeBase? populations)
    {
        if (populations is not YamlMappingNode map)
        {
            return;
        }

        var models = new List<(YamlScalarNode Key, bool Spiking)>();
        foreach (var (key, value) in map.Entries)
        {
            if (value is YamlMappingNode { } pop && pop["neuron"] is YamlMappingNode neuron && neuron["model"] is YamlScalarNode { Value: "rate" or "lif" or "izhikevich" or "poisson" } model)
            {
                models.Add((key, model.Value != "rate"));
            }
        }

        if (models.Count == 0)
        {
            return;
        }

        var (first, firstSpiking) = models[0];
        _spiking = firstSpiking;
        foreach (var (key, _) in models.Where(m => m.Spiking != firstSpiking))
        {
            _r.Error(key, "populations." + key.Value + ".neuron.model",
                $"population '{key.Value}' is {(firstSpiking ? "rate" : "spiking")} but '{first.Value}' is {(firstSpiking ? "spiking" : "rate")}: a scenario is either rate or spiking",
                "use rate models only or spiking models (lif, izhikevich, poisson) only; mixing them is not supported");
        }
    }
}
