using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation.Synapses;

/// <summary>A Poisson source: nothing projects onto it (callers report that before they read a value).</summary>
internal sealed class NoSynapses : SynapticUnit
{
    public override bool HasSynapses => false;

    public override string? InitExample => null;

    public override double? Read(SchemaReader r, YamlNodeBase node, string path, double min) =>
        throw new InvalidOperationException("a population without synapses has no synaptic unit");
}
