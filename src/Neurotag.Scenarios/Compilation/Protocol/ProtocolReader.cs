using Neurotag.Core.Specs;
using Neurotag.Scenarios.Units;
using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation.Protocol;

/// <summary>The <c>protocol:</c> section: phases and repeat blocks.</summary>
internal sealed class ProtocolReader(CompileContext ctx, Definitions defs)
{
    private readonly SchemaReader _r = ctx.Reader;
    private readonly CompileContext _ctx = ctx;
    private readonly Definitions _defs = defs;
    private readonly ParameterSetReader _parameterSetReader = new(ctx, defs);
    private readonly PhaseActionsReader _phaseActionsReader = new(ctx, defs);

    public List<PhaseSpec>? Read(YamlNodeBase? node)
    {
        var seq = _r.Sequence(node, "protocol", "[ { phase: run, duration: 1 s } ]");
        if (seq is null)
        {
            return null;
        }

        if (seq.Items.Count == 0)
        {
            _r.Error(seq, "protocol", "the protocol has no phase", "add e.g. '- { phase: run, duration: 1 s }'");
        }

        var phases = new List<PhaseSpec>();
        for (int i = 0; i < seq.Items.Count; i++)
        {
            string path = SchemaReader.Inv($"protocol[{i}]");
            var item = _r.Mapping(seq.Items[i], path, "{ phase: run, duration: 1 s } or { repeat: 10, phases: [...] }");
            if (item is null)
            {
                continue;
            }

            if (item["repeat"] is not null)
            {
                phases.AddRange(ReadRepeat(item, path));
            }
            else if (item["phase"] is not null)
            {
                if (ReadPhase(item, path, rep: 0) is { } phase)
                {
                    phases.Add(phase);
                }
                else
                {
                    NoteRejectedPhase(item);
                }
            }
            else
            {
                _r.Error(item, path, "a protocol entry needs 'phase:' or 'repeat:'", "write '- phase: NAME' with a duration, or '- repeat: N' with 'phases:'");
            }
        }

        return phases;
    }

    private List<PhaseSpec> ReadRepeat(YamlMappingNode item, string path)
    {
        _r.CheckKeys(item, path, ScenarioKeys.Repeat);
        long? count = _r.Integer(item["repeat"], path + ".repeat", 1, 1_000_000);
        string? name = item["name"] is { } n ? _r.Identifier(n, path + ".name", "repeat block name") : null;
        long? gap = item["gap"] is { } g ? _ctx.Steps(g, path + ".gap", allowZero: true) : 0;
        var body = _r.Sequence(_r.Required(item, "phases", path, "[ { phase: practice, duration: 10 min } ]"), path + ".phases", "[ { phase: practice, duration: 10 min } ]");
        if (body is null)
        {
            NoteRejectedBlock(item, name, []);
            return [];
        }

        // Read the body once (rep 0) for errors, then stamp out each repetition.
        var template = new List<PhaseSpec>();
        for (int i = 0; i < body.Items.Count; i++)
        {
            string phasePath = SchemaReader.Inv($"{path}.phases[{i}]");
            var phaseMap = _r.Mapping(body.Items[i], phasePath, "{ phase: practice, duration: 10 min }");
            if (phaseMap is null)
            {
                continue;
            }

            if (phaseMap["repeat"] is { } nested)
            {
                _r.Error(nested, phasePath + ".repeat", "repeat blocks cannot nest", "flatten the inner block into phases");
                continue;
            }

            if (ReadPhase(phaseMap, phasePath, rep: 0) is { } phase)
            {
                template.Add(phase);
            }
            else
            {
                NoteRejectedPhase(phaseMap);
            }
        }

        if (body.Items.Count == 0)
        {
            _r.Error(body, path + ".phases", "a repeat block needs at least one phase", "");
        }

        // The body is read even when the count or the gap is broken, so its own errors show (and its inputs count as used).
        if (count is null || gap is null)
        {
            NoteRejectedBlock(item, name, body.Items);
            return [];
        }

        var phases = new List<PhaseSpec>();
        string gapName = (name ?? "repeat") + ".gap";
        // Every repetition of a template phase points back at the same duration (and the repeat count).
        var repeatNode = item["repeat"]!;
        var sources = template.Select(p => _defs.PhaseSources[p] with { Repeat = repeatNode, RepeatPath = path + ".repeat" }).ToList();
        var gapSource = gap > 0 ? new PhaseSource(item["gap"]!, path + ".gap", repeatNode, path + ".repeat") : null;
        for (int rep = 0; rep < count; rep++)
        {
            for (int k = 0; k < template.Count; k++)
            {
                phases.Add(_defs.NotePhaseSource(template[k] with { Rep = rep, Block = name }, sources[k]));
            }

            if (gapSource is not null && rep < count - 1)
            {
                phases.Add(_defs.NotePhaseSource(new PhaseSpec(gapName, rep, gap.Value, Offline: true, [], [], Plasticity: true, []) { Block = name }, gapSource));
            }
        }

        return phases;
    }

