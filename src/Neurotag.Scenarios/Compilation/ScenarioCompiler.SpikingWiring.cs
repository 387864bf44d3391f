using Neurotag.Core.Specs;
using Neurotag.Scenarios.Units;
using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation;

/// <summary>Poisson inputs, spiking projection weights, rate-only feature checks and the memory check of spiking scenarios.</summary>
internal sealed partial class ScenarioCompiler
{
    private bool InputDefined(string name) => _inputs.ContainsKey(name) || _poissonInputs.ContainsKey(name);

    private IEnumerable<string> InputNames => _inputs.Keys.Concat(_poissonInputs.Keys);

    /// <summary>
    /// Handles the input kinds of spiking scenarios; returns true when the input was dealt with here (read as a
    /// Poisson input, or rejected), false to let the rate input code read it.
    /// </summary>
    private bool ReadSpikingInput(YamlScalarNode? kindNode, string? name, YamlScalarNode key, YamlMappingNode input, string path)
    {
        if (kindNode is null || name is null)
        {
            return false;
        }

        if (kindNode.Value != "poisson")
        {
            if (_spiking && kindNode.Value is "current" or "patterns" or "gaussian")
            {
                _r.Error(kindNode, path + ".kind", $"'kind: {kindNode.Value}' drives rate populations, but this scenario is spiking", "use 'kind: poisson' with a rate and a weight, or a neuron 'bias:'");
                return true;
            }

            return false;
        }

        if (!_spiking)
        {
            _r.Error(kindNode, path + ".kind", "'kind: poisson' drives spiking populations, but this scenario is a rate network", "use 'kind: current'");
            return true;
        }

        _r.CheckKeys(input, path, ScenarioKeys.PoissonInput);
        double? correlation = ReadCorrelation(input, path);
        var targetNode = _r.Required(input, "target", path, "exc");
        string? target = _r.Identifier(targetNode, path + ".target", "tag or population name");
        double? rate = _r.Quantity(_r.Required(input, "rate", path, "15 Hz"), path + ".rate", Dimension.Frequency, 0);
        double? fraction = input["fraction"] is { } f ? _r.Number(f, path + ".fraction", 0, 1, minExclusive: true, example: "0.3") : 1.0;
        bool? inhibitory = input["sign"] is { } s ? _r.Choice(s, path + ".sign", Signs, "sign") : false;
        if (target is null)
        {
            return true;
        }

        bool isTag = _tags.ContainsKey(target);
        bool known = isTag || _populations.ContainsKey(target);
        if (!known)
        {
            UnknownName(targetNode!, path + ".target", target, "tag or population", _tags.Keys.Concat(_populations.Keys));
        }

        // The weight's unit follows the target population's synapses: checked whenever that neuron is known.
        var weightNode = _r.Required(input, "weight", path, "0.5 nS");
        string? population = KnownPopulationOf(target);
        double? weight = weightNode is null || !SynapsesKnown(population) ? null : SpikingWeightValue(weightNode, path + ".weight", population!);
        if (known && rate is not null && weight is not null && fraction is not null && inhibitory is not null && correlation is not null)
        {
            _poissonInputs[name] = (new PoissonInputSpec(name, target, isTag, rate.Value, weight.Value, fraction.Value, inhibitory.Value) { Correlation = correlation.Value }, key);
        }
        else
        {
            _rejected.Add(("input", name));
        }

        return true;
    }

    /// <summary>A weight onto <paramref name="population"/> in its synaptic unit (nS COBA, mV or pA CUBA, number Izhikevich), ≥ <paramref name="min"/>.</summary>
    private double? SpikingWeightValue(YamlNodeBase node, string path, string population, double min = 0)
    {
        if (SynapticReaderFor(population) is not { } read)
        {
            _r.Error(node, path, $"population '{population}' is a Poisson source and has no synapses", "target a lif or izhikevich population");
            return null;
        }

        return read(node, path, min);
    }

    /// <summary>Weights of a spiking projection: a quantity in the target's unit, or { init, min, max } with quantities.</summary>
    private WeightSpec? ReadSpikingWeight(YamlNodeBase? node, string path, string? to)
    {
        if (node is null || KnownPopulationOf(to) is not { } population || !SynapsesKnown(population))
        {
            return null; // without the target's neuron, the weights' unit cannot be checked
        }

        var read = SynapticReaderFor(population);

        if (read is null)
        {
            _r.Error(node, path, $"population '{population}' is a Poisson source and cannot receive synapses", "project onto a lif or izhikevich population");
            return null;
        }

        if (node is YamlScalarNode)
        {
            return SpikingWeightValue(node, path, population) is { } w ? new WeightSpec(new ConstantDistribution(w), 0, w) : null;
        }

        var map = _r.Mapping(node, path, "{ init: 6 nS, min: 0 nS, max: 10 nS }");
        if (map is null)
        {
            return null;
        }

        _r.CheckKeys(map, path, ScenarioKeys.Weight);
        var initNode = _r.Required(map, "init", path, "6 nS");
        var init = initNode is null ? null
            : _synapses[population] is Synapses.Conductance or Synapses.Current ? ReadQuantityDistribution(initNode, path + ".init", read, _synapses[population] == Synapses.Conductance ? "6 nS" : "0.5 mV")
            : ReadDistribution(initNode, path + ".init");
        double? min = map["min"] is { } lo ? SpikingWeightValue(lo, path + ".min", population) : 0.0;
        double? max = map["max"] is { } hi ? SpikingWeightValue(hi, path + ".max", population)
            : init switch
            {
                ConstantDistribution c => c.Value,
                UniformDistribution u => u.High,
                NormalDistribution n => n.Mu + (5 * n.Sigma),
                _ => null,
            };
        if (init is null || min is null || max is null)
        {
            return null;
        }

        if (max < min)
        {
            _r.Error(map, path, SchemaReader.Inv($"max ({max}) is below min ({min})"), "weights are bounded to [min, max]");
            return null;
        }

        return new WeightSpec(init, min.Value, Math.Max(max.Value, min.Value));
    }

