using Neurotag.Core.Specs;
using Neurotag.Scenarios.Units;
using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation;

/// <summary>The protocol (phases and repeat blocks) and the record section.</summary>
internal sealed partial class ScenarioCompiler
{
    /// <summary>record.populations: true for the rate; threshold and gain (intrinsic excitability) are recorded together.</summary>
    internal static readonly Dictionary<string, bool> PopulationMetrics = new(StringComparer.Ordinal) { ["rate"] = true, ["threshold"] = false, ["gain"] = false };

    internal static readonly Dictionary<string, TagMetric> Metrics = new(StringComparer.Ordinal)
    {
        ["activation"] = TagMetric.Activation,
        ["strength"] = TagMetric.Strength,
        ["coupling"] = TagMetric.Coupling,
        ["ownership"] = TagMetric.Ownership,
        ["recall"] = TagMetric.Recall,
        ["spurious"] = TagMetric.Spurious,
    };

    private List<PhaseSpec>? ReadProtocol(YamlNodeBase? node)
    {
        var seq = _r.Sequence(node, "protocol", "[ { phase: run, duration: 1 s } ]");
        if (seq is null)
        {
            return null;
        }

        if (seq.Items.Count == 0)
        {
            _r.Error(seq, "protocol", "the protocol has no phase", "add e.g. '- { phase: run, duration: 1 s }'");
        }

        var phases = new List<PhaseSpec>();
        for (int i = 0; i < seq.Items.Count; i++)
        {
            string path = SchemaReader.Inv($"protocol[{i}]");
            var item = _r.Mapping(seq.Items[i], path, "{ phase: run, duration: 1 s } or { repeat: 10, phases: [...] }");
            if (item is null)
            {
                continue;
            }

            if (item["repeat"] is not null)
            {
                phases.AddRange(ReadRepeat(item, path));
            }
            else if (item["phase"] is not null)
            {
                if (ReadPhase(item, path, rep: 0) is { } phase)
                {
                    phases.Add(phase);
                }
                else
                {
                    NoteRejectedPhase(item);
                }
            }
            else
            {
                _r.Error(item, path, "a protocol entry needs 'phase:' or 'repeat:'", "write '- phase: NAME' with a duration, or '- repeat: N' with 'phases:'");
            }
        }

        return phases;
    }

    private List<PhaseSpec> ReadRepeat(YamlMappingNode item, string path)
    {
        _r.CheckKeys(item, path, ScenarioKeys.Repeat);
        long? count = _r.Integer(item["repeat"], path + ".repeat", 1, 1_000_000);
        string? name = item["name"] is { } n ? _r.Identifier(n, path + ".name", "repeat block name") : null;
        long? gap = item["gap"] is { } g ? Steps(g, path + ".gap", allowZero: true) : 0;
        var body = _r.Sequence(_r.Required(item, "phases", path, "[ { phase: practice, duration: 10 min } ]"), path + ".phases", "[ { phase: practice, duration: 10 min } ]");
        if (body is null)
        {
            NoteRejectedBlock(item, name, []);
            return [];
        }

        // Read the body once (rep 0) for errors, then stamp out each repetition.
        var template = new List<PhaseSpec>();
        for (int i = 0; i < body.Items.Count; i++)
        {
            string phasePath = SchemaReader.Inv($"{path}.phases[{i}]");
            var phaseMap = _r.Mapping(body.Items[i], phasePath, "{ phase: practice, duration: 10 min }");
            if (phaseMap is null)
            {
                continue;
            }

            if (phaseMap["repeat"] is { } nested)
            {
                _r.Error(nested, phasePath + ".repeat", "repeat blocks cannot nest", "flatten the inner block into phases");
                continue;
            }

            if (ReadPhase(phaseMap, phasePath, rep: 0) is { } phase)
            {
                template.Add(phase);
            }
            else
            {
                NoteRejectedPhase(phaseMap);
            }
        }

        if (body.Items.Count == 0)
        {
            _r.Error(body, path + ".phases", "a repeat block needs at least one phase", "");
        }

        // The body is read even when the count or the gap is broken, so its own errors show (and its inputs count as used).
        if (count is null || gap is null)
        {
            NoteRejectedBlock(item, name, body.Items);
            return [];
        }

        var phases = new List<PhaseSpec>();
        string gapName = (name ?? "repeat") + ".gap";
        // Every repetition of a template phase points back at the same duration (and the repeat count).
        var repeatNode = item["repeat"]!;
        var sources = template.Select(p => _phaseSources[p] with { Repeat = repeatNode, RepeatPath = path + ".repeat" }).ToList();
        var gapSource = gap > 0 ? new PhaseSource(item["gap"]!, path + ".gap", repeatNode, path + ".repeat") : null;
        for (int rep = 0; rep < count; rep++)
        {
            for (int k = 0; k < template.Count; k++)
            {
                phases.Add(NotePhaseSource(template[k] with { Rep = rep, Block = name }, sources[k]));
            }

            if (gapSource is not null && rep < count - 1)
            {
                phases.Add(NotePhaseSource(new PhaseSpec(gapName, rep, gap.Value, Offline: true, [], [], Plasticity: true, []) { Block = name }, gapSource));
            }
        }

        return phases;
    }

