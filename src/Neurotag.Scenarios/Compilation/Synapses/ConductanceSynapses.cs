using Neurotag.Scenarios.Units;
using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation.Synapses;

/// <summary>COBA LIF: conductances in nS.</summary>
internal sealed class ConductanceSynapses(string population) : SynapticUnit
{
    public override string? InitExample => "6 nS";

    /// <summary>A conductance in nS; a current or voltage gets an error that points to current-based synapses.</summary>
    public override double? Read(SchemaReader r, YamlNodeBase node, string path, double min)
    {
        if (node is YamlScalarNode scalar && SynapticDimensions.Of(scalar.Value) is Dimension.Current or Dimension.Voltage)
        {
            r.Error(scalar, path,
                $"population '{population}' has conductance-based synapses, so this is a conductance (e.g. '6 nS'), but '{scalar.Value.Trim()}' is a {SynapticDimensions.Name(scalar.Value)}",
                "write it in nS, or give the population 'synapse: current' to use weights in mV or pA");
            return null;
        }

        return r.Quantity(node, path, Dimension.Conductance, min);
    }
}
