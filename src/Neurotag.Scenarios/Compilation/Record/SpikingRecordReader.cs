using Neurotag.Core.Specs;
using Neurotag.Scenarios.Compilation.Neurons;
using Neurotag.Scenarios.Units;
using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation.Record;

/// <summary><c>record.spikes</c>, <c>record.state</c> and <c>record.window</c> of spiking scenarios.</summary>
internal sealed class SpikingRecordReader(CompileContext ctx, Definitions defs)
{
    private readonly SchemaReader _r = ctx.Reader;
    private readonly CompileContext _ctx = ctx;
    private readonly Definitions _defs = defs;
    private readonly IndexRangeReader _indexRangeReader = new(ctx);

    /// <summary>Every model's state variables by name, in the order of <see cref="NeuronModels.All"/> (v, ge, gi, u): record.state's choices.</summary>
    internal static readonly IReadOnlyList<string> StateVariables = NeuronModels.All.SelectMany(m => m.State).Select(s => s.Name).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The longest rate window, in steps: each windowed series keeps a ring of one count (4 bytes) per step.</summary>
    private const long MaxWindowSteps = 100_000;

    /// <summary>Reads <c>record.spikes</c> and <c>record.state</c>.</summary>
    internal (SpikeRecordSpec? Spikes, StateRecordSpec? State) ReadSpikingRecord(YamlMappingNode map)
    {
        SpikeRecordSpec? spikes = null;
        StateRecordSpec? state = null;
        foreach (string key in new[] { "spikes", "state" })
        {
            if (map[key] is { } n && !_ctx.IsSpiking)
            {
                _r.Error(n, "record." + key, $"'{key}:' records spiking populations, but this scenario is a rate network", "remove it");
                return (null, null);
            }
        }

        if (map["spikes"] is { } sNode && _r.Mapping(sNode, "record.spikes", "{ population: exc, neurons: 200 }") is { } s)
        {
            _r.CheckKeys(s, "record.spikes", ScenarioKeys.RecordSpikes);
            if (RecordedPopulation(s, "record.spikes") is { } population)
            {
                long? neurons = s["neurons"] is { } nn ? _r.Integer(nn, "record.spikes.neurons", 1, population.Size) : population.Size;
                spikes = neurons is null ? null : new SpikeRecordSpec(population.Name, (int)neurons.Value);
            }
        }

        if (map["state"] is { } tNode && _r.Mapping(tNode, "record.state", "{ population: exc, variable: v, neurons: [0, 9] }") is { } t)
        {
            _r.CheckKeys(t, "record.state", ScenarioKeys.RecordState);
            var population = RecordedPopulation(t, "record.state");
            var variable = _r.ChoiceName(_r.Required(t, "variable", "record.state", "v"), "record.state.variable", StateVariables, "state variable");
            long? every = t["every"] is { } e ? _ctx.Steps(e, "record.state.every") : 1;
            if (population is not null && NeuronModels.Of(population.Neuron).RefuseState(population, variable) is { } refusal)
            {
                _r.Error(refusal.AtPopulation ? t["population"]! : t["variable"]!, refusal.AtPopulation ? "record.state.population" : "record.state.variable", refusal.Message, refusal.Hint);
            }
            else if (population is not null && variable is not null && every is not null)
            {
                var range = t["neurons"] is { } rn ? _indexRangeReader.ReadRange(rn, "record.state.neurons", population.Size) : new IndexRange(0, Math.Min(9, population.Size - 1));
                if (range is { } r)
                {
                    state = new StateRecordSpec(population.Name, variable, r.First, r.Last, every.Value);
                }
            }
        }

        return (spikes, state);
    }

    /// <summary>
    /// <c>record.window</c>: the sliding window of spiking rates, in whole steps from 1 (dt) to <see cref="MaxWindowSteps"/>;
    /// (true, null) when absent (rates over the sampling interval), (false, null) after an error.
    /// </summary>
    internal (bool Ok, long? Steps) ReadRateWindow(YamlNodeBase? node, bool ratesRecorded)
    {
        const string Path = "record.window";
        if (node is null)
        {
            return (true, null);
        }

        if (!_ctx.IsSpiking)
        {
            _r.Error(node, Path, "'window:' sets the rate window of spiking populations, but this scenario is a rate network (its rates are instantaneous)", "remove it");
            return (false, null);
        }

        if (!ratesRecorded)
        {
            _r.Error(node, Path, "'window:' applies to 'populations: [rate]' and the tag metric 'activation', and neither is recorded", "record one of them, or remove 'window:'");
            return (false, null);
        }

        if (_r.Quantity(node, Path, Dimension.Time, 0, minExclusive: true) is not { } ms)
        {
            return (false, null);
        }

        if (_ctx.DtRejected)
        {
            return (false, null); // a window is whole steps of dt
        }

        if (ms < _ctx.DtMs)
        {
            _r.Error(node, Path, SchemaReader.Inv($"a window of {QuantityParser.Format(ms, Dimension.Time)} is shorter than dt = {_ctx.DtMs} ms"), "a rate window holds whole steps: make it at least dt");
            return (false, null);
        }

        long? steps = _ctx.Steps(node, Path);
        if (steps > MaxWindowSteps)
        {
            _r.Error(node, Path, SchemaReader.Inv($"a window of {steps} steps is longer than the {MaxWindowSteps} steps allowed"),
                SchemaReader.Inv($"use at most {QuantityParser.Format(MaxWindowSteps * _ctx.DtMs, Dimension.Time)} at dt = {_ctx.DtMs} ms (phase means over a long stretch are in summary.csv)"));
            return (false, null);
        }

        return steps is null ? (false, null) : (true, steps);
    }

    private PopulationSpec? RecordedPopulation(YamlMappingNode map, string path)
    {
        var node = _r.Required(map, "population", path, "exc");
        string? name = _r.Identifier(node, path + ".population", "population name");
        if (name is null)
        {
            return null;
        }

        if (!_defs.Populations.TryGetValue(name, out var population))
        {
            _defs.UnknownName(node!, path + ".population", name, "population", _defs.Populations.Keys);
            return null;
        }

        return population;
    }
}
