using Neurotag.Core.Specs;
using Neurotag.Scenarios.Units;
using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation.Events;

/// <summary>
/// <c>modulators.M.pulses</c>: event-driven increments, read after the projections (a pairing may name a synapse of
/// one). Each pulse is <c>{ on: EVENT, amount: A, delay: D }</c> with D a duration ≥ dt or
/// <c>{ uniform: [lo, hi] }</c> / <c>{ normal: [mean, std] }</c> of durations (lo, mean ≥ dt); without
/// <c>delay:</c> the pulse arrives at the end of the triggering step.
/// </summary>
internal sealed class ModulatorPulsesReader(CompileContext ctx, Definitions defs)
{
    private readonly SchemaReader _r = ctx.Reader;
    private readonly CompileContext _ctx = ctx;
    private readonly Definitions _defs = defs;
    private readonly EventReader _events = new(ctx, defs);
    private readonly EventDelayReader _delays = new(ctx);

    public void Read()
    {
        foreach (var (name, node) in _defs.ModulatorPulseNodes)
        {
            string path = "modulators." + name + ".pulses";
            if (!_ctx.IsSpiking)
            {
                _r.Error(node, path, "event-driven pulses need a spiking network (events are spikes, pairings and rates of spiking neurons)", "set the level in a phase ('modulators: { " + name + ": 1.0 }') instead");
                continue;
            }

            var seq = _r.Sequence(node, path, "[ { on: { pairing: { synapse: chosen, window: 20 ms } }, amount: 0.5, delay: { uniform: [1 s, 3 s] } } ]");
            if (seq is null)
            {
                continue;
            }

            var pulses = new List<ModulatorPulseSpec>();
            for (int i = 0; i < seq.Items.Count; i++)
            {
                if (ReadPulse(seq.Items[i], SchemaReader.Inv($"{path}[{i}]")) is { } pulse)
                {
                    pulses.Add(pulse);
                }
            }

            if (pulses.Count == seq.Items.Count && _defs.Modulators.TryGetValue(name, out var spec))
            {
                _defs.Modulators[name] = spec with { Pulses = pulses };
            }
        }
    }

    private ModulatorPulseSpec? ReadPulse(YamlNodeBase node, string path)
    {
        var map = _r.Mapping(node, path, "{ on: { spike: { population: da } }, amount: 0.5, delay: 1 s }");
        if (map is null)
        {
            return null;
        }

        _r.CheckKeys(map, path, ScenarioKeys.Pulse);
        var on = _r.Required(map, "on", path, "{ spike: { population: da } }") is { } onNode ? _events.Read(onNode, path + ".on") : null;
        double? amount = _r.Required(map, "amount", path, "0.5") is { } a ? _r.Number(a, path + ".amount") : null;
        Distribution? delay = map["delay"] is { } d ? _delays.Read(d, path + ".delay", "pulse") : new ConstantDistribution(0);
        return on is null || amount is null || delay is null ? null : new ModulatorPulseSpec(on, amount.Value, delay);
    }
}
