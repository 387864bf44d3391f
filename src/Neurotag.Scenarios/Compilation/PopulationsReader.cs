using Neurotag.Core.Specs;
using Neurotag.Scenarios.Compilation.Competition;
using Neurotag.Scenarios.Compilation.Neurons;
using Neurotag.Scenarios.Units;
using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation;

/// <summary>The <c>populations:</c> section: sizes, neurons (through <see cref="NeuronModels"/>) and kWTA.</summary>
internal sealed class PopulationsReader(CompileContext ctx, Definitions defs)
{
    private readonly SchemaReader _r = ctx.Reader;
    private readonly CompileContext _ctx = ctx;
    private readonly Definitions _defs = defs;

    public void Read(YamlNodeBase? node)
    {
        var map = _r.Mapping(node, "populations", "{ cortex: { size: 400, neuron: { model: rate } } }");
        if (map is null)
        {
            return;
        }

        if (map.Entries.Count == 0)
        {
            _r.Error(map, "populations", "at least one population is required", "add e.g. 'cortex: { size: 400, neuron: { model: rate, tau: 10 ms } }'");
        }

        foreach (var (key, value) in map.Entries)
        {
            string path = "populations." + key.Value;
            string? name = _r.Identifier(key, path, "population name");
            var pop = _r.Mapping(value, path, "{ size: 400, neuron: { model: rate } }");
            if (name is null || pop is null)
            {
                continue;
            }

            _r.CheckKeys(pop, path, ScenarioKeys.Population);
            long? size = PopulationSize(_r.Required(pop, "size", path, "400"), path + ".size");
            var neuron = ReadNeuron(_r.Required(pop, "neuron", path, "{ model: rate, tau: 10 ms }"), path + ".neuron", name);
            if (neuron is not null)
            {
                _defs.Neurons[name] = neuron;
            }

            // kwta is checked against the size when there is one, and as a count of at least 1 when the size is broken.
            if (KwtaReader.Read(_ctx, pop["kwta"], path + ".kwta", size ?? int.MaxValue, neuron) is var (kwtaOk, kwta) && kwtaOk && size is { } n && neuron is not null)
            {
                _defs.Populations[name] = new PopulationSpec(name, (int)n, neuron) { Kwta = kwta };
            }
        }

        _defs.NoteRejected(map, _defs.Populations, "population");
    }

    /// <summary>A population size: a whole number from 1 to <see cref="ScenarioLimits.MaxPopulationSize"/>.</summary>
    private long? PopulationSize(YamlNodeBase? node, string path)
    {
        long? size = _r.Integer(node, path, 1, long.MaxValue, "400");
        if (size > ScenarioLimits.MaxPopulationSize)
        {
            _r.Error(node!, path, SchemaReader.Inv($"{size:N0} neurons exceed the limit of {ScenarioLimits.MaxPopulationSize:N0} per population"), "use a smaller population; the limit keeps every per-neuron array allocatable (docs/scenario-reference.md, Limits)");
            return null;
        }

        return size;
    }

    private NeuronSpec? ReadNeuron(YamlNodeBase? node, string path, string population)
    {
        var map = _r.Mapping(node, path, "{ model: rate, tau: 10 ms }");
        if (map is null)
        {
            return null;
        }

        var modelNode = _r.Scalar(_r.Required(map, "model", path, "rate"), path + ".model", "a neuron model", "rate");
        if (modelNode is null)
        {
            return null;
        }

        if (NeuronModels.Find(modelNode.Value) is not { } model)
        {
            _r.Error(modelNode, path + ".model", $"unknown neuron model '{modelNode.Value}'", "expected one of: " + NeuronModels.Names());
            return null;
        }

        _r.CheckKeys(map, path, model.Keys);
        return model.Read(_ctx, _defs, map, path, population);
    }
}
