using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation.Synapses;

/// <summary>Reads one synaptic quantity: (node, path, lower bound in the value's unit) → the internal value, or null after an error.</summary>
internal delegate double? SynapticReader(YamlNodeBase node, string path, double min);
