using Neurotag.Core.Specs;
using Neurotag.Scenarios.Compilation.Checks;
using Neurotag.Scenarios.Compilation.Events;
using Neurotag.Scenarios.Compilation.Expect;
using Neurotag.Scenarios.Compilation.Inputs;
using Neurotag.Scenarios.Compilation.Projections;
using Neurotag.Scenarios.Compilation.Protocol;
using Neurotag.Scenarios.Compilation.Record;
using Neurotag.Scenarios.Compilation.Tags;
using Neurotag.Scenarios.Expectations;
using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation;

/// <summary>
/// Turns a scenario's YAML tree into a validated <see cref="SimulationSpec"/> (scenario format v1,
/// docs/scenario-reference.md). Sections are read in dependency order whatever their order in the file, and every
/// problem is collected; the spec is returned only when there is none.
/// </summary>
/// <remarks>
/// Errors do not cascade. A definition that fails (a population with a bad size) is still known by name, so a
/// reference to it is neither "unknown" nor listed as missing in hints; what is known of it (its neuron, a tag's
/// population) is kept; and whatever refers to it checks everything that does not depend on it (a projection from
/// that population still checks its 'p:'). Only checks that need the broken value (a tag's size against the
/// population's) are skipped. Nothing half-known ever reaches a spec: any error means no spec.
/// <para>
/// dt and the network kind are read first and fixed in a <see cref="CompileContext"/>; each section reader then adds
/// its definitions to the one <see cref="Definitions"/> that later sections look names up in.
/// </para>
/// </remarks>
internal sealed class ScenarioCompiler(string file, ScenarioOptions options)
{
    private readonly SchemaReader _r = new(file);

    public List<Diagnostic> Errors => _r.Errors;

    /// <summary>The network state estimated by the memory check (the figure compared with the limit); null before it ran.</summary>
    public long? MemoryBytes { get; private set; }

    /// <summary>The expectations of <c>expect:</c> that were read without error.</summary>
    public List<Expectation> Expectations { get; private set; } = [];

    public SimulationSpec? Compile(YamlNodeBase root)
    {
        var top = _r.Mapping(root, "", "a mapping with 'name:', 'populations:', 'protocol:' …");
        if (top is null)
        {
            return null;
        }

        _r.CheckKeys(top, "", ScenarioKeys.Top);
        // 'sweep:' is read by SweepDefinition; a plain run ignores it and runs the scenario as written.

        string? name = _r.Identifier(_r.Required(top, "name", "", "my-scenario"), "name", "scenario name");
        string? description = top["description"] is { } d ? _r.Text(d, "description") : null;
        ulong seed = top["seed"] is { } s ? _r.Seed(s, "seed") ?? 1 : 1;
        if (options.Seed is { } overrideSeed)
        {
            seed = overrideSeed;
        }

        var (dtNs, dtRejected) = DtReader.Read(_r, top["dt"]);
        var kind = NetworkKindReader.Decide(_r, top["populations"]);
        var ctx = new CompileContext(_r, options, dtNs, dtRejected, kind);
        var defs = new Definitions(_r);

        new PopulationsReader(ctx, defs).Read(_r.Required(top, "populations", "", "{ cortex: { size: 400, neuron: { model: rate, tau: 10 ms } } }"));
        new TagsReader(ctx, defs).Read(top["tags"]);
        new InputsReader(ctx, defs).Read(top["inputs"]);
        new ModulatorsReader(ctx, defs).Read(top["modulators"]);
        new ProjectionsReader(ctx, defs).Read(top["projections"]);
        new ModulatorPulsesReader(ctx, defs).Read();
        var triggers = new TriggersReader(ctx, defs).Read(top["triggers"]);
        var protocol = new ProtocolReader(ctx, defs).Read(_r.Required(top, "protocol", "", "[ { phase: run, duration: 1 s } ]"));
        if (protocol is not null)
        {
            new ProtocolLengthCheck(ctx, defs).Run(protocol); // an error, not a null protocol: expectations that name its phases are still checked
            Competition.PruningReader.CheckPhases(_r, defs, top, protocol);
            Projections.StorageReader.CheckPhases(defs, top, protocol);
        }

        var recordReader = new RecordReader(ctx, defs);
        var record = recordReader.Read(top["record"]);
        if (top["expect"] is { } expect)
        {
            // Without a readable protocol or record, the expectations' own keys are still checked. An expectation on a
            // metric missing from a record list that had an error is not told it "is not recorded".
            Expectations = new ExpectationsReader(ctx, defs, protocolRejected: protocol is null).Read(expect, protocol ?? [], recordReader.ListsRejected ? null : record);
        }

        UnusedInputsCheck.Run(_r, defs, protocolRejected: protocol is null);
        new RateOnlyFeatureCheck(ctx).Run(top);
        if (Errors.Count > 0 || name is null || protocol is null || record is null || triggers is null)
        {
            return null;
        }

        var spec = new SimulationSpec(name, description, seed, new Clock(dtNs), [.. defs.Populations.Values], [.. defs.Tags.Values],
            [.. defs.Inputs.Values.Select(i => i.Spec)], [.. defs.Modulators.Values], [.. defs.Projections.Values], protocol, record)
        {
            PoissonInputs = [.. defs.PoissonInputs.Values.Select(i => i.Spec)],
            NoiseCurrentInputs = [.. defs.NoiseCurrentInputs.Values.Select(i => i.Spec)],
            Triggers = triggers,
        };
        MemoryBytes = spec.IsSpiking ? new SpikingMemoryCheck(ctx, defs).Run(spec, top) : new RateMemoryCheck(ctx, defs).Run(spec, top);
        if (Errors.Count == 0)
        {
            new OutputSizeCheck(ctx, defs).Run(spec);
        }

        return Errors.Count > 0 ? null : spec;
    }
}
