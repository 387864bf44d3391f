using System.Globalization;
using Neurotag.Core.Specs;
using Neurotag.Scenarios.Units;
using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation.Projections;

/// <summary>
/// Weights of spiking projections and Poisson inputs, in the unit of the target population's synapses
/// (<see cref="Definitions.Synapses"/>), and weight levels (normalize.total, pruning.below) that may carry that unit.
/// </summary>
internal sealed class SpikingWeightReader(CompileContext ctx, Definitions defs)
{
    private readonly SchemaReader _r = ctx.Reader;
    private readonly Definitions _defs = defs;
    private readonly DistributionReader _distributionReader = new(ctx);

    /// <summary>A weight onto <paramref name="population"/> in its synaptic unit (nS COBA, mV or pA CUBA, number Izhikevich), ≥ <paramref name="min"/>.</summary>
    internal double? SpikingWeightValue(YamlNodeBase node, string path, string population, double min = 0)
    {
        if (_defs.SynapticReaderFor(population) is not { } read)
        {
            _r.Error(node, path, $"population '{population}' is a Poisson source and has no synapses", "target a lif or izhikevich population");
            return null;
        }

        return read(node, path, min);
    }

    /// <summary>Weights of a spiking projection: a quantity in the target's unit, or { init, min, max } with quantities.</summary>
    internal WeightSpec? ReadSpikingWeight(YamlNodeBase? node, string path, string? to)
    {
        if (node is null || _defs.KnownPopulationOf(to) is not { } population || !_defs.SynapsesKnown(population))
        {
            return null; // without the target's neuron, the weights' unit cannot be checked
        }

        var read = _defs.SynapticReaderFor(population);

        if (read is null)
        {
            _r.Error(node, path, $"population '{population}' is a Poisson source and cannot receive synapses", "project onto a lif or izhikevich population");
            return null;
        }

        if (node is YamlScalarNode)
        {
            return SpikingWeightValue(node, path, population) is { } w ? new WeightSpec(new ConstantDistribution(w), 0, w) : null;
        }

        var map = _r.Mapping(node, path, "{ init: 6 nS, min: 0 nS, max: 10 nS }");
        if (map is null)
        {
            return null;
        }

        _r.CheckKeys(map, path, ScenarioKeys.Weight);
        foreach (string rateOnly in (string[])["signed", "file"])
        {
            if (map[rateOnly] is { } node2)
            {
                // Dale's law: a spiking synapse is excitatory or inhibitory by its 'sign:', never both.
                _r.Error(node2, path + "." + rateOnly, $"'{rateOnly}:' is for rate projections", "spiking weights are conductances or currents with the sign of the projection ('sign: inhibitory')");
                return null;
            }
        }

        var initNode = _r.Required(map, "init", path, "6 nS");
        var init = initNode is null ? null
            : _defs.Synapses[population].InitExample is { } example ? _distributionReader.ReadQuantityDistribution(initNode, path + ".init", read, example)
            : _distributionReader.ReadDistribution(initNode, path + ".init");
        double? min = map["min"] is { } lo ? SpikingWeightValue(lo, path + ".min", population) : 0.0;
        double? max = map["max"] is { } hi ? SpikingWeightValue(hi, path + ".max", population)
            : init switch
            {
                ConstantDistribution c => c.Value,
                UniformDistribution u => u.High,
                NormalDistribution n => n.Mu + (5 * n.Sigma),
                _ => null,
            };
        if (init is null || min is null || max is null)
        {
            return null;
        }

        if (max < min)
        {
            _r.Error(map, path, SchemaReader.Inv($"max ({max}) is below min ({min})"), "weights are bounded to [min, max]");
            return null;
        }

        return new WeightSpec(init, min.Value, Math.Max(max.Value, min.Value));
    }

    /// <summary>
    /// A weight level of a projection, &gt; 0: <c>competition.normalize.total</c> and <c>pruning.below</c> compare with the
    /// weights, so on a spiking projection (<paramref name="targetPopulation"/> given) a value with a unit is read like
    /// the weights onto that population (nS onto COBA; mV, or pA converted with R = 1/g_leak, onto CUBA). A bare
    /// number stays what it always was, the internal weight unit (nS COBA, mV CUBA, model units Izhikevich), so
    /// existing scenarios keep their meaning. Rate projections (null) take a plain number.
    /// </summary>
    internal double? WeightLevel(YamlNodeBase? node, string path, string? targetPopulation, string example)
    {
        bool plainNumber = node is YamlScalarNode s && double.TryParse(s.Value.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out _);
        if (!plainNumber && targetPopulation is not null && !_defs.SynapsesKnown(targetPopulation))
        {
            return null; // the level's unit depends on the target's synapses, and the target is broken or undefined
        }

        if (targetPopulation is null || node is not YamlScalarNode scalar || plainNumber
            || _defs.SynapticReaderFor(targetPopulation) is not { } read)
        {
            // A Poisson target has already been reported by the weight: the level is checked as a number only.
            return _r.Number(node, path, 0, minExclusive: true, example: example);
        }

        double? level = read(scalar, path, 0);
        if (level is 0)
        {
            _r.Error(scalar, path, $"{scalar.Value.Trim()} is out of range: expected > 0", "give a positive weight level");
            return null;
        }

        return level;
    }

    /// <summary>
    /// The level target of a spiking projection whose target population is not known (undefined or rejected): a
    /// level with a unit cannot be checked then, a bare number still can.
    /// </summary>
    internal const string UnknownWeightTarget = "";
}
