using Neurotag.Core.Specs;
using Neurotag.Scenarios.Units;
using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation;

/// <summary>Competition for shared neurons: normalization, heterosynaptic depression, kWTA, and regrowth (docs/models.md).</summary>
internal sealed partial class ScenarioCompiler
{
    internal static readonly Dictionary<string, NormalizePer> NormalizeSides = new(StringComparer.Ordinal)
    {
        ["post"] = NormalizePer.Post,
        ["pre"] = NormalizePer.Pre,
        ["both"] = NormalizePer.Both,
    };

    /// <summary>A projection's <c>competition:</c> block: normalization and/or heterosynaptic depression.</summary>
    private sealed record CompetitionParts(NormalizationSpec? Normalization, HeterosynapticSpec? Heterosynaptic);

    /// <summary>
    /// A projection's <c>competition:</c>; <paramref name="levelTarget"/> is the target population of a spiking
    /// projection (see <see cref="WeightLevel"/>), null on rate projections.
    /// </summary>
    private CompetitionParts? ReadCompetition(YamlNodeBase node, string path, string? levelTarget)
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
        double? total = WeightLevel(_r.Required(n, "total", np, "1.0"), np + ".total", levelTarget, "1.0");
        long? every = n["every"] is { } e ? Steps(e, np + ".every") : Math.Max(1, (long)Math.Round(10e6 / _dtNs));
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

    /// <summary>
    /// <c>regrow:</c> of a pruning block: <c>false</c> (default), <c>true</c> (τ = <c>for</c>, weight = resting weight)
    /// or <c>{ tau, weight }</c>. Returns (false, null) on an error.
    /// </summary>
    private (bool Ok, RegrowthSpec? Spec) ReadRegrow(YamlNodeBase? node, string path, double? forMs, WeightSpec? weight)
    {
        if (node is null)
        {
            return (true, null);
        }

        if (node is YamlScalarNode)
        {
            bool? on = _r.Boolean(node, path);
            if (on is null || forMs is null || weight is null)
            {
                return (false, null);
            }

            return (true, on.Value ? new RegrowthSpec(forMs.Value, Math.Clamp(weight.Init.Mean, weight.Min, weight.Max)) : null);
        }

        var map = _r.Mapping(node, path, "true, or { tau: 7 day, weight: 0.005 }");
        if (map is null)
        {
            return (false, null);
        }

        _r.CheckKeys(map, path, ScenarioKeys.Regrow);
        double? tau = map["tau"] is { } t ? _r.Quantity(t, path + ".tau", Dimension.Time, 0, minExclusive: true) : forMs;
        double? w = map["weight"] is { } wNode ? _r.Number(wNode, path + ".weight", 0, example: "0.005") : weight is null ? null : Math.Clamp(weight.Init.Mean, weight.Min, weight.Max);
        if (w is { } value && weight is not null && (value < weight.Min || value > weight.Max))
        {
            _r.Error(map["weight"]!, path + ".weight", SchemaReader.Inv($"a regrown synapse's weight {value} lies outside the projection's bounds [{weight.Min}, {weight.Max}]"), "choose a weight within weight.min and weight.max");
            return (false, null);
        }

        return tau is null || w is null ? (false, null) : (true, new RegrowthSpec(tau.Value, w.Value));
    }

    /// <summary><c>kwta:</c> of a population: k, the number of winners per step (1 ≤ k ≤ size). Returns (false, null) on an error.</summary>
    private (bool Ok, int? K) ReadKwta(YamlNodeBase? node, string path, long size, NeuronSpec? neuron)
    {
        if (node is null)
        {
            return (true, null);
        }

        long? k = _r.Integer(node, path, 1, size, "20");
        if (k is null)
        {
            return (false, null);
        }

        if (neuron is not null and not RateNeuronSpec)
        {
            _r.Error(node, path, "kwta applies to rate populations", "remove 'kwta:' or use an inhibitory population");
            return (false, null);
        }

        return (true, (int)k.Value);
    }

    /// <summary>
    /// <c>projection.NAME.synapses|pruned|regrown</c>: structural counts at the end of a phase (projections with
    /// pruning only).
    /// </summary>
    private (string, string, string, string)? ReadStructuralMetric(YamlScalarNode scalar, string path, string projection, string metric, string hint)
    {
        if (!_projections.TryGetValue(projection, out var spec))
        {
            UnknownName(scalar, path, projection, "projection", _projections.Keys);
            return null;
        }

        if (metric is not ("synapses" or "pruned" or "regrown"))
        {
            _r.Error(scalar, path, $"'{scalar.Value}' is not a projection metric", hint);
            return null;
        }

        if (spec.Pruning is null)
        {
            _r.Error(scalar, path, $"projection '{projection}' has no 'pruning:', so its synapse counts are not recorded", "add 'pruning: { below: …, for: … }' to the projection");
            return null;
        }

        return ("projection", projection, metric, "");
    }
}
