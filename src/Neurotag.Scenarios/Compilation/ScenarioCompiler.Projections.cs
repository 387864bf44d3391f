using Neurotag.Core.Specs;
using Neurotag.Scenarios.Units;
using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation;

/// <summary>Projections: connectivity, weights, plasticity, competition and pruning.</summary>
internal sealed partial class ScenarioCompiler
{
    internal static readonly Dictionary<string, ConnectivityRule> Rules = new(StringComparer.Ordinal)
    {
        ["all_to_all"] = ConnectivityRule.AllToAll,
        ["one_to_one"] = ConnectivityRule.OneToOne,
        ["fixed_probability"] = ConnectivityRule.FixedProbability,
        ["fixed_indegree"] = ConnectivityRule.FixedIndegree,
    };

    internal static readonly Dictionary<string, bool> Signs = new(StringComparer.Ordinal) { ["excitatory"] = false, ["inhibitory"] = true };

    private void ReadProjections(YamlNodeBase? node)
    {
        var map = _r.Mapping(node, "projections", "{ recurrent: { from: cortex, to: cortex, … } }");
        if (map is null)
        {
            return;
        }

        foreach (var (key, value) in map.Entries)
        {
            string path = "projections." + key.Value;
            string? name = _r.Identifier(key, path, "projection name");
            var p = _r.Mapping(value, path, "{ from: cortex, to: cortex, connectivity: { rule: all_to_all }, weight: { init: 0.01 } }");
            if (name is null || p is null)
            {
                continue;
            }

            _r.CheckKeys(p, path, ScenarioKeys.Projection);
            string? from = Endpoint(_r.Required(p, "from", path, "cortex"), path + ".from");
            string? to = Endpoint(_r.Required(p, "to", path, "cortex"), path + ".to");
            bool? inhibitory = p["sign"] is { } s ? _r.Choice(s, path + ".sign", Signs, "sign") : false;
            if (p["delay"] is { } delay && !_spiking)
            {
                _r.Error(delay, path + ".delay", "delays are for spiking projections; rate projections act within the step", "remove 'delay:' (the spiking core is planned)");
            }

            // A missing or rejected endpoint does not stop the rest of the projection from being checked; only what
            // needs its size or its neuron (fixed_indegree's bound, one_to_one, spiking weight units) waits for it.
            // Sizes and neurons are looked up by the names as written: a rejected population still has a known neuron.
            string? fromWritten = (p["from"] as YamlScalarNode)?.Value, toWritten = (p["to"] as YamlScalarNode)?.Value;
            var connectivity = ReadConnectivity(p["connectivity"], path + ".connectivity", fromWritten, toWritten);
            var weight = _spiking
                ? ReadSpikingWeight(_r.Required(p, "weight", path, "{ init: 6 nS, min: 0 nS, max: 10 nS }"), path + ".weight", toWritten)
                : ReadWeight(_r.Required(p, "weight", path, "{ init: 0.01, min: 0.0, max: 1.0 }"), path + ".weight");
            var delays = _spiking ? ReadDelay(p["delay"], path + ".delay") : new DelayReading(0, null, 0);
            if (_spiking)
            {
                CheckSpikingPlasticity(p, path);
            }

            var plasticity = p["plasticity"] is { } pl ? ReadPlasticity(pl, path + ".plasticity") : null;
            // Spiking weight levels (normalize.total, pruning.below) may carry the weights' unit.
            string? levelTarget = _spiking ? KnownPopulationOf(toWritten) ?? UnknownWeightTarget : null;
            var competition = p["competition"] is { } c ? ReadCompetition(c, path + ".competition", levelTarget) : null;
            var pruning = p["pruning"] is { } pr ? ReadPruning(pr, path + ".pruning", weight, levelTarget) : null;
            if (from is null || to is null || connectivity is null || weight is null || inhibitory is null || delays is null
                || (p["plasticity"] is not null && plasticity is null)
                || (p["competition"] is not null && competition is null)
                || (p["pruning"] is not null && pruning is null))
            {
                continue;
            }

            if (_spiking && !SpikingCompetitionSupported(p, path))
            {
                continue;
            }

            if (plasticity is null && (competition is not null || pruning is not null))
            {
                // Spiking projections reject the rate rules, so their hint names the rule they can take.
                string example = _spiking ? "plasticity: { rule: stdp, stdp: " + StdpExample + " }" : "plasticity: { rule: hebbian, rate: 0.01 }";
                _r.Error(p, path, "competition and pruning act on plastic weights, but this projection has no 'plasticity:'", $"add '{example}' or remove them");
                continue;
            }

            _projections[name] = new ProjectionSpec(name, from, _tags.ContainsKey(from), to, _tags.ContainsKey(to), connectivity, weight, inhibitory.Value, plasticity, competition?.Normalization, pruning)
            {
                Heterosynaptic = competition?.Heterosynaptic,
                DelaySteps = delays.Steps,
                SynapseDelaySteps = delays.PerSynapse,
                MaxSynapseDelaySteps = delays.MaxSteps,
            };
        }

        NoteRejected(map, _projections, "projection");
    }

