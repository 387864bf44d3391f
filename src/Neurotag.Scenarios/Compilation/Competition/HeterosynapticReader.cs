using Neurotag.Core.Specs;
using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation.Competition;

/// <summary>
/// <c>competition.heterosynaptic: { rate }</c>: heterosynaptic depression, a row's potentiation taken back from all its
/// inputs in proportion to their weight (docs/models.md). Rate core only.
/// </summary>
internal sealed class HeterosynapticReader : CompetitionBlockMechanism
{
    public override string Key => "heterosynaptic";

    public override KeySet Keys { get; } = new("heterosynaptic", "Heterosynaptic depression.",
        KeyShapes.Must("rate", ValueShape.Number, "h in [0, 100]"),
        KeyShapes.Key("scope", ValueShape.Choice(NormalizeReader.Scopes.Keys), "projection (default) or neuron: potentiation and total over all excitatory inputs of the neuron across projections"));

    public override string Description => "heterosynaptic depression";

    /// <summary>Not implemented by the sparse weights; reported at its key.</summary>
    public override bool SpikingSupports(SchemaReader r, YamlScalarNode key, YamlNodeBase value, string path)
    {
        r.Error(key, path, "heterosynaptic depression is not available on spiking projections", SpikingHint + " (use normalize per post for a conserved input budget)");
        return false;
    }

    public override bool Read(CompileContext ctx, Definitions defs, YamlNodeBase node, string path, string? levelTarget, out Func<CompetitionParts, CompetitionParts> apply)
    {
        var r = ctx.Reader;
        apply = parts => parts;
        var map = r.Mapping(node, path, "{ rate: 1.0 }");
        if (map is null)
        {
            return false;
        }

        r.CheckKeys(map, path, Keys);
        double? rate = r.Number(r.Required(map, "rate", path, "1.0"), path + ".rate", 0, 100, example: "1.0");
        CompetitionScope? scope = map["scope"] is { } scopeNode ? r.Choice(scopeNode, path + ".scope", NormalizeReader.Scopes, "competition scope") : CompetitionScope.Projection;
        if (rate is null || scope is null)
        {
            return false;
        }

        var spec = new HeterosynapticSpec(rate.Value) { Scope = scope.Value };
        apply = parts => parts with { Heterosynaptic = spec };
        return true;
    }
}
