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

    public override string Key => "pruning";

    public KeySet Keys { get; } = new("pruning", "Removal of weak synapses.",
        KeyShapes.Must("below", KeyShapes.NumberOrQuantity, "weight threshold"),
        KeyShapes.Must("for", ValueShape.Quantity, "time below threshold before removal"),
        KeyShapes.Key("regrow", ValueShape.AnyOf(ValueShape.Boolean, ValueShape.Object(Regrow)), "true, false or { tau, weight }"),
        KeyShapes.Key("every", ValueShape.Quantity, "online check interval, default 100 ms"));

    public override (YamlScalarNode Key, YamlNodeBase Value, string Path)? On(YamlMappingNode projection) =>
        projection.Entries.FirstOrDefault(e => e.Key.Value == Key) is { Key: { } key } entry ? (key, entry.Value, Key) : null;

    /// <summary>The sparse weights prune without regrowth.</summary>
    public override bool SpikingSupports(SchemaReader r, YamlScalarNode key, YamlNodeBase value, string path)
    {
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
