using Neurotag.Core.Specs;
using Neurotag.Scenarios.Compilation.Projections;
using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation.Competition;

/// <summary>
/// <c>competition.normalize: { per, total, every, iterations }</c>: synaptic normalization, each post neuron's incoming
/// (or each pre neuron's outgoing, or both by Sinkhorn rounds) summed weight rescaled to <c>total</c> (von der Malsburg 1973).
/// </summary>
internal sealed class NormalizeReader : CompetitionBlockMechanism
{
    internal static readonly Dictionary<string, NormalizePer> NormalizeSides = new(StringComparer.Ordinal)
    {
        ["post"] = NormalizePer.Post,
        ["pre"] = NormalizePer.Pre,
        ["both"] = NormalizePer.Both,
    };

    /// <summary>The values of <c>scope:</c> (normalize per post and heterosynaptic).</summary>
    internal static readonly Dictionary<string, CompetitionScope> Scopes = new(StringComparer.Ordinal)
    {
        ["projection"] = CompetitionScope.Projection,
        ["neuron"] = CompetitionScope.Neuron,
    };

    public override string Key => "normalize";

    public override KeySet Keys { get; } = new("normalize", "Synaptic normalization.",
        KeyShapes.Key("per", ValueShape.Choice(NormalizeSides.Keys), "post (default), pre or both"),
        KeyShapes.Must("total", KeyShapes.NumberOrQuantity, "target sum"),
        KeyShapes.Key("every", ValueShape.Quantity, "interval, default 10 ms"),
        KeyShapes.Key("iterations", ValueShape.Integer, "most Sinkhorn rounds (per: both), default 20"),
        KeyShapes.Key("scope", ValueShape.Choice(Scopes.Keys), "projection (default) or neuron: a post neuron's total over all its excitatory inputs across projections (per: post)"));

    public override string Description => "synaptic normalization";

    /// <summary>The sparse weights normalize per post only, within the projection.</summary>
    public override bool SpikingSupports(SchemaReader r, YamlScalarNode key, YamlNodeBase value, string path)
    {
        if (value is YamlMappingNode scoped && scoped["scope"] is YamlScalarNode scope && scope.Value == "neuron")
        {
            r.Error(scope, path + ".scope", "'scope: neuron' is not available on spiking projections", SpikingHint + " (remove 'scope:' to normalize within the projection)");
            return false;
        }

        if (value is YamlMappingNode normalize && normalize["per"] is YamlScalarNode per && per.Value is "pre" or "both")
        {
            r.Error(per, path + ".per", $"'per: {per.Value}' is not available on spiking projections", SpikingHint);
            return false;
        }

        return true;
    }

    public override bool Read(CompileContext ctx, Definitions defs, YamlNodeBase node, string path, string? levelTarget, out Func<CompetitionParts, CompetitionParts> apply)
    {
        var r = ctx.Reader;
        apply = parts => parts;
        var n = r.Mapping(node, path, "{ per: post, total: 1.0, every: 10 ms }");
        if (n is null)
        {
            return false;
        }

        r.CheckKeys(n, path, Keys);
        NormalizePer? per = n["per"] is { } perNode ? r.Choice(perNode, path + ".per", NormalizeSides, "normalization side") : NormalizePer.Post;
        double? total = new SpikingWeightReader(ctx, defs).WeightLevel(r.Required(n, "total", path, "1.0"), path + ".total", levelTarget, "1.0");
        long? every = n["every"] is { } e ? ctx.Steps(e, path + ".every") : Math.Max(1, (long)Math.Round(10e6 / ctx.DtNs));
        long? iterations = NormalizationSpec.DefaultIterations;
        if (n["iterations"] is { } it)
        {
            iterations = r.Integer(it, path + ".iterations", 1, 1000, "20");
            if (per is not NormalizePer.Both && per is not null)
            {
                r.Error(it, path + ".iterations", "'iterations' only applies to 'per: both' (post and pre are exact in one pass)", "remove it or use 'per: both'");
                iterations = null;
            }
        }

        CompetitionScope? scope = n["scope"] is { } scopeNode ? r.Choice(scopeNode, path + ".scope", Scopes, "competition scope") : CompetitionScope.Projection;
        if (scope == CompetitionScope.Neuron && per is not NormalizePer.Post && per is not null)
        {
            r.Error(n["scope"]!, path + ".scope", "'scope: neuron' sums a postsynaptic neuron's inputs, so it needs 'per: post'", "use 'per: post' or remove 'scope:'");
            scope = null;
        }

        if (per is null || total is null || every is null || iterations is null || scope is null)
        {
            return false;
        }

        var spec = new NormalizationSpec(per.Value, total.Value, every.Value) { Iterations = (int)iterations.Value, Scope = scope.Value };
        apply = parts => parts with { Normalization = spec };
        return true;
    }
}
