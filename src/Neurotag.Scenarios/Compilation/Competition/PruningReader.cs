using Neurotag.Core.Specs;
using Neurotag.Scenarios.Compilation.Projections;
using Neurotag.Scenarios.Units;
using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation.Competition;

/// <summary>
/// A projection's <c>pruning: { below, for, regrow, every }</c>: removal of synapses that stay weak, and the regrowth
/// of pruned capacity at random vacant places (docs/models.md).
/// </summary>
internal sealed class PruningReader : CompetitionMechanism
{
    public static readonly KeySet Regrow = new("regrow", "Regrowth of pruned synapses.",
        KeyShapes.Key("tau", ValueShape.Quantity, "refill time constant, default pruning.for"),
        KeyShapes.Key("weight", ValueShape.Number, "weight of a regrown synapse"));

    /// <summary>The values of <c>by:</c>.</summary>
    internal static readonly Dictionary<string, PruneBy> ByValues = new(StringComparer.Ordinal)
    {
        ["level"] = PruneBy.Level,
        ["magnitude"] = PruneBy.Magnitude,
        ["random"] = PruneBy.Random,
    };

    public override string Key => "pruning";

    public KeySet Keys { get; } = new("pruning", "Removal of weak synapses.",
        KeyShapes.Key("by", ValueShape.Choice(ByValues.Keys), "level (default: below a weight for a time), magnitude (smallest |w|) or random"),
        KeyShapes.Key("below", KeyShapes.NumberOrQuantity, "by: level — weight threshold (required)"),
        KeyShapes.Key("for", ValueShape.Quantity, "by: level — time below threshold before removal (required)"),
        KeyShapes.Key("regrow", ValueShape.AnyOf(ValueShape.Boolean, ValueShape.Object(Regrow)), "by: level — true, false or { tau, weight }"),
        KeyShapes.Key("every", ValueShape.Quantity, "by: level — online check interval, default 100 ms"),
        KeyShapes.Key("fraction", ValueShape.Number, "by: magnitude or random — fraction in [0, 1) of the existing synapses removed (required)"),
        KeyShapes.Key("at", ValueShape.Text, "by: magnitude or random — the phase at whose start they are removed (required)"));

    /// <summary>The keys of the level mode only.</summary>
    private static readonly string[] LevelKeys = ["below", "for", "regrow", "every"];

    public override (YamlScalarNode Key, YamlNodeBase Value, string Path)? On(YamlMappingNode projection) =>
        projection.Entries.FirstOrDefault(e => e.Key.Value == Key) is { Key: { } key } entry ? (key, entry.Value, Key) : null;

    /// <summary>The sparse weights prune by level, without regrowth.</summary>
    public override bool SpikingSupports(SchemaReader r, YamlScalarNode key, YamlNodeBase value, string path)
    {
        if (value is YamlMappingNode ranked && ranked["by"] is YamlScalarNode by && by.Value != "level")
        {
            r.Error(by, path + ".by", $"pruning 'by: {by.Value}' is not available on spiking projections", SpikingHint + " (by level)");
            return false;
        }

        if (value is YamlMappingNode pruning && pruning["regrow"] is { } regrow && !(regrow is YamlScalarNode flag && flag.Value == "false"))
        {
            r.Error(regrow, path + ".regrow", "regrowth of pruned synapses is not available on spiking projections", SpikingHint + " (remove 'regrow:' or set it to false)");
            return false;
        }

        return true;
    }

    /// <summary><c>pruning:</c>; <paramref name="levelTarget"/> is the target population of a spiking projection (see <see cref="SpikingWeightReader.WeightLevel"/>), null on rate projections.</summary>
    internal PruningSpec? Read(CompileContext ctx, Definitions defs, YamlNodeBase node, string path, WeightSpec? weight, string? levelTarget)
    {
        var r = ctx.Reader;
        var map = r.Mapping(node, path, "{ below: 0.002, for: 7 day }");
        if (map is null)
        {
            return null;
        }

        r.CheckKeys(map, path, Keys);
        PruneBy? by = map["by"] is { } byNode ? r.Choice(byNode, path + ".by", ByValues, "pruning mode") : PruneBy.Level;
        if (by is null)
        {
            return null;
        }

        if (by != PruneBy.Level)
        {
            return ReadRank(r, map, path, by.Value);
        }

        foreach (string key in new[] { "fraction", "at" })
        {
            if (map[key] is { } misplaced)
            {
                r.Error(misplaced, path + "." + key, $"'{key}' applies to pruning by rank", "add 'by: magnitude' (smallest |w|) or 'by: random', or remove it");
                return null;
            }
        }

        double? below = new SpikingWeightReader(ctx, defs).WeightLevel(r.Required(map, "below", path, "0.002"), path + ".below", levelTarget, "0.002");
        double? forMs = r.Quantity(r.Required(map, "for", path, "7 day"), path + ".for", Dimension.Time, 0, minExclusive: true);
        var (regrowOk, regrowth) = ReadRegrow(r, map["regrow"], path + ".regrow", forMs, weight);
        if (!regrowOk)
        {
            return null;
        }

        long? every = map["every"] is { } e ? ctx.Steps(e, path + ".every") : Math.Max(1, (long)Math.Round(100e6 / ctx.DtNs));
        if (forMs is { } f && every is { } ev && f / (ev * ctx.DtNs / 1e6) >= int.MaxValue)
        {
            r.Error(map["for"]!, path + ".for", "'for' spans more than 2^31 pruning checks", "lengthen 'every' (the check interval)");
            return null;
        }

        return below is null || forMs is null || every is null ? null : new PruningSpec(below.Value, forMs.Value, every.Value) { Regrow = regrowth };
    }

