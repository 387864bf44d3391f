using Neurotag.Core.Recording;
using Neurotag.Core.Specs;
using Neurotag.Scenarios.Expectations;
using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation;

/// <summary>The <c>expect:</c> section: regression assertions that <c>neurotag-cli check</c> evaluates.</summary>
internal sealed partial class ScenarioCompiler
{
    public List<Expectation> Expectations { get; } = [];

    /// <summary>
    /// Reads <c>expect:</c>. <paramref name="record"/> is null, and the "not recorded" checks are skipped, when the
    /// record section is broken (or one of its lists had an error).
    /// </summary>
    private void ReadExpectations(YamlNodeBase? node, IReadOnlyList<PhaseSpec> protocol, RecordSpec? record)
    {
        record = _recordListsRejected ? null : record;
        var seq = _r.Sequence(node, "expect", "[ { phase: probe, metric: tag.pain.activation, above: 0.5 } ]");
        if (seq is null)
        {
            return;
        }

        for (int i = 0; i < seq.Items.Count; i++)
        {
            string path = SchemaReader.Inv($"expect[{i}]");
            var map = _r.Mapping(seq.Items[i], path, "{ phase: probe, metric: tag.pain.activation, above: 0.5 }");
            if (map is null)
            {
                continue;
            }

            _r.CheckKeys(map, path, ScenarioKeys.Expectation);
            var subject = ReadMetricRef(map, path, protocol, record, fallbackMetric: null, requirePhase: true);
            Bound? above = map["above"] is { } a ? ReadBound(a, path + ".above", protocol, record, subject) : null;
            Bound? below = map["below"] is { } b ? ReadBound(b, path + ".below", protocol, record, subject) : null;
            (double, double)? between = null;
            if (map["between"] is { } betweenNode && _r.Sequence(betweenNode, path + ".between", "[0.6, 1.0]") is { } range)
            {
                if (range.Items.Count != 2)
                {
                    _r.Error(range, path + ".between", "expected [low, high]", "for example between: [0.6, 1.0]");
                }
                else if (_r.Number(range.Items[0], path + ".between[0]") is { } lo && _r.Number(range.Items[1], path + ".between[1]") is { } hi)
                {
                    if (hi < lo)
                    {
                        _r.Error(range, path + ".between", "low is above high", "write [low, high]");
                    }
                    else
                    {
                        between = (lo, hi);
                    }
                }
            }

            if (map["above"] is null && map["below"] is null && map["between"] is null)
            {
                _r.Error(map, path, "an expectation needs 'above:', 'below:' or 'between:'", "for example above: 0.5");
            }

            bool boundsOk = (map["above"] is null || above is not null) && (map["below"] is null || below is not null) && (map["between"] is null || between is not null);
            if (subject is not null && boundsOk)
            {
                Expectations.Add(new Expectation(map.Start.Line, subject, above, below, between));
            }
        }
    }

    private Bound? ReadBound(YamlNodeBase node, string path, IReadOnlyList<PhaseSpec> protocol, RecordSpec? record, MetricRef? subject)
    {
        if (node is YamlScalarNode)
        {
            return _r.Number(node, path) is { } v ? new Bound(v, null, 0) : null;
        }

        var map = _r.Mapping(node, path, "0.5, or { phase: probe-before, by: 0.3 } to compare with another measurement");
        if (map is null || subject is null)
        {
            return null;
        }

        _r.CheckKeys(map, path, ScenarioKeys.Bound);
        var reference = ReadMetricRef(map, path, protocol, record, fallbackMetric: subject, requirePhase: false);
        double? by = map["by"] is { } b ? _r.Number(b, path + ".by", 0) : 0;
        return reference is null || by is null ? null : new Bound(null, reference, by.Value);
    }

    private MetricRef? ReadMetricRef(YamlMappingNode map, string path, IReadOnlyList<PhaseSpec> protocol, RecordSpec? record, MetricRef? fallbackMetric, bool requirePhase)
    {
        string? phase = requirePhase || map["phase"] is not null
            ? _r.Scalar(requirePhase ? _r.Required(map, "phase", path, "probe") : map["phase"], path + ".phase", "a phase name", "probe")?.Value
            : fallbackMetric?.Phase;
        long? rep = map["rep"] is { } r ? _r.Integer(r, path + ".rep", 0, int.MaxValue) : null;
        string? after = map["after"] is { } a ? _r.Scalar(a, path + ".after", "a phase or repeat-block name", "rehab")?.Value : null;
        if (phase is not null && !protocol.Any(p => p.Name == phase))
        {
            if (!_protocolRejected)
            {
                UnknownName(map["phase"] ?? map, path + ".phase", phase, "phase", protocol.Select(p => p.Name).Distinct());
            }

            phase = null;
        }

        if (after is not null && !protocol.Any(p => p.Name == after || p.Block == after))
        {
            if (!_protocolRejected)
            {
                UnknownName(map["after"]!, path + ".after", after, "phase or repeat block", protocol.Select(p => p.Block ?? p.Name).Distinct());
            }

            after = null;
        }

        (string Kind, string Name, string Metric, string Other)? metric = null;
        if (map["metric"] is { } metricNode)
        {
            metric = ReadMetricName(metricNode, path + ".metric", record);
        }
        else if (fallbackMetric is not null)
        {
            metric = (fallbackMetric.Kind, fallbackMetric.Name, fallbackMetric.Metric, fallbackMetric.Other);
        }
        else
        {
            _r.Required(map, "metric", path, "tag.pain.activation");
        }

        return phase is null || metric is null || (map["rep"] is not null && rep is null) || (map["after"] is not null && after is null)
            ? null
            : new MetricRef(phase, (int?)rep, after, metric.Value.Kind, metric.Value.Name, metric.Value.Metric, metric.Value.Other);
    }

