using Neurotag.Core.Specs;
using Neurotag.Scenarios.Units;
using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation.Events;

/// <summary>
/// An event (<c>on:</c>) of a closed-loop action: <c>spike: { population | tag [, index] }</c>,
/// <c>pairing: { synapse, window }</c> or <c>pairing: { pre: {…, index}, post: {…, index}, window }</c>,
/// <c>rate: { population | tag, above, window }</c>, or a schedule <c>at: T | [T…]</c> / <c>every: T [, start: T]</c>.
/// Spiking networks only.
/// </summary>
internal sealed class EventReader(CompileContext ctx, Definitions defs)
{
    private readonly SchemaReader _r = ctx.Reader;
    private readonly CompileContext _ctx = ctx;
    private readonly Definitions _defs = defs;
    private readonly NeuronSelectorReader _neurons = new(ctx, defs);

    internal EventSpec? Read(YamlNodeBase node, string path)
    {
        var map = _r.Mapping(node, path, "{ spike: { population: exc } }, { pairing: { synapse: chosen, window: 20 ms } }, { rate: { tag: cue, above: 20 Hz, window: 100 ms } } or { every: 1 s }");
        if (map is null)
        {
            return null;
        }

        _r.CheckKeys(map, path, ScenarioKeys.Event);
        string source = Source(map);
        int kinds = (map["spike"] is null ? 0 : 1) + (map["pairing"] is null ? 0 : 1) + (map["rate"] is null ? 0 : 1) + (map["at"] is null && map["every"] is null ? 0 : 1);
        if (kinds != 1)
        {
            _r.Error(map, path, "expected exactly one event: 'spike:', 'pairing:', 'rate:', or a schedule ('at:' / 'every:')", "for example { pairing: { synapse: chosen, window: 20 ms } }");
            return null;
        }

        if (map["spike"] is { } spike)
        {
            var s = _r.Mapping(spike, path + ".spike", "{ population: exc, index: 3 }");
            if (s is null)
            {
                return null;
            }

            _r.CheckKeys(s, path + ".spike", ScenarioKeys.NeuronSelector);
            return _neurons.Read(s, path + ".spike", single: false) is { } neurons ? new SpikeEventSpec(neurons, source) : null;
        }

        if (map["pairing"] is { } pairing)
        {
            return ReadPairing(pairing, path + ".pairing", source);
        }

        if (map["rate"] is { } rate)
        {
            return ReadRate(rate, path + ".rate", source);
        }

        return ReadSchedule(map, path, source);
    }

    private string Source(YamlNodeBase node) => SchemaReader.Inv($"{_r.File}:{node.Start.Line}:{node.Start.Column}");

    private PairingEventSpec? ReadPairing(YamlNodeBase node, string path, string source)
    {
        var map = _r.Mapping(node, path, "{ synapse: chosen, window: 20 ms }");
        if (map is null)
        {
            return null;
        }

        _r.CheckKeys(map, path, ScenarioKeys.Pairing);
        long? window = _ctx.Steps(_r.Required(map, "window", path, "20 ms"), path + ".window");
        if (window == 1)
        {
            // 0 < t_post − t_pre < Δ has no solution in whole steps when Δ is one step.
            _r.Error(map["window"]!, path + ".window", SchemaReader.Inv($"a pairing window of one step (dt = {_ctx.DtMs} ms) never holds a post spike after a pre spike"), "give a window of at least 2·dt");
            window = null;
        }

        if (map["synapse"] is { } synapseNode)
        {
            if (map["pre"] is not null || map["post"] is not null)
            {
                _r.Error(map, path, "give either 'synapse:' or 'pre:' and 'post:', not both", "a synapse's pairing is its own pre and post neuron");
                return null;
            }

            string? name = _r.Identifier(synapseNode, path + ".synapse", "synapse name");
            if (name is not null && !_defs.NamedSynapses.ContainsKey(name))
            {
                _defs.UnknownName(synapseNode, path + ".synapse", name, "synapse", _defs.NamedSynapses.Keys);
                return null;
            }

            return name is null || window is null ? null : new PairingEventSpec(null, null, name, window.Value, source);
        }

        var pre = Neuron(_r.Required(map, "pre", path, "{ population: exc, index: 1 }"), path + ".pre");
        var post = Neuron(_r.Required(map, "post", path, "{ population: exc, index: 2 }"), path + ".post");
        return pre is null || post is null || window is null ? null : new PairingEventSpec(pre, post, null, window.Value, source);
    }

    private NeuronSelectorSpec? Neuron(YamlNodeBase? node, string path)
    {
        if (node is null || _r.Mapping(node, path, "{ population: exc, index: 1 }") is not { } map)
        {
            return null;
        }

        _r.CheckKeys(map, path, ScenarioKeys.NeuronSelector);
        return _neurons.Read(map, path, single: true);
    }

    private RateEventSpec? ReadRate(YamlNodeBase node, string path, string source)
    {
        var map = _r.Mapping(node, path, "{ tag: cue, above: 20 Hz, window: 100 ms }");
        if (map is null)
        {
            return null;
        }

        _r.CheckKeys(map, path, ScenarioKeys.RateEvent);
        var neurons = _neurons.Read(map, path, single: false);
        double? above = _r.Quantity(_r.Required(map, "above", path, "20 Hz"), path + ".above", Dimension.Frequency, 0);
        long? window = _ctx.Steps(_r.Required(map, "window", path, "100 ms"), path + ".window");
        if (neurons is { Index: not null })
        {
            _r.Error(map["index"]!, path + ".index", "a rate event watches a whole population or tag", "remove 'index:' (a single neuron's spikes: use 'spike:')");
            return null;
        }

        if (window > int.MaxValue)
        {
            _r.Error(map["window"]!, path + ".window", "the rate window is too long", "use a window of fewer than 2³¹ steps");
            return null;
        }

        return neurons is null || above is null || window is null ? null : new RateEventSpec(neurons, above.Value, window.Value, source);
    }

    private ScheduleEventSpec? ReadSchedule(YamlMappingNode map, string path, string source)
    {
        var at = new List<long>();
        bool ok = true;
        if (map["at"] is { } atNode)
        {
            var items = atNode is YamlSequenceNode seq ? seq.Items : [atNode];
            for (int i = 0; i < items.Count; i++)
            {
                string p = atNode is YamlSequenceNode ? SchemaReader.Inv($"{path}.at[{i}]") : path + ".at";
                if (_ctx.Steps(items[i], p, allowZero: true) is { } step)
                {
                    at.Add(step);
                }
                else
                {
                    ok = false;
                }
            }
        }

        long? every = map["every"] is { } e ? _ctx.Steps(e, path + ".every") : null;
        long start = 0;
        if (map["start"] is { } s)
        {
            if (map["every"] is null)
            {
                _r.Error(s, path + ".start", "'start:' is the start of a periodic schedule", "add 'every: T' or remove 'start:'");
                return null;
            }

            if (_ctx.Steps(s, path + ".start", allowZero: true) is { } st)
            {
                start = st;
            }
            else
            {
                ok = false;
            }
        }

        return ok && (map["every"] is null || every is not null) ? new ScheduleEventSpec(at, every, start, source) : null;
    }
}
