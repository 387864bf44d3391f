using Neurotag.Core.Specs;
using Neurotag.Scenarios.Expectations;
using Neurotag.Scenarios.Yaml;
using Neurotag.Statistics;

namespace Neurotag.Scenarios.Compilation.Expect;

/// <summary>
/// <c>over_seeds:</c>, <c>fraction:</c> and <c>effect:</c> of an expectation: what makes it a claim about the
/// distribution over seeds (docs/scenario-reference.md, "Expectations over seeds").
/// </summary>
internal sealed class EffectReader(CompileContext ctx, ExpectationsReader expectations)
{
    private static readonly Dictionary<string, EffectScale> Scales = new(StringComparer.Ordinal) { ["difference"] = EffectScale.Difference, ["ratio"] = EffectScale.Ratio };
    private static readonly Dictionary<string, EffectTest> Tests = new(StringComparer.Ordinal) { ["welch"] = EffectTest.Welch, ["mann_whitney"] = EffectTest.MannWhitney };
    private static readonly Dictionary<string, Alternative> Sides = new(StringComparer.Ordinal) { ["greater"] = Alternative.Greater, ["less"] = Alternative.Less, ["two_sided"] = Alternative.TwoSided };

    private readonly SchemaReader _r = ctx.Reader;
    private readonly CompileContext _ctx = ctx;

    /// <summary>The seed part of the expectation at <paramref name="map"/>; <paramref name="ok"/> is false after an error.</summary>
    public SeedSpec? Read(YamlMappingNode map, string path, MetricRef? subject, IReadOnlyList<PhaseSpec> protocol, RecordSpec? record, out bool ok)
    {
        ok = true;
        int? seeds = null;
        if (map["over_seeds"] is { } node)
        {
            long? n = _r.Integer(node, path + ".over_seeds", long.MinValue, 100_000, "5");
            if (n is < 2)
            {
                _r.Error(node, path + ".over_seeds", SchemaReader.Inv($"over_seeds is {n}: a mean's interval, a fraction or a test needs at least 2 seeds"), "for example over_seeds: 5");
                n = null;
            }

            seeds = (int?)n;
            ok = n is not null;
        }

        bool hasBound = map["above"] is not null || map["below"] is not null || map["between"] is not null;
        if (map["fraction"] is { } fractionNode)
        {
            double? fraction = _r.Number(fractionNode, path + ".fraction", 0, 1, minExclusive: true, example: "0.8");
            if (map["over_seeds"] is null)
            {
                _r.Error(fractionNode, path + ".fraction", "a fraction of seeds needs 'over_seeds:'", "add over_seeds: 5");
            }

            if (!hasBound)
            {
                _r.Error(map, path, "'fraction:' counts the seeds that meet a bound: add 'above:', 'below:' or 'between:'", "for example above: 0.5");
            }

            ok &= fraction is not null && map["over_seeds"] is not null && map["effect"] is null;
            return ok && seeds is { } s ? new SeedSpec(s, SeedStatistic.Fraction, fraction!.Value, null) : null;
        }

        if (map["effect"] is { } effectNode)
        {
            if (map["over_seeds"] is null)
            {
                _r.Error(effectNode, path + ".effect", "an effect is tested across seeds and needs 'over_seeds:'", "add over_seeds: 5");
                ok = false;
            }

            if (hasBound)
            {
                _r.Error(map, path, "an effect is its own bound: write either 'effect:' or 'above:'/'below:'/'between:', not both", "put the least difference in effect.margin");
                ok = false;
            }

            var effect = ReadEffect(effectNode, path + ".effect", subject, protocol, record);
            ok &= effect is not null;
            return ok && seeds is { } s ? new SeedSpec(s, SeedStatistic.Effect, 1, effect) : null;
        }

        return seeds is { } m ? new SeedSpec(m, SeedStatistic.Mean, 1, null) : null;
    }