    /// <summary>Plasticity rules of the rate core do not apply to spiking projections.</summary>
    private void CheckSpikingPlasticity(YamlMappingNode projection, string path)
    {
        if (projection["plasticity"] is YamlMappingNode pl && pl["rule"] is YamlScalarNode rule && PlasticityRules.ContainsKey(rule.Value))
        {
            _r.Error(rule, path + ".plasticity.rule", $"rule '{rule.Value}' acts on rates; spiking projections learn by spike timing", "remove 'plasticity:' (STDP for spiking projections: rule 'stdp')");
        }
    }

    /// <summary>
    /// The sparse weights implement normalization per post and pruning without regrowth (SparseCompetition);
    /// heterosynaptic depression, normalization per pre or both and regrowth exist only in the rate core. They are
    /// reported here rather than silently ignored. Returns false when any was found.
    /// </summary>
    private bool SpikingCompetitionSupported(YamlMappingNode projection, string path)
    {
        const string Hint = "the spiking core implements 'normalize: { per: post }' and pruning without regrowth";
        bool ok = true;
        if (projection["competition"] is YamlMappingNode competition)
        {
            if (competition.Entries.FirstOrDefault(e => e.Key.Value == "heterosynaptic").Key is { } hetero)
            {
                _r.Error(hetero, path + ".competition.heterosynaptic", "heterosynaptic depression is not available on spiking projections", Hint + " (use normalize per post for a conserved input budget)");
                ok = false;
            }

            if (competition["normalize"] is YamlMappingNode normalize && normalize["per"] is YamlScalarNode per && per.Value is "pre" or "both")
            {
                _r.Error(per, path + ".competition.normalize.per", $"'per: {per.Value}' is not available on spiking projections", Hint);
                ok = false;
            }
        }

        if (projection["pruning"] is YamlMappingNode pruning && pruning["regrow"] is { } regrow
            && !(regrow is YamlScalarNode flag && flag.Value == "false"))
        {
            _r.Error(regrow, path + ".pruning.regrow", "regrowth of pruned synapses is not available on spiking projections", Hint + " (remove 'regrow:' or set it to false)");
            ok = false;
        }

        return ok;
    }

    /// <summary>Reports Poisson inputs that no phase switches on.</summary>
    private void CheckPoissonInputsUsed()
    {
        foreach (var (inputName, (_, node)) in _poissonInputs)
        {
            if (!_inputsUsed.Contains(inputName))
            {
                _r.Error(node, "inputs." + inputName, $"input '{inputName}' is switched on in no phase", "add it to a phase's 'inputs:' list, or remove it");
            }
        }
    }

    /// <summary>
    /// Features defined on rates (tag imprecision, phase sensitize/disinhibit, threshold/gain records) have no
    /// spiking counterpart yet: reported rather than silently ignored. recall/spurious need an explicit rate in Hz.
    /// </summary>
    private void CheckRateOnlyFeatures(YamlMappingNode top)
    {
        if (!_spiking)
        {
            return;
        }

        const string Hint = "this applies to rate networks; the spiking core does not implement it";
        if (top["tags"] is YamlMappingNode tags)
        {
            foreach (var (key, value) in tags.Entries)
            {
                if (value is YamlMappingNode tag && tag.Entries.FirstOrDefault(e => e.Key.Value == "imprecision").Key is { } node)
                {
                    _r.Error(node, "tags." + key.Value + ".imprecision", "tag imprecision is not available in spiking scenarios", Hint);
                }
            }
        }

        if (top["protocol"] is { } protocol)
        {
            FindPhaseActions(protocol, "protocol", Hint);
        }

        if (top["record"] is YamlMappingNode record)
        {
            if (record["populations"] is YamlSequenceNode populations)
            {
                for (int i = 0; i < populations.Items.Count; i++)
                {
                    if (populations.Items[i] is YamlScalarNode s && s.Value is "threshold" or "gain")
                    {
                        _r.Error(s, SchemaReader.Inv($"record.populations[{i}]"), $"'{s.Value}' is not recorded for spiking networks", Hint);
                    }
                }
            }

            // recall/spurious count neurons above a rate; a spiking scenario must say which rate, in Hz.
            if (record["tags"] is YamlSequenceNode tagMetrics && record["active_above"] is null)
            {
                for (int i = 0; i < tagMetrics.Items.Count; i++)
                {
                    if (tagMetrics.Items[i] is YamlScalarNode s && s.Value is "recall" or "spurious")
                    {
                        _r.Error(s, SchemaReader.Inv($"record.tags[{i}]"), $"'{s.Value}' in a spiking scenario needs 'record.active_above', the rate in Hz above which a neuron counts as active",
                            "add for example 'active_above: 5 Hz' to record:");
                    }
                }
            }
        }
    }

