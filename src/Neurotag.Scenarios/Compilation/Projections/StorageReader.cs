using Neurotag.Core.Specs;
using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation.Projections;

/// <summary><c>storage: { rule: hebbian_outer_product, patterns: INPUT, at: PHASE }</c> on a rate projection (<see cref="StorageSpec"/>).</summary>
internal static class StorageReader
{
    public static readonly KeySet Keys = new("storage", "Weights written in one shot from a pattern set (Hopfield 1982).",
        KeyShapes.Must("rule", ValueShape.Choice("hebbian_outer_product"), "storage rule: W = (1/N)·Σ ξξᵀ, zero diagonal"),
        KeyShapes.Must("patterns", ValueShape.Text, "a 'kind: patterns' input whose patterns are stored"),
        KeyShapes.Key("at", ValueShape.Text, "phase at whose start the weights are written; default: when the network is built"));

    /// <summary>The spec, or null after reporting; <paramref name="weight"/> must be signed (the rule writes both signs).</summary>
    public static StorageSpec? Read(CompileContext ctx, Definitions defs, YamlNodeBase node, string path, WeightSpec? weight, YamlNodeBase weightNode)
    {
        var r = ctx.Reader;
        if (ctx.IsSpiking)
        {
            r.Error(node, path, "'storage:' writes rate-network couplings", "remove 'storage:' (spiking projections learn by STDP)");
            return null;
        }

        if (r.Mapping(node, path, "{ rule: hebbian_outer_product, patterns: memories }") is not { } map)
        {
            return null;
        }

        r.CheckKeys(map, path, Keys);
        r.ChoiceName(r.Required(map, "rule", path, "hebbian_outer_product"), path + ".rule", ["hebbian_outer_product"], "storage rule");
        var patternsNode = r.Required(map, "patterns", path, "memories");
        string? patterns = r.Identifier(patternsNode, path + ".patterns", "input name");
        if (patterns is not null && !(defs.Inputs.TryGetValue(patterns, out var input) && input.Spec.Kind == InputKind.Patterns))
        {
            r.Error(patternsNode!, path + ".patterns", $"'{patterns}' is not a 'kind: patterns' input", "name an input of kind patterns; its pattern set is what is stored");
            patterns = null;
        }

        if (patterns is not null)
        {
            defs.InputsUsed.Add(patterns); // stored, not shown: it needs no phase
        }

        string? at = map["at"] is { } a ? r.Identifier(a, path + ".at", "phase name") : null;
        if (weight is { IsSigned: false })
        {
            r.Error(weightNode, path.Replace(".storage", ".weight", StringComparison.Ordinal), "hebbian_outer_product writes weights of both signs, but this projection's weights are ≥ 0", "declare 'weight: { signed: true, max: 1 }'");
            return null;
        }

        return patterns is null || (map["at"] is not null && at is null) ? null : new StorageSpec(patterns, at);
    }

    /// <summary>Every <c>storage.at</c> must name a phase of the protocol.</summary>
    public static void CheckPhases(Definitions defs, YamlMappingNode top, IReadOnlyList<PhaseSpec> protocol)
    {
        var names = protocol.Select(p => p.Name).Distinct(StringComparer.Ordinal).ToList();
        foreach (var spec in defs.Projections.Values.Where(p => p.Storage is { AtPhase: not null }))
        {
            if (!names.Contains(spec.Storage!.AtPhase!, StringComparer.Ordinal)
                && top["projections"] is YamlMappingNode projections
                && projections.Entries.FirstOrDefault(e => e.Key.Value == spec.Name).Value is YamlMappingNode p
                && p["storage"] is YamlMappingNode storage && storage["at"] is { } node)
            {
                defs.UnknownName(node, $"projections.{spec.Name}.storage.at", spec.Storage.AtPhase!, "phase", names);
            }
        }
    }
}
