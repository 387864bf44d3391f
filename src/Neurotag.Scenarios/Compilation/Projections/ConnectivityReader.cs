using Neurotag.Core.Specs;
using Neurotag.Scenarios.Units;
using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation.Projections;

/// <summary>A projection's <c>connectivity:</c>.</summary>
internal sealed class ConnectivityReader(CompileContext ctx, Definitions defs)
{
    private readonly SchemaReader _r = ctx.Reader;
    private readonly Definitions _defs = defs;

    /// <summary><c>connectivity:</c>; checks that need an endpoint's size are skipped when that size is unknown (the endpoint is undefined or rejected).</summary>
    internal ConnectivitySpec? ReadConnectivity(YamlNodeBase? node, string path, string? from, string? to)
    {
        if (node is null)
        {
            return new ConnectivitySpec(ConnectivityRule.AllToAll, 1, 0, AllowSelf: false);
        }

        var map = _r.Mapping(node, path, "{ rule: fixed_probability, p: 0.1 }");
        if (map is null)
        {
            return null;
        }

        _r.CheckKeys(map, path, ScenarioKeys.Connectivity);
        var rule = _r.Choice(_r.Required(map, "rule", path, "all_to_all"), path + ".rule", ProjectionsReader.Rules, "connectivity rule");
        bool? self = map["self"] is { } s ? _r.Boolean(s, path + ".self") : false;
        int? preSize = _defs.KnownSizeOf(from);
        double p = 1;
        int k = 0;
        switch (rule)
        {
            case ConnectivityRule.FixedProbability:
                p = _r.Number(_r.Required(map, "p", path, "0.1"), path + ".p", 0, 1, example: "0.1") ?? double.NaN;
                break;
            case ConnectivityRule.FixedIndegree:
                int selfExcluded = _defs.KnownPopulationOf(from) == _defs.KnownPopulationOf(to) && self != true ? 1 : 0;
                k = (int)(_r.Integer(_r.Required(map, "k", path, "20"), path + ".k", 0, preSize is { } pre ? Math.Max(0, pre - selfExcluded) : int.MaxValue) ?? -1);
                break;
            case ConnectivityRule.OneToOne when _defs.KnownSizeOf(from) is { } fromSize && _defs.KnownSizeOf(to) is { } toSize && fromSize != toSize:
                _r.Error(map, path + ".rule", SchemaReader.Inv($"one_to_one needs equal sizes, but '{from}' has {fromSize} and '{to}' has {toSize} neurons"), "use all_to_all or fixed_probability");
                return null;
            default:
                break;
        }

        foreach (var (extra, needs) in new[] { ("p", ConnectivityRule.FixedProbability), ("k", ConnectivityRule.FixedIndegree) })
        {
            if (map[extra] is { } extraNode && rule is { } r && r != needs)
            {
                _r.Error(extraNode, path + "." + extra, $"'{extra}' only applies to rule {(needs == ConnectivityRule.FixedProbability ? "fixed_probability" : "fixed_indegree")}", "remove it or change the rule");
            }
        }

        return rule is null || self is null || double.IsNaN(p) || k < 0 ? null : new ConnectivitySpec(rule.Value, p, k, self.Value);
    }
}