    private void FindPhaseActions(YamlNodeBase node, string path, string hint)
    {
        switch (node)
        {
            case YamlSequenceNode seq:
                for (int i = 0; i < seq.Items.Count; i++)
                {
                    FindPhaseActions(seq.Items[i], SchemaReader.Inv($"{path}[{i}]"), hint);
                }

                break;
            case YamlMappingNode map:
                foreach (var (key, value) in map.Entries)
                {
                    if (key.Value is "sensitize" or "disinhibit")
                    {
                        _r.Error(key, path + "." + key.Value, $"'{key.Value}:' is not available in spiking scenarios", hint);
                    }
                    else
                    {
                        FindPhaseActions(value, path + "." + key.Value, hint);
                    }
                }

                break;
            default:
                break;
        }
    }

    /// <summary>Spiking projections are sparse: about 16 bytes per expected synapse (18 when fixed, 20 when plastic) plus the state.</summary>
    private void CheckSpikingMemory(SimulationSpec spec, YamlMappingNode top)
    {
        long limit = _options.MemoryLimitBytes ?? ScenarioLoader.DefaultMemoryLimitBytes();
        double bytes = spec.Populations.Sum(p => p.Size * 48.0);
        var parts = spec.Populations.Select(p => (Population: true, p.Name, Bytes: p.Size * 48.0)).ToList();
        foreach (var p in spec.Projections)
        {
            double before = bytes;
            double pairs = (double)SizeOf(p.From) * SizeOf(p.To);
            double synapses = p.Connectivity.Rule switch
            {
                ConnectivityRule.FixedProbability => pairs * p.Connectivity.Probability,
                ConnectivityRule.FixedIndegree => (double)SizeOf(p.To) * p.Connectivity.Indegree,
                ConnectivityRule.OneToOne => SizeOf(p.To),
                _ => pairs,
            };
            // pre, post, weight and the transposed index (4 bytes each), plus the 2-byte post copy fixed projections
            // deliver from, or the column-ordered pre index STDP reads.
            // The rings span whole populations even when an endpoint is a tag (SparseProjection indexes populations).
            bytes += (synapses * (p.Plasticity is null ? 18 : 20)) + ((p.DelaySteps + 1.0) * SizeOf(PopulationOf(p.From)) * 4);
            if (p.SynapseDelaySteps is not null)
            {
                // The per-synapse delay and the ring of future input (one float per post per slot; plastic
                // projections queue synapse ids instead, bounded by the synapses in flight) or per-synapse trace.
                bytes += (synapses * 4) + (p.Plasticity is null ? (p.MaxSynapseDelaySteps + 1.0) * SizeOf(PopulationOf(p.To)) * 4 : synapses * 16);
            }
            parts.Add((false, p.Name, bytes - before));
            if (synapses > int.MaxValue)
            {
                _r.Error(ProjectionKey(top, p.Name), "projections." + p.Name, SchemaReader.Inv($"about {synapses:E2} synapses exceed the {int.MaxValue:N0} a projection can hold"), "use a sparser connectivity or smaller populations");
            }
        }

        // Tag members (4 bytes each), and the recorder's membership masks (one byte per neuron of the population):
        // one per tag, and with coupling recorded one per pair of tags an excitatory projection connects.
        var tagsPerPopulation = spec.Tags.GroupBy(t => t.Population).ToDictionary(g => g.Key, g => (double)g.Count(), StringComparer.Ordinal);
        foreach (var tag in spec.Tags)
        {
            bytes += (tag.Size * 4.0) + SizeOf(tag.Population);
            if (spec.Record.TagMetrics.Contains(TagMetric.Coupling))
            {
                bytes += spec.Projections.Where(p => !p.Inhibitory && PopulationOf(p.From) == tag.Population).Select(p => PopulationOf(p.To)).Distinct(StringComparer.Ordinal)
                    .Sum(to => tagsPerPopulation.GetValueOrDefault(to) * SizeOf(to));
            }
        }

        if (spec.Record.WindowSteps is { } window)
        {
            bytes += (spec.Populations.Count + spec.Tags.Count) * window * 4.0; // one count ring per windowed series
        }

        MemoryBytes = (long)Math.Min(bytes, long.MaxValue);
        if (bytes > limit)
        {
            ReportMemory(top, bytes, limit, parts);
        }
    }
}
