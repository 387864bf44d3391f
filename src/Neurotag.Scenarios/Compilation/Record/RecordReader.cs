using Neurotag.Core.Specs;
using Neurotag.Scenarios.Units;
using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation.Record;

/// <summary>The <c>record:</c> section.</summary>
internal sealed class RecordReader(CompileContext ctx, Definitions defs)
{
    /// <summary>Whether record's tags, populations or weights had an error: then "X is not recorded" is not reported.</summary>
    public bool ListsRejected { get; private set; }

    private readonly SchemaReader _r = ctx.Reader;
    private readonly CompileContext _ctx = ctx;
    private readonly Definitions _defs = defs;
    private readonly SpikingRecordReader _spikingRecordReader = new(ctx, defs);

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
        ["size"] = TagMetric.Size,
        ["overlap"] = TagMetric.Overlap,
    };

    public RecordSpec? Read(YamlNodeBase? node)
    {
        long defaultEvery = Math.Max(1, (long)Math.Round(10e6 / _ctx.DtNs));
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
        var (spikes, state) = _spikingRecordReader.ReadSpikingRecord(map);
        // Spiking networks have no rate variable in [0, 1]: a neuron is active when its spike count over the sampling
        // window, divided by the window, exceeds a rate in Hz (no default; see CheckRateOnlyFeatures).
        double? activeAbove = map["active_above"] is not { } act ? 0.5
            : _ctx.IsSpiking ? _r.Quantity(act, "record.active_above", Dimension.Frequency, 0)
            : _r.Number(act, "record.active_above", example: "0.5");

        long? every = map["every"] is { } e ? _ctx.Steps(e, "record.every") : defaultEvery;
        int errorsBeforeLists = _r.Errors.Count;
        var metrics = new List<TagMetric>();
        if (map["tags"] is { } tagsNode && _r.Sequence(tagsNode, "record.tags", "[activation, strength, coupling, ownership]") is { } tagSeq)
        {
            for (int i = 0; i < tagSeq.Items.Count; i++)
            {
                if (_r.Choice(tagSeq.Items[i], SchemaReader.Inv($"record.tags[{i}]"), Metrics, "tag metric") is { } m && !metrics.Contains(m))
                {
                    if (m == TagMetric.Overlap && _ctx.IsSpiking)
                    {
                        _r.Error(tagSeq.Items[i], SchemaReader.Inv($"record.tags[{i}]"), "'overlap' reads rates of ±1 units (rate networks)", "use recall and spurious for spiking networks");
                        continue;
                    }

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
            var projections = ReadWeightProjections(projNode);

            long? wEvery = w["every"] is { } we ? _ctx.Steps(we, "record.weights.every") : Math.Max(1, (long)Math.Round(1e9 / _ctx.DtNs));
            bool? stats = w["stats"] is { } st ? _r.Boolean(st, "record.weights.stats") : true;
            long? bins = w["histogram"] is { } h ? _r.Integer(h, "record.weights.histogram", 1, 10_000) : 0;
            if (stats == false)
            {
                _r.Error(w["stats"]!, "record.weights.stats", "weight blocks are always written when 'weights:' is recorded", "remove 'stats: false'");
            }

            if (projections is not null && wEvery is not null && bins is not null && stats == true)
            {
                weights = new WeightRecordSpec(projections[0], wEvery.Value, (int)bins.Value) { Projections = projections };
            }
        }

        // size (Tetzlaff et al. 2015): the threshold of a strong synapse has no neutral default, so it must be given.
        double sizeAbove = double.NaN;
        if (map["size_above"] is { } sa)
        {
            sizeAbove = _r.Number(sa, "record.size_above", min: 0, example: "46.7") ?? double.NaN;
        }
        else if (metrics.Contains(TagMetric.Size) && map["tags"] is YamlSequenceNode sizeSeq)
        {
            var item = sizeSeq.Items.First(i => i is YamlScalarNode { Value: "size" });
            _r.Error(item, "record.tags", "'size' needs 'record.size_above', the weight above which a synapse is strong (the assembly grows along such synapses)",
                "add for example 'size_above: 0.5' (Tetzlaff et al. 2015 take half the maximal weight) to record:");
        }

        bool? saveWeights = map["save_weights"] is { } sw ? _r.Boolean(sw, "record.save_weights") : false;
        if (saveWeights is true && _ctx.IsSpiking)
        {
            _r.Error(map["save_weights"]!, "record.save_weights", "saving weight matrices is implemented for rate networks", "remove 'save_weights:'");
            saveWeights = null;
        }

        var modulators = Names(map["modulators"], "record.modulators", "modulator", _defs.Modulators.Keys, "[dopamine]");
        var synapses = Names(map["synapses"], "record.synapses", "synapse", _defs.NamedSynapses.Keys, "[chosen]");

        // An expectation on a metric missing from a list that had an error is not told it "is not recorded".
        ListsRejected = _r.Errors.Count > errorsBeforeLists || (map["weights"] is not null && weights is null);
        var (windowOk, window) = _spikingRecordReader.ReadRateWindow(map["window"], populationRate || metrics.Contains(TagMetric.Activation));
        return every is null || activeAbove is null || saveWeights is null || !windowOk ? null
            : new RecordSpec(every.Value, metrics, populationRate, weights)
            {
                SaveWeights = saveWeights.Value, Spikes = spikes, State = state, ActiveAbove = activeAbove.Value, SizeAbove = sizeAbove, PopulationIntrinsics = populationIntrinsics, WindowSteps = window,
                Modulators = modulators, Synapses = synapses,
            };
    }

    /// <summary>
    /// record.modulators / record.synapses: names of defined modulators or named synapses, sampled with the time
    /// series (spiking networks: the rate recorder does not write them).
    /// </summary>
    private List<string> Names(YamlNodeBase? node, string path, string what, IEnumerable<string> known, string example)
    {
        var names = new List<string>();
        if (node is null || _r.Sequence(node, path, example) is not { } seq)
        {
            return names;
        }

        if (!_ctx.IsSpiking)
        {
            _r.Error(seq, path, $"{what} traces are recorded in spiking networks", "remove it from record:");
            return names;
        }

        var knownNames = known.ToList();
        for (int i = 0; i < seq.Items.Count; i++)
        {
            string p = SchemaReader.Inv($"{path}[{i}]");
            if (_r.Identifier(seq.Items[i], p, what + " name") is not { } name)
            {
                continue;
            }

            if (!knownNames.Contains(name))
            {
                _defs.UnknownName(seq.Items[i], p, name, what, knownNames);
            }
            else if (!names.Contains(name))
            {
                names.Add(name);
            }
        }

        return names;
    }

    /// <summary>
    /// <c>record.weights.projection</c>: one projection name, or a non-empty list of distinct names (their rows are
    /// written in the list's order). Null after an error.
    /// </summary>
    private List<string>? ReadWeightProjections(YamlNodeBase? node)
    {
        const string Path = "record.weights.projection";
        if (node is not YamlSequenceNode list)
        {
            return ReadWeightProjection(node, Path) is { } one ? [one] : null;
        }

        if (list.Items.Count == 0)
        {
            _r.Error(list, Path, "the list of recorded projections is empty", "name at least one projection, e.g. [recurrent]");
            return null;
        }

        var names = new List<string>();
        bool ok = true;
        for (int i = 0; i < list.Items.Count; i++)
        {
            string path = SchemaReader.Inv($"{Path}[{i}]");
            if (ReadWeightProjection(list.Items[i], path) is not { } name)
            {
                ok = false;
            }
            else if (names.Contains(name, StringComparer.Ordinal))
            {
                _r.Error(list.Items[i], path, $"projection '{name}' is listed twice", "list each projection once");
                ok = false;
            }
            else
            {
                names.Add(name);
            }
        }

        return ok ? names : null;
    }

    private string? ReadWeightProjection(YamlNodeBase? node, string path)
    {
        string? projection = _r.Identifier(node, path, "projection name");
        if (projection is not null && !_defs.Projections.ContainsKey(projection))
        {
            _defs.UnknownName(node!, path, projection, "projection", _defs.Projections.Keys);
            return null;
        }

        return projection;
    }
}
