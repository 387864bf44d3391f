using Neurotag.Core.Recording;
using Neurotag.Core.Specs;
using Neurotag.Scenarios.Compilation.Record;
using Neurotag.Scenarios.Units;
using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation.Expect;

/// <summary>Metric names of expectations: <c>tag.T.metric</c>, <c>population.P.rate</c>, <c>projection.P.synapses</c>, <c>weights.P.mean</c>.</summary>
internal sealed class MetricNameReader(CompileContext ctx, Definitions defs)
{
    private readonly SchemaReader _r = ctx.Reader;
    private readonly CompileContext _ctx = ctx;
    private readonly Definitions _defs = defs;

    internal (string, string, string, string)? ReadMetricName(YamlNodeBase node, string path, RecordSpec? record)
    {
        var scalar = _r.Scalar(node, path, "a metric", "tag.pain.activation");
        if (scalar is null)
        {
            return null;
        }

        string[] parts = scalar.Value.Split('.');
        const string Hint = "write tag.TAG.activation|strength|recall|spurious|size|overlap, tag.TAG.coupling|ownership.OTHER, population.POPULATION.rate|threshold|gain, projection.PROJECTION.synapses|pruned|regrown, weights.PROJECTION.mean|frac_high|frac_low, modulator.M.level or synapse.S.weight (TAG may be a family or a member FAMILY.K)";
        switch (parts)
        {
            case ["population", var pop, "rate"]:
                if (!_defs.Populations.ContainsKey(pop))
                {
                    _defs.UnknownName(scalar, path, pop, "population", _defs.Populations.Keys);
                    return null;
                }

                if (record is { PopulationRate: false })
                {
                    _r.Error(scalar, path, "population rates are not recorded", "add 'populations: [rate]' to record:");
                    return null;
                }

                return ("population", pop, "rate", "");
            case ["population", var pop, "threshold" or "gain"]:
                if (!_defs.Populations.ContainsKey(pop))
                {
                    _defs.UnknownName(scalar, path, pop, "population", _defs.Populations.Keys);
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
                bool isFamily = _defs.Families.ContainsKey(tag);
                if (!(_defs.Tags.ContainsKey(tag) || isFamily) || (other.Length > 0 && !_defs.Tags.ContainsKey(other)))
                {
                    string missing = _defs.Tags.ContainsKey(tag) || isFamily ? other : tag;
                    _defs.UnknownName(scalar, path, missing, "tag", _defs.Tags.Keys.Where(t => !t.Contains('.', StringComparison.Ordinal)).Concat(_defs.Families.Keys));
                    return null;
                }

                if (!RecordReader.Metrics.TryGetValue(m, out var metric) || (other.Length > 0) != (metric is TagMetric.Coupling or TagMetric.Ownership) || (isFamily && other.Length > 0))
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
            case ["modulator", var modulator, "level"]:
                return ReadTraceMetric(scalar, path, "modulator", modulator, "level", record?.Modulators, _defs.Modulators.Keys, "modulators");
            case ["synapse", var synapse, "weight"]:
                return ReadTraceMetric(scalar, path, "synapse", synapse, "weight", record?.Synapses, _defs.NamedSynapses.Keys, "synapses");
            default:
                _r.Error(scalar, path, $"'{scalar.Value}' is not a metric name", Hint);
                return null;
        }
    }

    /// <summary>
    /// Splits <c>tag.T.metric[.U]</c> where T and U may be family members (<c>memory.3</c>, which contain a dot):
    /// the metric is the first part, after <c>tag</c>, that is a metric name.
    /// </summary>
    internal static (string Tag, string Metric, string Other)? SplitTagMetric(string[] parts)
    {
        for (int k = 2; k < parts.Length; k++)
        {
            if (RecordReader.Metrics.ContainsKey(parts[k]))
            {
                return (string.Join('.', parts[1..k]), parts[k], string.Join('.', parts[(k + 1)..]));
            }
        }

        return parts.Length is 3 or 4 ? (parts[1], parts[2], parts.Length == 4 ? parts[3] : "") : null;
    }

    /// <summary><c>modulator.M.level</c>, <c>synapse.S.weight</c>: a recorded closed-loop trace's phase mean.</summary>
    private (string, string, string, string)? ReadTraceMetric(YamlScalarNode scalar, string path, string kind, string name, string metric,
        IReadOnlyList<string>? recorded, IEnumerable<string> known, string list)
    {
        if (!known.Contains(name))
        {
            _defs.UnknownName(scalar, path, name, kind, known);
            return null;
        }

        if (recorded is not null && !recorded.Contains(name))
        {
            _r.Error(scalar, path, $"{kind} '{name}' is not recorded, so it cannot be checked", $"add '{list}: [{name}]' to record:");
            return null;
        }

        return (kind, name, metric, "");
    }

    /// <summary>
    /// <c>weights.PROJECTION.mean|frac_high|frac_low</c>: the recorded projection's weight distribution (spiking
    /// scenarios; see WeightSummary in Neurotag.Core). The projection must be the one <c>record.weights</c> samples.
    /// </summary>
    private (string, string, string, string)? ReadWeightMetric(YamlScalarNode scalar, string path, RecordSpec? record, string projection, string metric, string hint)
    {
        if (!_defs.Projections.ContainsKey(projection))
        {
            _defs.UnknownName(scalar, path, projection, "projection", _defs.Projections.Keys);
            return null;
        }

        if (!WeightSummary.Metrics.Contains(metric))
        {
            _r.Error(scalar, path, $"'{metric}' is not a weight metric", hint);
            return null;
        }

        if (record is not null && record.Weights?.Projections.Contains(projection, StringComparer.Ordinal) != true)
        {
            _r.Error(scalar, path, $"the weights of '{projection}' are not recorded, so they cannot be checked", $"add 'weights: {{ projection: {projection}, every: 1 s }}' to record:");
            return null;
        }

        if (!_ctx.IsSpiking)
        {
            _r.Error(scalar, path, "weight metrics are summarized for spiking scenarios only", "check a tag metric (strength, coupling) instead");
            return null;
        }

        return ("weights", projection, metric, "");
    }

    /// <summary>
    /// <c>projection.NAME.synapses|pruned|regrown|pruned_fraction</c>: structural counts at the end of a phase
    /// (projections with pruning only; pruned_fraction with pruning by rank only).
    /// </summary>
    private (string, string, string, string)? ReadStructuralMetric(YamlScalarNode scalar, string path, string projection, string metric, string hint)
    {
        if (!_defs.Projections.TryGetValue(projection, out var spec))
        {
            _defs.UnknownName(scalar, path, projection, "projection", _defs.Projections.Keys);
            return null;
        }

        if (metric is not ("synapses" or "pruned" or "regrown" or "pruned_fraction"))
        {
            _r.Error(scalar, path, $"'{scalar.Value}' is not a projection metric", hint);
            return null;
        }

        if (spec.Pruning is null)
        {
            _r.Error(scalar, path, $"projection '{projection}' has no 'pruning:', so its synapse counts are not recorded", "add 'pruning: { below: …, for: … }' to the projection");
            return null;
        }

        if (metric == "pruned_fraction" && spec.Pruning.By == PruneBy.Level)
        {
            _r.Error(scalar, path, $"'pruned_fraction' is written for pruning by rank, and '{projection}' prunes by level", "check 'pruned' (a count) instead, or prune 'by: magnitude' or 'by: random'");
            return null;
        }

        return ("projection", projection, metric, "");
    }
}
