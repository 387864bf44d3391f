using System.Globalization;
using Neurotag.Core.Specs;
using Neurotag.Scenarios.Units;
using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation;

/// <summary>
/// Units of synaptic quantities (weights, Poisson input weights, initial synaptic state), validated by the dimension
/// the target population's synapses have: conductance (nS) onto COBA LIF; voltage (mV, the term R·I of the membrane
/// equation) or current (pA, converted to mV with the membrane resistance R = 1/g_leak) onto CUBA LIF; plain
/// numbers onto Izhikevich neurons.
/// </summary>
internal sealed partial class ScenarioCompiler
{
    /// <summary>Reads one synaptic quantity: (node, path, lower bound in the value's unit) → the internal value, or null after an error.</summary>
    private delegate double? SynapticReader(YamlNodeBase node, string path, double min);

    /// <summary>CUBA LIF populations: the <c>g_leak</c> written in the scenario (nS), or null when it was left out.</summary>
    private readonly Dictionary<string, double?> _cubaLeak = new(StringComparer.Ordinal);

    /// <summary>
    /// The level target of a spiking projection whose target population is not known (undefined or rejected): a
    /// level with a unit cannot be checked then, a bare number still can.
    /// </summary>
    private const string UnknownWeightTarget = "";

    /// <summary>What synaptic quantities onto a population are: the unit its synapses take.</summary>
    private enum Synapses
    {
        /// <summary>COBA LIF: conductances in nS.</summary>
        Conductance,

        /// <summary>CUBA LIF: voltages in mV, or currents in pA with g_leak.</summary>
        Current,

        /// <summary>Izhikevich: plain numbers.</summary>
        Plain,

        /// <summary>A Poisson source: no synapses.</summary>
        None,
    }

    /// <summary>
    /// The synapses of each spiking population, as soon as its model (and a lif's 'synapse:') is read, even when the
    /// neuron is then rejected for another key: a weight onto it is still checked in the right unit.
    /// </summary>
    private readonly Dictionary<string, Synapses> _synapses = new(StringComparer.Ordinal);

    /// <summary>Whether the unit of synaptic quantities onto <paramref name="population"/> is known.</summary>
    private bool SynapsesKnown(string? population) => population is not null && _synapses.ContainsKey(population);

    /// <summary>
    /// The reader of synaptic quantities onto <paramref name="population"/>; null for a Poisson source, which has no
    /// synapses. The population's synapses must be known (<see cref="SynapsesKnown"/>).
    /// </summary>
    private SynapticReader? SynapticReaderFor(string population) => _synapses[population] switch
    {
        Synapses.Conductance => (node, path, min) => CobaQuantity(node, path, population, min),
        Synapses.Current => (node, path, min) => CubaQuantity(node, path, population, _cubaLeak.GetValueOrDefault(population), min),
        Synapses.None => null,
        _ => (node, path, min) => _r.Number(node, path, min, example: "0.5"),
    };

    /// <summary>A conductance in nS; a current or voltage gets an error that points to current-based synapses.</summary>
    private double? CobaQuantity(YamlNodeBase node, string path, string population, double min)
    {
        if (node is YamlScalarNode scalar && DimensionOf(scalar.Value) is Dimension.Current or Dimension.Voltage)
        {
            _r.Error(scalar, path,
                $"population '{population}' has conductance-based synapses, so this is a conductance (e.g. '6 nS'), but '{scalar.Value.Trim()}' is a {DimensionName(scalar.Value)}",
                "write it in nS, or give the population 'synapse: current' to use weights in mV or pA");
            return null;
        }

        return _r.Quantity(node, path, Dimension.Conductance, min);
    }

    /// <summary>
    /// A CUBA synaptic quantity in mV. Written in mV it is taken as is; written as a current I (pA) it becomes R·I =
    /// I/g_leak (pA/nS = mV), which needs the population's g_leak.
    /// </summary>
    private double? CubaQuantity(YamlNodeBase node, string path, string population, double? gLeak, double min)
    {
        if (node is not YamlScalarNode scalar)
        {
            return _r.Quantity(node, path, Dimension.Voltage, min); // reports the non-scalar
        }

        switch (DimensionOf(scalar.Value))
        {
            case Dimension.Current when gLeak is { } g:
                return _r.Quantity(node, path, Dimension.Current, min) / g;
            case Dimension.Current:
                _r.Error(scalar, path,
                    $"'{scalar.Value.Trim()}' is a current, but current-based population '{population}' has no g_leak to convert it to mV (w_mV = w_pA / g_leak_nS)",
                    $"give population '{population}' its leak conductance, e.g. 'g_leak: 10 nS' (R = 1/g_leak), or write the value in mV");
                return null;
            case null or Dimension.Voltage:
                return _r.Quantity(node, path, Dimension.Voltage, min); // also reports unknown units and malformed numbers
            default:
                _r.Error(scalar, path,
                    $"population '{population}' has current-based synapses, so this is a voltage (R·I, e.g. '0.5 mV') or a current (e.g. '20 pA'), but '{scalar.Value.Trim()}' is a {DimensionName(scalar.Value)}",
                    DimensionOf(scalar.Value) == Dimension.Conductance
                        ? "conductances (nS) are for 'synapse: conductance'; write it in mV or pA"
                        : "write the value in mV, or in pA with the population's g_leak");
                return null;
        }
    }

    /// <summary>
    /// A weight level of a projection, &gt; 0: <c>competition.normalize.total</c> and <c>pruning.below</c> compare with the
    /// weights, so on a spiking projection (<paramref name="targetPopulation"/> given) a value with a unit is read like
    /// the weights onto that population (nS onto COBA; mV, or pA converted with R = 1/g_leak, onto CUBA). A bare
    /// number stays what it always was, the internal weight unit (nS COBA, mV CUBA, model units Izhikevich), so
    /// existing scenarios keep their meaning. Rate projections (null) take a plain number.
    /// </summary>
    private double? WeightLevel(YamlNodeBase? node, string path, string? targetPopulation, string example)
    {
        bool plainNumber = node is YamlScalarNode s && double.TryParse(s.Value.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out _);
        if (!plainNumber && targetPopulation is not null && !SynapsesKnown(targetPopulation))
        {
            return null; // the level's unit depends on the target's synapses, and the target is broken or undefined
        }

        if (targetPopulation is null || node is not YamlScalarNode scalar || plainNumber
            || SynapticReaderFor(targetPopulation) is not { } read)
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

    /// <summary>The dimension of a well-formed quantity's unit, or null when the text is no quantity of any dimension.</summary>
    private static Dimension? DimensionOf(string text)
    {
        foreach (var dimension in Enum.GetValues<Dimension>())
        {
            if (QuantityParser.TryParse(text, dimension, out _, out _, out _))
            {
                return dimension;
            }
        }

        return null;
    }

    private static string DimensionName(string text) => DimensionOf(text) is { } d ? QuantityParser.Name(d) : "quantity of another kind";
}