    /// <summary>Pruning by rank: <c>{ by: magnitude|random, fraction, at }</c>; the phase of <c>at</c> is checked against the protocol later (<see cref="CheckPhases"/>).</summary>
    private static PruningSpec? ReadRank(SchemaReader r, YamlMappingNode map, string path, PruneBy by)
    {
        foreach (string key in LevelKeys)
        {
            if (map[key] is { } misplaced)
            {
                r.Error(misplaced, path + "." + key, $"'{key}' applies to pruning by level, not 'by: {(by == PruneBy.Magnitude ? "magnitude" : "random")}'", "remove it (pruning by rank removes 'fraction' of the synapses at the start of phase 'at')");
                return null;
            }
        }

        var fractionNode = r.Required(map, "fraction", path, "0.8");
        double? fraction = r.Number(fractionNode, path + ".fraction", 0, example: "0.8");
        if (fraction is >= 1)
        {
            r.Error(fractionNode!, path + ".fraction", SchemaReader.Inv($"a prune fraction must lie in [0, 1), got {fraction}"), "give the fraction of the synapses to remove, e.g. 0.8 for 80 %");
            fraction = null;
        }

        string? at = r.Identifier(r.Required(map, "at", path, "recall"), path + ".at", "phase name");
        return fraction is null || at is null ? null : new PruningSpec(0, 0, long.MaxValue) { By = by, Fraction = fraction.Value, AtPhase = at };
    }

    /// <summary>Every <c>pruning.at</c> must name a phase of the protocol (reported at its node).</summary>
    internal static void CheckPhases(SchemaReader r, Definitions defs, YamlMappingNode top, IReadOnlyList<PhaseSpec> protocol)
    {
        var names = protocol.Select(p => p.Name).Distinct(StringComparer.Ordinal).ToList();
        foreach (var spec in defs.Projections.Values.Where(p => p.Pruning is { AtPhase: not null }))
        {
            if (names.Contains(spec.Pruning!.AtPhase!, StringComparer.Ordinal)
                || top["projections"] is not YamlMappingNode projections
                || projections.Entries.FirstOrDefault(e => e.Key.Value == spec.Name).Value is not YamlMappingNode p
                || p["pruning"] is not YamlMappingNode pruning || pruning["at"] is not { } node)
            {
                continue;
            }

            defs.UnknownName(node, $"projections.{spec.Name}.pruning.at", spec.Pruning.AtPhase!, "phase", names);
        }
    }

    /// <summary>
    /// <c>regrow:</c> of a pruning block: <c>false</c> (default), <c>true</c> (τ = <c>for</c>, weight = resting weight)
    /// or <c>{ tau, weight }</c>. Returns (false, null) on an error.
    /// </summary>
    private static (bool Ok, RegrowthSpec? Spec) ReadRegrow(SchemaReader r, YamlNodeBase? node, string path, double? forMs, WeightSpec? weight)
    {
        if (node is null)
        {
            return (true, null);
        }

        if (node is YamlScalarNode)
        {
            bool? on = r.Boolean(node, path);
            if (on is null || forMs is null || weight is null)
            {
                return (false, null);
            }

            return (true, on.Value ? new RegrowthSpec(forMs.Value, Math.Clamp(weight.Init.Mean, weight.Min, weight.Max)) : null);
        }

        var map = r.Mapping(node, path, "true, or { tau: 7 day, weight: 0.005 }");
        if (map is null)
        {
            return (false, null);
        }

        r.CheckKeys(map, path, Regrow);
        double? tau = map["tau"] is { } t ? r.Quantity(t, path + ".tau", Dimension.Time, 0, minExclusive: true) : forMs;
        double? w = map["weight"] is { } wNode ? r.Number(wNode, path + ".weight", 0, example: "0.005") : weight is null ? null : Math.Clamp(weight.Init.Mean, weight.Min, weight.Max);
        if (w is { } value && weight is not null && (value < weight.Min || value > weight.Max))
        {
            r.Error(map["weight"]!, path + ".weight", SchemaReader.Inv($"a regrown synapse's weight {value} lies outside the projection's bounds [{weight.Min}, {weight.Max}]"), "choose a weight within weight.min and weight.max");
            return (false, null);
        }

        return tau is null || w is null ? (false, null) : (true, new RegrowthSpec(tau.Value, w.Value));
    }
}