    /// <summary>Remembers a phase that failed, so that expectations naming it are not told it does not exist.</summary>
    private void NoteRejectedPhase(YamlMappingNode phase)
    {
        if (phase["phase"] is YamlScalarNode { Value: var name })
        {
            _defs.Rejected.Add(("phase", name));
        }
    }

    /// <summary>Remembers a repeat block that failed, and the phases of its body.</summary>
    private void NoteRejectedBlock(YamlMappingNode block, string? name, IReadOnlyList<YamlNodeBase> body)
    {
        if ((name ?? (block["name"] as YamlScalarNode)?.Value) is { } blockName)
        {
            _defs.Rejected.Add(("repeat block", blockName));
            _defs.Rejected.Add(("phase", blockName + ".gap"));
        }

        foreach (var phase in body.OfType<YamlMappingNode>())
        {
            NoteRejectedPhase(phase);
        }
    }

    private PhaseSpec? ReadPhase(YamlMappingNode map, string path, int rep)
    {
        _r.CheckKeys(map, path, ScenarioKeys.Phase);
        string? name = _r.Identifier(map["phase"], path + ".phase", "phase name");
        var durationNode = _r.Required(map, "duration", path, "1 s");
        long? steps = _ctx.Steps(durationNode, path + ".duration");
        bool? offline = map["offline"] is { } o ? _r.Boolean(o, path + ".offline") : false;
        bool? plasticity = map["plasticity"] is { } pl ? _r.Boolean(pl, path + ".plasticity") : true;
        var inputs = new List<string>();
        if (map["inputs"] is { } inputsNode && _r.Sequence(inputsNode, path + ".inputs", "[cue, noise]") is { } inputSeq)
        {
            for (int i = 0; i < inputSeq.Items.Count; i++)
            {
                string ip = SchemaReader.Inv($"{path}.inputs[{i}]");
                if (_r.Identifier(inputSeq.Items[i], ip, "input name") is not { } input)
                {
                    continue;
                }

                if (!_defs.InputDefined(input))
                {
                    _defs.UnknownName(inputSeq.Items[i], ip, input, "input", _defs.InputNames);
                }
                else if (inputs.Contains(input))
                {
                    _r.Error(inputSeq.Items[i], ip, $"input '{input}' is listed twice", "list each input once");
                }
                else
                {
                    inputs.Add(input);
                    _defs.InputsUsed.Add(input);
                }
            }
        }

        var levels = new List<ModulatorLevel>();
        if (map["modulators"] is { } modNode && _r.Mapping(modNode, path + ".modulators", "{ threat: 1.0 }") is { } mods)
        {
            foreach (var (key, value) in mods.Entries)
            {
                string mp = path + ".modulators." + key.Value;
                if (!_defs.Modulators.ContainsKey(key.Value))
                {
                    _defs.UnknownName(key, mp, key.Value, "modulator", _defs.Modulators.Keys);
                }
                else if (_r.Number(value, mp, example: "1.0") is { } level)
                {
                    levels.Add(new ModulatorLevel(key.Value, level));
                }
            }
        }

        var sets = _parameterSetReader.ReadSets(map["set"], path + ".set");
        var sensitize = _phaseActionsReader.ReadSensitize(map["sensitize"], path + ".sensitize");
        var disinhibit = _phaseActionsReader.ReadDisinhibit(map["disinhibit"], path + ".disinhibit");
        if (offline == true && (map["inputs"] is not null || map["modulators"] is not null || map["plasticity"] is not null))
        {
            _r.Error(map, path, "an offline phase simulates no activity: it takes no inputs, modulators or plasticity switch", "remove them, or make the phase online");
        }

        return name is null || steps is null || offline is null || plasticity is null || sets is null || sensitize is null || disinhibit is null
            ? null
            : _defs.NotePhaseSource(new PhaseSpec(name, rep, steps.Value, offline.Value, inputs, levels, plasticity.Value, sets) { Sensitizations = sensitize, Disinhibitions = disinhibit }, new PhaseSource(durationNode!, path + ".duration"));
    }
}
