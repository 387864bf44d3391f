using Neurotag.Core.Specs;
using Neurotag.Scenarios.Units;
using Neurotag.Scenarios.Expectations;
using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation.Expect;

/// <summary>The <c>expect:</c> section: regression assertions that <c>neurotag-cli check</c> evaluates.</summary>
/// <remarks>With <paramref name="protocolRejected"/> ('protocol:' missing or not a list) phase names cannot be checked.</remarks>
internal sealed class ExpectationsReader(CompileContext ctx, Definitions defs, bool protocolRejected)
{
    private readonly SchemaReader _r = ctx.Reader;
    private readonly Definitions _defs = defs;
    private readonly MetricNameReader _metricNameReader = new(ctx, defs);
    private readonly CompileContext _ctx = ctx;

    /// <summary>
    /// Reads <c>expect:</c>. <paramref name="record"/> is null, and the "not recorded" checks are skipped, when the
    /// record section is broken (or one of its lists had an error).
    /// </summary>
    public List<Expectation> Read(YamlNodeBase? node, IReadOnlyList<PhaseSpec> protocol, RecordSpec? record)
    {
        var seq = _r.Sequence(node, "expect", "[ { phase: probe, metric: tag.pain.activation, above: 0.5 } ]");
        var expectations = new List<Expectation>();
        if (seq is null)
        {
            return expectations;
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

            var overSeeds = new EffectReader(_ctx, this).Read(map, path, subject, protocol, record, out bool seedsOk);
            if (map["above"] is null && map["below"] is null && map["between"] is null && map["effect"] is null)
            {
                _r.Error(map, path, "an expectation needs 'above:', 'below:' or 'between:'", "for example above: 0.5");
            }

            bool boundsOk = (map["above"] is null || above is not null) && (map["below"] is null || below is not null) && (map["between"] is null || between is not null);
            if (subject is not null && boundsOk && seedsOk)
            {
                expectations.Add(new Expectation(map.Start.Line, subject, above, below, between) { OverSeeds = overSeeds });
            }
        }

        return expectations;
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
        // A negative margin loosens the bound into a tolerance: below { phase: p, by: -0.01 } = not more than 0.01 above
        // p's value ("does not grow" on a metric counted in steps of 0.01, as assembly size in 100 neurons).
        double? by = map["by"] is { } b ? _r.Number(b, path + ".by") : 0;
        return reference is null || by is null ? null : new Bound(null, reference, by.Value);
    }

    internal MetricRef? ReadMetricRef(YamlMappingNode map, string path, IReadOnlyList<PhaseSpec> protocol, RecordSpec? record, MetricRef? fallbackMetric, bool requirePhase)
    {
        string? phase = requirePhase || map["phase"] is not null
            ? _r.Scalar(requirePhase ? _r.Required(map, "phase", path, "probe") : map["phase"], path + ".phase", "a phase name", "probe")?.Value
            : fallbackMetric?.Phase;
        long? rep = map["rep"] is { } r ? _r.Integer(r, path + ".rep", 0, int.MaxValue) : null;
        string? after = map["after"] is { } a ? _r.Scalar(a, path + ".after", "a phase or repeat-block name", "rehab")?.Value : null;
        if (phase is not null && !protocol.Any(p => p.Name == phase))
        {
            if (!protocolRejected)
            {
                _defs.UnknownName(map["phase"] ?? map, path + ".phase", phase, "phase", protocol.Select(p => p.Name).Distinct());
            }

            phase = null;
        }

        if (after is not null && !protocol.Any(p => p.Name == after || p.Block == after))
        {
            if (!protocolRejected)
            {
                _defs.UnknownName(map["after"]!, path + ".after", after, "phase or repeat block", protocol.Select(p => p.Block ?? p.Name).Distinct());
            }

            after = null;
        }

        (string Kind, string Name, string Metric, string Other)? metric = null;
        if (map["metric"] is { } metricNode)
        {
            metric = _metricNameReader.ReadMetricName(metricNode, path + ".metric", record);
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
}