    private (string, string, string, string)? ReadMetricName(YamlNodeBase node, string path, RecordSpec? record)
    {
        var scalar = _r.Scalar(node, path, "a metric", "tag.pain.activation");
        if (scalar is null)
        {
            return null;
        }

        string[] parts = scalar.Value.Split('.');
        const string Hint = "write tag.TAG.activation|strength|recall|spurious, tag.TAG.coupling|ownership.OTHER, population.POPULATION.rate|threshold|gain, projection.PROJECTION.synapses|pruned|regrown, or weights.PROJECTION.mean|frac_high|frac_low (TAG may be a family or a member FAMILY.K)";
        switch (parts)
        {
            case ["population", var pop, "rate"]:
                if (!_populations.ContainsKey(pop))
                {
                    UnknownName(scalar, path, pop, "population", _populations.Keys);
                    return null;
                }

                if (record is { PopulationRate: false })
                {
                    _r.Error(scalar, path, "population rates are not recorded", "add 'populations: [rate]' to record:");
                    return null;
                }

                return ("population", pop, "rate", "");
            case ["population", var pop, "threshold" or "gain"]:
                if (!_populations.ContainsKey(pop))
                {
                    UnknownName(scalar, path, pop, "population", _populations.Keys);
                    return null;
                }

                if (record is { PopulationIntrinsics: false })
                {
                    _r.Error(scalar, path, "population thresholds and gains are not recorded", "add 'threshold' (or 'gain') to record.populations");
                    return null;
                }

                return ("population", pop, parts[2], "");
            case ["projection", var projection, var structural]:
                return ReadStructuralMetric(scalar, path, projection, structural, Hint);
            case ["tag", ..] when SplitTagMetric(parts) is var (tag, m, other):
            {
                bool isFamily = _families.ContainsKey(tag);
                if (!(_tags.ContainsKey(tag) || isFamily) || (other.Length > 0 && !_tags.ContainsKey(other)))
                {
                    string missing = _tags.ContainsKey(tag) || isFamily ? other : tag;
                    UnknownName(scalar, path, missing, "tag", _tags.Keys.Where(t => !t.Contains('.', StringComparison.Ordinal)).Concat(_families.Keys));
                    return null;
                }

                if (!Metrics.TryGetValue(m, out var metric) || (other.Length > 0) != (metric is TagMetric.Coupling or TagMetric.Ownership) || (isFamily && other.Length > 0))
                {
                    _r.Error(scalar, path, $"'{scalar.Value}' is not a tag metric", Hint);
                    return null;
                }

                if (record is not null && !record.TagMetrics.Contains(metric))
                {
                    _r.Error(scalar, path, $"'{m}' is not recorded, so it cannot be checked", $"add '{m}' to record.tags");
                    return null;
                }

                return ("tag", tag, m, other);
            }

            case ["weights", var projection, var m]:
                return ReadWeightMetric(scalar, path, record, projection, m, Hint);
            default:
                _r.Error(scalar, path, $"'{scalar.Value}' is not a metric name", Hint);
                return null;
        }
    }

    /// <summary>
    /// Splits <c>tag.T.metric[.U]</c> where T and U may be family members (<c>memory.3</c>, which contain a dot):
    /// the metric is the first part, after <c>tag</c>, that is a metric name.
    /// </summary>
    private static (string Tag, string Metric, string Other)? SplitTagMetric(string[] parts)
    {
        for (int k = 2; k < parts.Length; k++)
        {
            if (Metrics.ContainsKey(parts[k]))
            {
                return (string.Join('.', parts[1..k]), parts[k], string.Join('.', parts[(k + 1)..]));
            }
        }

        return parts.Length is 3 or 4 ? (parts[1], parts[2], parts.Length == 4 ? parts[3] : "") : null;
    }

    /// <summary>
    /// <c>weights.PROJECTION.mean|frac_high|frac_low</c>: the recorded projection's weight distribution (spiking
    /// scenarios; see WeightSummary in Neurotag.Core). The projection must be the one <c>record.weights</c> samples.
    /// </summary>
    private (string, string, string, string)? ReadWeightMetric(YamlScalarNode scalar, string path, RecordSpec? record, string projection, string metric, string hint)
    {
        if (!_projections.ContainsKey(projection))
        {
            UnknownName(scalar, path, projection, "projection", _projections.Keys);
            return null;
        }

        if (!WeightSummary.Metrics.Contains(metric))
        {
            _r.Error(scalar, path, $"'{metric}' is not a weight metric", hint);
            return null;
        }

        if (record is not null && record.Weights?.Projection != projection)
        {
            _r.Error(scalar, path, $"the weights of '{projection}' are not recorded, so they cannot be checked", $"add 'weights: {{ projection: {projection}, every: 1 s }}' to record:");
            return null;
        }

        if (!_spiking)
        {
            _r.Error(scalar, path, "weight metrics are summarized for spiking scenarios only", "check a tag metric (strength, coupling) instead");
            return null;
        }

        return ("weights", projection, metric, "");
    }
}
