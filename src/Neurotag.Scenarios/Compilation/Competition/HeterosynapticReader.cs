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
        KeyShapes.Must("rate", ValueShape.Number, "h in [0, 100]"));

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
        if (rate is null)
        {
            return false;
        }

        var spec = new HeterosynapticSpec(rate.Value);
        apply = parts => parts with { Heterosynaptic = spec };
        return true;
    }
}
