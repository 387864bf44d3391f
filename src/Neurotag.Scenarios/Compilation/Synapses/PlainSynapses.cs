using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation.Synapses;

/// <summary>Izhikevich neurons: synaptic quantities are plain numbers in model units.</summary>
internal sealed class PlainSynapses : SynapticUnit
{
    public override string? InitExample => null;

    public override double? Read(SchemaReader r, YamlNodeBase node, string path, double min) => r.Number(node, path, min, example: "0.5");
}