    /// <summary>Remembers a phase that failed, so that expectations naming it are not told it does not exist.</summary>
    private void NoteRejectedPhase(YamlMappingNode phase)
    {
        if (phase["phase"] is YamlScalarNode { Value: var name })
        {
            _rejected.Add(("phase", name));
        }
    }

    /// <summary>Remembers a repeat block that failed, and the phases of its body.</summary>
    private void NoteRejectedBlock(YamlMappingNode block, string? name, IReadOnlyList<YamlNodeBase> body)
    {
        if ((name ?? (block["name"] as YamlScalarNode)?.Value) is { } blockName)
        {
            _rejected.Add(("repeat block", blockName));
            _rejected.Add(("phase", blockName + ".gap"));
        }

        foreach (var phase in body.OfType<YamlMappingNode>())
        {
            NoteRejectedPhase(phase);
        }
    }

    private PhaseSpec? ReadPhase(YamlMappingNode map, string path, int rep)
    {
        _r.CheckKeys(map, path, ScenarioKeys.Phase);
        string? name = _r.Identifier(map["phase"], path + ".phase", "phase name");
        var durationNode = _r.Required(map, "duration", path, "1 s");
        long? steps = Steps(durationNode, path + ".duration");
        bool? offline = map["offline"] is { } o ? _r.Boolean(o, path + ".offline") : false;
        bool? plasticity = map["plasticity"] is { } pl ? _r.Boolean(pl, path + ".plasticity") : true;
        var inputs = new List<string>();
        if (map["inputs"] is { } inputsNode && _r.Sequence(inputsNode, path + ".inputs", "[cue, noise]") is { } inputSeq)
        {
            for (int i = 0; i < inputSeq.Items.Count; i++)
            {
                string ip = SchemaReader.Inv($"{path}.inputs[{i}]");
                if (_r.Identifier(inputSeq.Items[i], ip, "input name") is not { } input)
                {
                    continue;
                }

                if (!InputDefined(input))
                {
                    UnknownName(inputSeq.Items[i], ip, input, "input", InputNames);
                }
                else if (inputs.Contains(input))
                {
                    _r.Error(inputSeq.Items[i], ip, $"input '{input}' is listed twice", "list each input once");
                }
                else
                {
                    inputs.Add(input);
                    _inputsUsed.Add(input);
                }
            }
        }

        var levels = new List<ModulatorLevel>();
        if (map["modulators"] is { } modNode && _r.Mapping(modNode, path + ".modulators", "{ threat: 1.0 }") is { } mods)
        {
            foreach (var (key, value) in mods.Entries)
            {
                string mp = path + ".modulators." + key.Value;
                if (!_modulators.ContainsKey(key.Value))
                {
                    UnknownName(key, mp, key.Value, "modulator", _modulators.Keys);
                }
                else if (_r.Number(value, mp, example: "1.0") is { } level)
                {
                    levels.Add(new ModulatorLevel(key.Value, level));
                }
            }
        }

        var sets = ReadSets(map["set"], path + ".set");
        var sensitize = ReadSensitize(map["sensitize"], path + ".sensitize");
        var disinhibit = ReadDisinhibit(map["disinhibit"], path + ".disinhibit");
        if (offline == true && (map["inputs"] is not null || map["modulators"] is not null || map["plasticity"] is not null))
        {
            _r.Error(map, path, "an offline phase simulates no activity: it takes no inputs, modulators or plasticity switch", "remove them, or make the phase online");
        }

        return name is null || steps is null || offline is null || plasticity is null || sets is null || sensitize is null || disinhibit is null
            ? null
            : NotePhaseSource(new PhaseSpec(name, rep, steps.Value, offline.Value, inputs, levels, plasticity.Value, sets) { Sensitizations = sensitize, Disinhibitions = disinhibit }, new PhaseSource(durationNode!, path + ".duration"));
    }