    /// <summary>A projection endpoint: the name of a valid population or tag; null when it is not one (reported unless it names a rejected definition).</summary>
    private string? Endpoint(YamlNodeBase? node, string path)
    {
        string? name = _r.Identifier(node, path, "population or tag name");
        if (name is not null && !_populations.ContainsKey(name) && !_tags.ContainsKey(name))
        {
            UnknownName(node!, path, name, "population or tag", _populations.Keys.Concat(_tags.Keys));
            return null;
        }

        return name;
    }

    /// <summary><c>connectivity:</c>; checks that need an endpoint's size are skipped when that size is unknown (the endpoint is undefined or rejected).</summary>
    private ConnectivitySpec? ReadConnectivity(YamlNodeBase? node, string path, string? from, string? to)
    {
        if (node is null)
        {
            return new ConnectivitySpec(ConnectivityRule.AllToAll, 1, 0, AllowSelf: false);
        }

        var map = _r.Mapping(node, path, "{ rule: fixed_probability, p: 0.1 }");
        if (map is null)
        {
            return null;
        }

        _r.CheckKeys(map, path, ScenarioKeys.Connectivity);
        var rule = _r.Choice(_r.Required(map, "rule", path, "all_to_all"), path + ".rule", Rules, "connectivity rule");
        bool? self = map["self"] is { } s ? _r.Boolean(s, path + ".self") : false;
        int? preSize = KnownSizeOf(from);
        double p = 1;
        int k = 0;
        switch (rule)
        {
            case ConnectivityRule.FixedProbability:
                p = _r.Number(_r.Required(map, "p", path, "0.1"), path + ".p", 0, 1, example: "0.1") ?? double.NaN;
                break;
            case ConnectivityRule.FixedIndegree:
                int selfExcluded = KnownPopulationOf(from) == KnownPopulationOf(to) && self != true ? 1 : 0;
                k = (int)(_r.Integer(_r.Required(map, "k", path, "20"), path + ".k", 0, preSize is { } pre ? Math.Max(0, pre - selfExcluded) : int.MaxValue) ?? -1);
                break;
            case ConnectivityRule.OneToOne when KnownSizeOf(from) is { } fromSize && KnownSizeOf(to) is { } toSize && fromSize != toSize:
                _r.Error(map, path + ".rule", SchemaReader.Inv($"one_to_one needs equal sizes, but '{from}' has {fromSize} and '{to}' has {toSize} neurons"), "use all_to_all or fixed_probability");
                return null;
            default:
                break;
        }

        foreach (var (extra, needs) in new[] { ("p", ConnectivityRule.FixedProbability), ("k", ConnectivityRule.FixedIndegree) })
        {
            if (map[extra] is { } extraNode && rule is { } r && r != needs)
            {
                _r.Error(extraNode, path + "." + extra, $"'{extra}' only applies to rule {(needs == ConnectivityRule.FixedProbability ? "fixed_probability" : "fixed_indegree")}", "remove it or change the rule");
            }
        }

        return rule is null || self is null || double.IsNaN(p) || k < 0 ? null : new ConnectivitySpec(rule.Value, p, k, self.Value);
    }

