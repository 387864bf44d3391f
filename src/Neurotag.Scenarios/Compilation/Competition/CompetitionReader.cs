using Neurotag.Core.Specs;
using Neurotag.Scenarios.Compilation.Projections;
using Neurotag.Scenarios.Units;
using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation.Competition;

/// <summary>A projection's <c>competition:</c>: synaptic normalization and heterosynaptic depression (docs/models.md).</summary>
internal sealed class CompetitionReader(CompileContext ctx, Definitions defs)
{
    private readonly SchemaReader _r = ctx.Reader;
    private readonly CompileContext _ctx = ctx;
    private readonly SpikingWeightReader _spikingWeightReader = new(ctx, defs);

    internal static readonly Dictionary<string, NormalizePer> NormalizeSides = new(StringComparer.Ordinal)
    {
        ["post"] = NormalizePer.Post,
        ["pre"] = NormalizePer.Pre,
        ["both"] = NormalizePer.Both,
    };

    /// <summary>
    /// A projection's <c>competition:</c>; <paramref name="levelTarget"/> is the target population of a spiking
    /// projection (see <see cref="SpikingWeightReader.WeightLevel"/>), null on rate projections.
    /// </summary>
    internal CompetitionParts? ReadCompetition(YamlNodeBase node, string path, string? levelTarget)
    {
        const string Example = "{ normalize: { per: post, total: 1.0, every: 10 ms } } or { heterosynaptic: { rate: 1.0 } }";
        var map = _r.Mapping(node, path, Example);
        if (map is null)
        {
            return null;
        }

        _r.CheckKeys(map, path, ScenarioKeys.Competition);
        if (map["normalize"] is null && map["heterosynaptic"] is null)
        {
            _r.Error(map, path, "competition needs 'normalize:' and/or 'heterosynaptic:'", "for example " + Example);
            return null;
        }

        var normalization = map["normalize"] is { } n ? ReadNormalize(n, path + ".normalize", levelTarget) : null;
        var heterosynaptic = map["heterosynaptic"] is { } h ? ReadHeterosynaptic(h, path + ".heterosynaptic") : null;
        return (map["normalize"] is not null && normalization is null) || (map["heterosynaptic"] is not null && heterosynaptic is null)
            ? null
            : new CompetitionParts(normalization, heterosynaptic);
    }

    private NormalizationSpec? ReadNormalize(YamlNodeBase node, string np, string? levelTarget)
    {
        var n = _r.Mapping(node, np, "{ per: post, total: 1.0, every: 10 ms }");
        if (n is null)
        {
            return null;
        }

        _r.CheckKeys(n, np, ScenarioKeys.Normalize);
        NormalizePer? per = n["per"] is { } perNode ? _r.Choice(perNode, np + ".per", NormalizeSides, "normalization side") : NormalizePer.Post;
        double? total = _spikingWeightReader.WeightLevel(_r.Required(n, "total", np, "1.0"), np + ".total", levelTarget, "1.0");
        long? every = n["every"] is { } e ? _ctx.Steps(e, np + ".every") : Math.Max(1, (long)Math.Round(10e6 / _ctx.DtNs));
        long? iterations = NormalizationSpec.DefaultIterations;
        if (n["iterations"] is { } it)
        {
            iterations = _r.Integer(it, np + ".iterations", 1, 1000, "20");
            if (per is not NormalizePer.Both && per is not null)
            {
                _r.Error(it, np + ".iterations", "'iterations' only applies to 'per: both' (post and pre are exact in one pass)", "remove it or use 'per: both'");
                iterations = null;
            }
        }

        return per is null || total is null || every is null || iterations is null
            ? null
            : new NormalizationSpec(per.Value, total.Value, every.Value) { Iterations = (int)iterations.Value };
    }

    private HeterosynapticSpec? ReadHeterosynaptic(YamlNodeBase node, string path)
    {
        var map = _r.Mapping(node, path, "{ rate: 1.0 }");
        if (map is null)
        {
            return null;
        }

        _r.CheckKeys(map, path, ScenarioKeys.Heterosynaptic);
        double? rate = _r.Number(_r.Required(map, "rate", path, "1.0"), path + ".rate", 0, 100, example: "1.0");
        return rate is null ? null : new HeterosynapticSpec(rate.Value);
    }
}