    private List<ParameterSet>? ReadSets(YamlNodeBase? node, string path)
    {
        if (node is null)
        {
            return [];
        }

        var map = _r.Mapping(node, path, "{ cortex.threshold: 0.4 }");
        if (map is null)
        {
            return null;
        }

        var sets = new List<ParameterSet>();
        bool ok = true;
        foreach (var (key, value) in map.Entries)
        {
            string sp = path + "." + key.Value;
            string[] parts = key.Value.Split('.');
            if (parts.Length == 2 && !_populations.ContainsKey(parts[0]) && IsRejected("population", parts[0]) && NeuronOf(parts[0]) is null)
            {
                ok = false; // a rejected population whose neuron is unknown: which parameters it has is unknown too
                continue;
            }

            if (parts.Length != 2 || NeuronOf(parts[0]) is null)
            {
                ok = false;
                var known = _neurons.Keys.Concat(_rejected.Where(r => r.Kind == "population").Select(r => r.Name)).Distinct(StringComparer.Ordinal);
                _r.Error(key, sp, $"'{key.Value}' is not POPULATION.PARAMETER", "for example 'cortex.threshold: 0.4' or 'cortex.gain: 6'" + (parts.Length == 2 ? $"; known populations: {string.Join(", ", known)}" : ""));
                continue;
            }

            var neuron = NeuronOf(parts[0]);
            IntrinsicParameter? parameter = (parts[1], neuron) switch
            {
                ("threshold", RateNeuronSpec) => IntrinsicParameter.Threshold,
                ("gain", RateNeuronSpec) => IntrinsicParameter.Gain,
                ("rate", PoissonNeuronSpec) => IntrinsicParameter.Rate,
                ("v_thresh", LifNeuronSpec) => IntrinsicParameter.VThresh,
                _ => null,
            };
            if (parameter is null)
            {
                ok = false;
                _r.Error(key, sp, $"'{parts[1]}' cannot be set at run time", "settable parameters: threshold, gain (rate); v_thresh (lif); rate (poisson)");
                continue;
            }

            double? v = parameter switch
            {
                IntrinsicParameter.Gain => _r.Number(value, sp, 0, minExclusive: true),
                IntrinsicParameter.Rate => _r.Quantity(value, sp, Dimension.Frequency, 0),
                IntrinsicParameter.VThresh => _r.Quantity(value, sp, Dimension.Voltage),
                _ => _r.Number(value, sp),
            };
            if (v is null)
            {
                ok = false;
                continue;
            }

            sets.Add(new ParameterSet(parts[0], parameter.Value, v.Value));
        }

        return ok ? sets : null;
    }

