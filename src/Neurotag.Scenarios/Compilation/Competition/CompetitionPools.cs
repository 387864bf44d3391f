using Neurotag.Core.Specs;
using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation.Competition;

/// <summary>
/// The pools of <c>scope: neuron</c> (normalize per post, heterosynaptic), checked once every projection was read: the
/// pool of a postsynaptic population is its excitatory projections that declare the scope, so each member must be
/// excitatory and all must agree on the parameters the pool shares (one budget per neuron).
/// </summary>
internal sealed class CompetitionPools(CompileContext ctx, Definitions defs)
{
    private readonly SchemaReader _r = ctx.Reader;
    private readonly Definitions _defs = defs;

    public void Check(YamlMappingNode projections)
    {
        CheckPool(projections, "normalize", p => p.Normalization is { Scope: CompetitionScope.Neuron },
            p => SchemaReader.Inv($"total {p.Normalization!.Total}, every {p.Normalization.EverySteps} steps"));
        CheckPool(projections, "heterosynaptic", p => p.Heterosynaptic is { Scope: CompetitionScope.Neuron },
            p => SchemaReader.Inv($"rate {p.Heterosynaptic!.Rate}"));
    }

    private void CheckPool(YamlMappingNode projections, string mechanism, Func<ProjectionSpec, bool> inPool, Func<ProjectionSpec, string> shared)
    {
        var first = new Dictionary<string, ProjectionSpec>(StringComparer.Ordinal);
        foreach (var spec in _defs.Projections.Values.Where(inPool))
        {
            string path = $"projections.{spec.Name}.competition.{mechanism}.scope";
            var node = ScopeNode(projections, spec.Name, mechanism);
            if (spec.Inhibitory)
            {
                _r.Error(node, path, "'scope: neuron' pools the excitatory inputs of a neuron; this projection is inhibitory", "remove 'scope: neuron' from the inhibitory projection");
                continue;
            }

            string post = _defs.PopulationOf(spec.To);
            if (!first.TryGetValue(post, out var leader))
            {
                first[post] = spec;
            }
            else if (shared(spec) != shared(leader))
            {
                _r.Error(node, path, $"the projections onto '{post}' with '{mechanism}: {{ scope: neuron }}' share one budget per neuron, but '{leader.Name}' has {shared(leader)} and '{spec.Name}' has {shared(spec)}", $"give every projection of the pool the same {mechanism} parameters");
            }
        }
    }

    private static YamlNodeBase ScopeNode(YamlMappingNode projections, string name, string mechanism)
    {
        var projection = projections.Entries.First(e => e.Key.Value == name).Value;
        return projection is YamlMappingNode p && p["competition"] is YamlMappingNode c && c[mechanism] is YamlMappingNode m && m["scope"] is { } scope
            ? scope
            : projection;
    }
}
