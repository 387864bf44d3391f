using Neurotag.Core.Specs;
using Neurotag.Scenarios.Compilation.Protocol;
using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation.Events;

/// <summary>
/// Top-level <c>triggers:</c>, closed-loop actions of a spiking network, read after the projections (an event may name
/// a synapse) and before the protocol (a stimulated input counts as used). Each trigger is
/// <c>{ on: EVENT, delay: D, then: { stimulate: INPUT, for: T } }</c> or <c>{ on: EVENT, delay: D, then: { set: { POP.param: v } } }</c>,
/// with the events and delays of modulator pulses.
/// </summary>
internal sealed class TriggersReader(CompileContext ctx, Definitions defs)
{
    private const string Example = "[ { on: { spike: { tag: cue } }, delay: 50 ms, then: { stimulate: reward, for: 100 ms } } ]";
    private readonly SchemaReader _r = ctx.Reader;
    private readonly CompileContext _ctx = ctx;
    private readonly Definitions _defs = defs;
    private readonly EventReader _events = new(ctx, defs);
    private readonly EventDelayReader _delays = new(ctx);
    private readonly ParameterSetReader _sets = new(ctx, defs);

    /// <summary>The triggers; null after an error.</summary>
    public List<TriggerSpec>? Read(YamlNodeBase? node)
    {
        if (node is null)
        {
            return [];
        }

        if (!_ctx.IsSpiking)
        {
            _r.Error(node, "triggers", "triggered actions need a spiking network (events are spikes, pairings and rates of spiking neurons)", "switch inputs and set parameters per phase ('inputs:', 'set:') instead");
            return null;
        }

        var seq = _r.Sequence(node, "triggers", Example);
        if (seq is null)
        {
            return null;
        }

        var triggers = new List<TriggerSpec>();
        for (int i = 0; i < seq.Items.Count; i++)
        {
            if (ReadTrigger(seq.Items[i], SchemaReader.Inv($"triggers[{i}]")) is { } trigger)
            {
                triggers.Add(trigger);
            }
        }

        return triggers.Count == seq.Items.Count ? triggers : null;
    }

    private TriggerSpec? ReadTrigger(YamlNodeBase node, string path)
    {
        var map = _r.Mapping(node, path, "{ on: { at: 1 s }, delay: 50 ms, then: { stimulate: cue, for: 100 ms } }");
        if (map is null)
        {
            return null;
        }

        _r.CheckKeys(map, path, ScenarioKeys.Trigger);
        var on = _r.Required(map, "on", path, "{ spike: { population: exc } }") is { } onNode ? _events.Read(onNode, path + ".on") : null;
        Distribution? delay = map["delay"] is { } d ? _delays.Read(d, path + ".delay", "trigger") : new ConstantDistribution(0);
        var then = _r.Required(map, "then", path, "{ stimulate: cue, for: 100 ms } or { set: { cell.bias: 200 pA } }") is { } thenNode ? ReadAction(thenNode, path + ".then") : null;
        return on is null || delay is null || then is null ? null : new TriggerSpec(on, delay, then);
    }

    private TriggerActionSpec? ReadAction(YamlNodeBase node, string path)
    {
        var map = _r.Mapping(node, path, "{ stimulate: cue, for: 100 ms } or { set: { cell.bias: 200 pA } }");
        if (map is null)
        {
            return null;
        }

        _r.CheckKeys(map, path, ScenarioKeys.TriggerAction);
        if ((map["stimulate"] is null) == (map["set"] is null))
        {
            _r.Error(map, path, "expected exactly one action: 'stimulate:' (with 'for:') or 'set:'", "for example { stimulate: cue, for: 100 ms } or { set: { cell.bias: 200 pA } }");
            return null;
        }

        if (map["set"] is { } setNode)
        {
            if (map["for"] is { } forNode)
            {
                _r.Error(forNode, path + ".for", "'for:' belongs to 'stimulate:'; a set holds until the next set", "remove 'for:', or add a second trigger that sets the parameter back");
                return null;
            }

            return _sets.ReadSets(setNode, path + ".set") is { } sets ? new SetActionSpec(sets) : null;
        }

        var inputNode = map["stimulate"]!;
        string? input = _r.Identifier(inputNode, path + ".stimulate", "input name");
        long? steps = _ctx.Steps(_r.Required(map, "for", path, "100 ms"), path + ".for");
        if (input is null)
        {
            return null;
        }

        if (!_defs.PoissonInputs.ContainsKey(input) && !_defs.NoiseCurrentInputs.ContainsKey(input))
        {
            _defs.UnknownName(inputNode, path + ".stimulate", input, "input", _defs.PoissonInputs.Keys.Concat(_defs.NoiseCurrentInputs.Keys));
            return null;
        }

        _defs.InputsUsed.Add(input);
        return steps is { } n ? new StimulateActionSpec(input, n) : null;
    }
}
