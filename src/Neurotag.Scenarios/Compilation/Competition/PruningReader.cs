using Neurotag.Core.Specs;
using Neurotag.Scenarios.Compilation.Projections;
using Neurotag.Scenarios.Units;
using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation.Competition;

/// <summary>Pruning of weak synapses and their regrowth.</summary>
internal sealed class PruningReader(CompileContext ctx, Definitions defs)
{
    private readonly SchemaReader _r = ctx.Reader;
    private readonly CompileContext _ctx = ctx;
    private readonly SpikingWeightReader _spikingWeightReader = new(ctx, defs);

    /// <summary><c>pruning:</c>; <paramref name="levelTarget"/> is the target population of a spiking projection (see <see cref="SpikingWeightReader.WeightLevel"/>), null on rate projections.</summary>
    internal PruningSpec? ReadPruning(YamlNodeBase node, string path, WeightSpec? weight, string? levelTarget)
    {
        var map = _r.Mapping(node, path, "{ below: 0.002, for: 7 day }");
        if (map is null)
        {
            return null;
        }

        _r.CheckKeys(map, path, ScenarioKeys.Pruning);
        double? below = _spikingWeightReader.WeightLevel(_r.Required(map, "below", path, "0.002"), path + ".below", levelTarget, "0.002");
        double? forMs = _r.Quantity(_r.Required(map, "for", path, "7 day"), path + ".for", Dimension.Time, 0, minExclusive: true);
        var (regrowOk, regrowth) = ReadRegrow(map["regrow"], path + ".regrow", forMs, weight);
        if (!regrowOk)
        {
            return null;
        }

        long? every = map["every"] is { } e ? _ctx.Steps(e, path + ".every") : Math.Max(1, (long)Math.Round(100e6 / _ctx.DtNs));
        if (forMs is { } f && every is { } ev && f / (ev * _ctx.DtNs / 1e6) >= int.MaxValue)
        {
            _r.Error(map["for"]!, path + ".for", "'for' spans more than 2^31 pruning checks", "lengthen 'every' (the check interval)");
            return null;
        }

        return below is null || forMs is null || every is null ? null : new PruningSpec(below.Value, forMs.Value, every.Value) { Regrow = regrowth };
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
}