    private RecordSpec? ReadRecord(YamlNodeBase? node)
    {
        long defaultEvery = Math.Max(1, (long)Math.Round(10e6 / _dtNs));
        if (node is null)
        {
            return new RecordSpec(defaultEvery, [TagMetric.Activation, TagMetric.Strength], PopulationRate: true, Weights: null);
        }

        var map = _r.Mapping(node, "record", "{ every: 10 ms, tags: [activation, strength] }");
        if (map is null)
        {
            return null;
        }

        _r.CheckKeys(map, "record", ScenarioKeys.Record);
        var (spikes, state) = ReadSpikingRecord(map);
        // Spiking networks have no rate variable in [0, 1]: a neuron is active when its spike count over the sampling
        // window, divided by the window, exceeds a rate in Hz (no default; see CheckRateOnlyFeatures).
        double? activeAbove = map["active_above"] is not { } act ? 0.5
            : _spiking ? _r.Quantity(act, "record.active_above", Dimension.Frequency, 0)
            : _r.Number(act, "record.active_above", example: "0.5");

        long? every = map["every"] is { } e ? Steps(e, "record.every") : defaultEvery;
        int errorsBeforeLists = Errors.Count;
        var metrics = new List<TagMetric>();
        if (map["tags"] is { } tagsNode && _r.Sequence(tagsNode, "record.tags", "[activation, strength, coupling, ownership]") is { } tagSeq)
        {
            for (int i = 0; i < tagSeq.Items.Count; i++)
            {
                if (_r.Choice(tagSeq.Items[i], SchemaReader.Inv($"record.tags[{i}]"), Metrics, "tag metric") is { } m && !metrics.Contains(m))
                {
                    metrics.Add(m);
                }
            }
        }

        bool populationRate = false, populationIntrinsics = false;
        if (map["populations"] is { } popNode && _r.Sequence(popNode, "record.populations", "[rate]") is { } popSeq)
        {
            foreach (var item in popSeq.Items)
            {
                switch (_r.Choice(item, "record.populations", PopulationMetrics, "population metric"))
                {
                    case true:
                        populationRate = true;
                        break;
                    case false:
                        populationIntrinsics = true;
                        break;
                }
            }
        }

        WeightRecordSpec? weights = null;
        if (map["weights"] is { } wNode && _r.Mapping(wNode, "record.weights", "{ projection: recurrent, every: 1 s }") is { } w)
        {
            _r.CheckKeys(w, "record.weights", ScenarioKeys.RecordWeights);
            var projNode = _r.Required(w, "projection", "record.weights", "recurrent");
            string? projection = _r.Identifier(projNode, "record.weights.projection", "projection name");
            if (projection is not null && !_projections.ContainsKey(projection))
            {
                UnknownName(projNode!, "record.weights.projection", projection, "projection", _projections.Keys);
                projection = null;
            }

            long? wEvery = w["every"] is { } we ? Steps(we, "record.weights.every") : Math.Max(1, (long)Math.Round(1e9 / _dtNs));
            bool? stats = w["stats"] is { } st ? _r.Boolean(st, "record.weights.stats") : true;
            long? bins = w["histogram"] is { } h ? _r.Integer(h, "record.weights.histogram", 1, 10_000) : 0;
            if (stats == false)
            {
                _r.Error(w["stats"]!, "record.weights.stats", "weight blocks are always written when 'weights:' is recorded", "remove 'stats: false'");
            }

            if (projection is not null && wEvery is not null && bins is not null && stats == true)
            {
                weights = new WeightRecordSpec(projection, wEvery.Value, (int)bins.Value);
            }
        }

        // An expectation on a metric missing from a list that had an error is not told it "is not recorded".
        _recordListsRejected = Errors.Count > errorsBeforeLists || (map["weights"] is not null && weights is null);
        var (windowOk, window) = ReadRateWindow(map["window"], populationRate || metrics.Contains(TagMetric.Activation));
        return every is null || activeAbove is null || !windowOk ? null
            : new RecordSpec(every.Value, metrics, populationRate, weights) { Spikes = spikes, State = state, ActiveAbove = activeAbove.Value, PopulationIntrinsics = populationIntrinsics, WindowSteps = window };
    }
}
