using Neurotag.Scenarios.Compilation.Neurons;
using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation;

/// <summary>
/// Decides rate vs spiking and reports a scenario that mixes them. Decided from the models as written, before the
/// populations are read, so that a population rejected for another reason (a bad tau_m) still makes the scenario
/// spiking: otherwise every weight in nS would be reported as "not a number" in a "rate network".
/// </summary>
internal static class NetworkKindReader
{
    public static NetworkKind Decide(SchemaReader r, YamlNodeBase? populations)
    {
        if (populations is not YamlMappingNode map)
        {
            return NetworkKind.Rate;
        }

        var models = new List<(YamlScalarNode Key, NetworkKind Kind)>();
        foreach (var (key, value) in map.Entries)
        {
            if (value is YamlMappingNode { } pop && pop["neuron"] is YamlMappingNode neuron && neuron["model"] is YamlScalarNode model
                && NeuronModels.Find(model.Value) is { } reader)
            {
                models.Add((key, reader.Kind));
            }
        }

        if (models.Count == 0)
        {
            return NetworkKind.Rate;
        }

        var (first, kind) = models[0];
        bool firstSpiking = kind == NetworkKind.Spiking;
        foreach (var (key, _) in models.Where(m => m.Kind != kind))
        {
            r.Error(key, "populations." + key.Value + ".neuron.model",
                $"population '{key.Value}' is {(firstSpiking ? "rate" : "spiking")} but '{first.Value}' is {(firstSpiking ? "spiking" : "rate")}: a scenario is either rate or spiking",
                $"use rate models only or spiking models ({NeuronModels.Names(NetworkKind.Spiking)}) only; mixing them is not supported");
        }

        return kind;
    }
}