    private EffectSpec? ReadEffect(YamlNodeBase node, string path, MetricRef? subject, IReadOnlyList<PhaseSpec> protocol, RecordSpec? record)
    {
        var map = _r.Mapping(node, path, "{ versus: { metric: tag.massed.strength }, margin: 0.005 }");
        if (map is null)
        {
            return null;
        }

        _r.CheckKeys(map, path, ScenarioKeys.Effect);
        EffectScale scale = map["as"] is { } a ? _r.Choice(a, path + ".as", Scales, "effect scale") ?? (EffectScale)(-1) : EffectScale.Difference;
        EffectTest test = map["test"] is { } t ? _r.Choice(t, path + ".test", Tests, "test") ?? (EffectTest)(-1) : EffectTest.Welch;
        Alternative sided = map["sided"] is { } s ? _r.Choice(s, path + ".sided", Sides, "alternative") ?? (Alternative)(-1) : Alternative.Greater;
        double? alpha = map["alpha"] is { } al ? _r.Number(al, path + ".alpha", 0, 0.5, minExclusive: true, example: "0.05") : 0.05;
        double? margin = map["margin"] is { } mg
            ? _r.Number(mg, path + ".margin", 0, double.MaxValue, minExclusive: scale == EffectScale.Ratio, example: scale == EffectScale.Ratio ? "1.5" : "0.005")
            : scale == EffectScale.Ratio ? 1 : 0;
        double? minD = map["min_d"] is { } md ? _r.Number(md, path + ".min_d", 0, double.MaxValue, example: "0.8") : null;
        bool minDOk = map["min_d"] is null || minD is not null;

        var versusNode = _r.Required(map, "versus", path, "{ metric: tag.massed.strength }");
        var versusMap = versusNode is null ? null : _r.Mapping(versusNode, path + ".versus", "{ phase: probe, metric: tag.massed.strength }");
        if (versusMap is null || subject is null)
        {
            return null;
        }

        _r.CheckKeys(versusMap, path + ".versus", ScenarioKeys.Versus);
        string? other = versusMap["scenario"] is { } sc ? _r.Text(sc, path + ".versus.scenario") : null;
        MetricRef? versus = versusMap["scenario"] is not null ? ReadForeign(versusMap, path + ".versus", subject) : expectations.ReadMetricRef(versusMap, path + ".versus", protocol, record, fallbackMetric: subject, requirePhase: false);
        if (versus is not null && other is null)
        {
            string mine = MetricQuantity.Of(subject.Kind, subject.Metric, _ctx.IsSpiking);
            string theirs = MetricQuantity.Of(versus.Kind, versus.Metric, _ctx.IsSpiking);
            if (mine != theirs)
            {
                _r.Error(versusMap["metric"] ?? versusMap, path + ".versus.metric", $"an effect compares like with like: {subject.MetricText} measures {mine}, {versus.MetricText} measures {theirs}", "compare two metrics of one kind and unit (two strengths, two activations)");
                return null;
            }
        }

        if (versus is null || (int)scale < 0 || (int)test < 0 || (int)sided < 0 || alpha is null || margin is null || !minDOk || (versusMap["scenario"] is not null && other is null))
        {
            return null;
        }

        return new EffectSpec(versus, other, versusMap.Start.Line, versusMap.Start.Column, scale, test, sided, alpha.Value, margin.Value, minD);
    }

    /// <summary>
    /// A metric of another scenario file: read by its shape only, since its phases and tags are that file's; <c>check</c>
    /// compiles the other file and checks the phase and the metric's kind and unit there.
    /// </summary>
    private MetricRef? ReadForeign(YamlMappingNode map, string path, MetricRef subject)
    {
        string? phase = map["phase"] is { } p ? _r.Scalar(p, path + ".phase", "a phase name", "probe")?.Value : subject.Phase;
        long? rep = map["rep"] is { } r ? _r.Integer(r, path + ".rep", 0, int.MaxValue) : null;
        string? after = map["after"] is { } a ? _r.Scalar(a, path + ".after", "a phase or repeat-block name", "rehab")?.Value : null;
        string? text = map["metric"] is { } m ? _r.Scalar(m, path + ".metric", "a metric", "tag.pain.activation")?.Value : subject.MetricText;
        if (phase is null || text is null)
        {
            return null;
        }

        string[] parts = text.Split('.');
        (string Kind, string Name, string Metric, string Other)? metric = parts switch
        {
            ["tag", ..] when MetricNameReader.SplitTagMetric(parts) is var (tag, tm, o) => ("tag", tag, tm, o),
            [var kind and ("population" or "projection" or "weights"), var name, var pm] => (kind, name, pm, ""),
            _ => null,
        };
        if (metric is not { } mv)
        {
            _r.Error(map["metric"] ?? map, path + ".metric", $"'{text}' is not a metric name", "write tag.TAG.METRIC, population.POPULATION.rate, projection.PROJECTION.synapses or weights.PROJECTION.mean");
            return null;
        }

        return new MetricRef(phase, (int?)rep, after, mv.Kind, mv.Name, mv.Metric, mv.Other);
    }
}
