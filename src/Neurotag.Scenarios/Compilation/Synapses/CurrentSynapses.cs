using Neurotag.Scenarios.Units;
using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation.Synapses;

/// <summary>
/// CUBA LIF: synaptic quantities in mV. Written in mV a value is taken as is; written as a current I (pA) it becomes
/// R·I = I/g_leak (pA/nS = mV), which needs the population's <paramref name="gLeak"/> (null when it was left out).
/// </summary>
internal sealed class CurrentSynapses(string population, double? gLeak) : SynapticUnit
{
    public override string? InitExample => "0.5 mV";

    public override double? Read(SchemaReader r, YamlNodeBase node, string path, double min)
    {
        if (node is not YamlScalarNode scalar)
        {
            return r.Quantity(node, path, Dimension.Voltage, min); // reports the non-scalar
        }

        switch (SynapticDimensions.Of(scalar.Value))
        {
            case Dimension.Current when gLeak is { } g:
                return r.Quantity(node, path, Dimension.Current, min) / g;
            case Dimension.Current:
                r.Error(scalar, path,
                    $"'{scalar.Value.Trim()}' is a current, but current-based population '{population}' has no g_leak to convert it to mV (w_mV = w_pA / g_leak_nS)",
                    $"give population '{population}' its leak conductance, e.g. 'g_leak: 10 nS' (R = 1/g_leak), or write the value in mV");
                return null;
            case null or Dimension.Voltage:
                return r.Quantity(node, path, Dimension.Voltage, min); // also reports unknown units and malformed numbers
            default:
                r.Error(scalar, path,
                    $"population '{population}' has current-based synapses, so this is a voltage (R·I, e.g. '0.5 mV') or a current (e.g. '20 pA'), but '{scalar.Value.Trim()}' is a {SynapticDimensions.Name(scalar.Value)}",
                    SynapticDimensions.Of(scalar.Value) == Dimension.Conductance
                        ? "conductances (nS) are for 'synapse: conductance'; write it in mV or pA"
                        : "write the value in mV, or in pA with the population's g_leak");
                return null;
        }
    }
}
