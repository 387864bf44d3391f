using Neurotag.Core.Specs;
using Neurotag.Scenarios.Units;
using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation.Projections;

/// <summary>The weights of a rate projection: plain numbers in [min, max].</summary>
internal sealed class RateWeightReader(CompileContext ctx)
{
    private readonly SchemaReader _r = ctx.Reader;
    private readonly DistributionReader _distributionReader = new(ctx);

    internal WeightSpec? ReadWeight(YamlNodeBase? node, string path)
    {
        if (node is YamlScalarNode)
        {
            return _r.Number(node, path, 0, example: "0.01") is { } constant ? new WeightSpec(new ConstantDistribution(constant), 0, Math.Max(1, constant)) : null;
        }

        var map = _r.Mapping(node, path, "{ init: 0.01, min: 0.0, max: 1.0 }");
        if (map is null)
        {
            return null;
        }

        _r.CheckKeys(map, path, ScenarioKeys.Weight);
        bool? signed = map["signed"] is { } sg ? _r.Boolean(sg, path + ".signed") : false;
        // A file gives the weights; init is then only the rest weight of decay (0 unless written).
        var initNode = map["file"] is null || map["init"] is not null ? _r.Required(map, "init", path, "0.01") : null;
        var init = initNode is null ? new ConstantDistribution(0) : _distributionReader.ReadDistribution(initNode, path + ".init");
        double? max = map["max"] is { } hi ? _r.Number(hi, path + ".max", signed is true ? 0 : 0, minExclusive: signed is true) : 1.0;
        double? min = map["min"] is { } lo ? _r.Number(lo, path + ".min", 0) : 0.0;
        if (signed is true)
        {
            // Hopfield's couplings take either sign; the bound is symmetric (Hopfield 1982).
            if (map["min"] is { } given)
            {
                _r.Error(given, path + ".min", "a signed projection is bounded by [−max, max]", "remove 'min:'");
                min = null;
            }
            else
            {
                min = max is { } m ? -m : null;
            }
        }

        if (signed is null)
        {
            return null;
        }
        if (init is null || min is null || max is null)
        {
            return null;
        }

        if (max < min)
        {
            _r.Error(map, path, SchemaReader.Inv($"max ({max}) is below min ({min})"), "weights are bounded to [min, max]");
            return null;
        }

        if (init is ConstantDistribution c && (c.Value < min || c.Value > max))
        {
            _r.Error(map["init"]!, path + ".init", SchemaReader.Inv($"init {c.Value} lies outside [min, max] = [{min}, {max}]"), "widen the bounds or change init");
            return null;
        }

        return new WeightSpec(init, min.Value, max.Value) { IsSigned = signed.Value };
    }
}