    private WeightSpec? ReadWeight(YamlNodeBase? node, string path)
    {
        if (node is YamlScalarNode)
        {
            return _r.Number(node, path, 0, example: "0.01") is { } constant ? new WeightSpec(new ConstantDistribution(constant), 0, Math.Max(1, constant)) : null;
        }

        var map = _r.Mapping(node, path, "{ init: 0.01, min: 0.0, max: 1.0 }");
        if (map is null)
        {
            return null;
        }

        _r.CheckKeys(map, path, ScenarioKeys.Weight);
        var init = ReadDistribution(_r.Required(map, "init", path, "0.01"), path + ".init");
        double? min = map["min"] is { } lo ? _r.Number(lo, path + ".min", 0) : 0.0;
        double? max = map["max"] is { } hi ? _r.Number(hi, path + ".max", 0) : 1.0;
        if (init is null || min is null || max is null)
        {
            return null;
        }

        if (max < min)
        {
            _r.Error(map, path, SchemaReader.Inv($"max ({max}) is below min ({min})"), "weights are bounded to [min, max]");
            return null;
        }

        if (init is ConstantDistribution c && (c.Value < min || c.Value > max))
        {
            _r.Error(map["init"]!, path + ".init", SchemaReader.Inv($"init {c.Value} lies outside [min, max] = [{min}, {max}]"), "widen the bounds or change init");
            return null;
        }

        return new WeightSpec(init, min.Value, max.Value);
    }

    private Distribution? ReadDistribution(YamlNodeBase? node, string path)
    {
        if (node is YamlScalarNode)
        {
            return _r.Number(node, path, example: "0.01") is { } v ? new ConstantDistribution(v) : null;
        }

        var map = _r.Mapping(node, path, "0.01, { uniform: [0.0, 0.02] } or { normal: [0.01, 0.002] }");
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
        var seq = _r.Sequence(value, path + "." + kind.Value, "[a, b]");
        if (seq is null || seq.Items.Count != 2)
        {
            if (seq is not null)
            {
                _r.Error(seq, path + "." + kind.Value, "expected two numbers", "for example [0.0, 0.02]");
            }

            return null;
        }

        double? a = _r.Number(seq.Items[0], path + "." + kind.Value + "[0]");
        double? b = _r.Number(seq.Items[1], path + "." + kind.Value + "[1]");
        if (a is null || b is null)
        {
            return null;
        }

        if (kind.Value == "uniform" && b < a)
        {
            _r.Error(seq, path + ".uniform", "uniform: [low, high] needs low ≤ high", "");
            return null;
        }

        if (kind.Value == "normal" && b < 0)
        {
            _r.Error(seq.Items[1], path + ".normal[1]", "a standard deviation cannot be negative", "");
            return null;
        }

        return kind.Value == "uniform" ? new UniformDistribution(a.Value, b.Value) : new NormalDistribution(a.Value, b.Value);
    }

    /// <summary><c>pruning:</c>; <paramref name="levelTarget"/> is the target population of a spiking projection (see <see cref="WeightLevel"/>), null on rate projections.</summary>
    private PruningSpec? ReadPruning(YamlNodeBase node, string path, WeightSpec? weight, string? levelTarget)
    {
        var map = _r.Mapping(node, path, "{ below: 0.002, for: 7 day }");
        if (map is null)
        {
            return null;
        }

        _r.CheckKeys(map, path, ScenarioKeys.Pruning);
        double? below = WeightLevel(_r.Required(map, "below", path, "0.002"), path + ".below", levelTarget, "0.002");
        double? forMs = _r.Quantity(_r.Required(map, "for", path, "7 day"), path + ".for", Dimension.Time, 0, minExclusive: true);
        var (regrowOk, regrowth) = ReadRegrow(map["regrow"], path + ".regrow", forMs, weight);
        if (!regrowOk)
        {
            return null;
        }

        long? every = map["every"] is { } e ? Steps(e, path + ".every") : Math.Max(1, (long)Math.Round(100e6 / _dtNs));
        if (forMs is { } f && every is { } ev && f / (ev * _dtNs / 1e6) >= int.MaxValue)
        {
            _r.Error(map["for"]!, path + ".for", "'for' spans more than 2^31 pruning checks", "lengthen 'every' (the check interval)");
            return null;
        }

        return below is null || forMs is null || every is null ? null : new PruningSpec(below.Value, forMs.Value, every.Value) { Regrow = regrowth };
    }
}
