using Neurotag.Core.Specs;
using Neurotag.Scenarios.Units;
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
/// </remarks>
internal sealed partial class ScenarioCompiler
{
    private readonly SchemaReader _r;
    private readonly ScenarioOptions _options;
    private readonly Dictionary<string, PopulationSpec> _populations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TagSpec> _tags = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (InputSpec Spec, YamlNodeBase Node)> _inputs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ModulatorSpec> _modulators = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ProjectionSpec> _projections = new(StringComparer.Ordinal);
    private readonly HashSet<string> _inputsUsed = new(StringComparer.Ordinal);

    /// <summary>
    /// (kind, name) of definitions that were rejected with an error (kinds: population, tag, input, modulator,
    /// projection, phase, repeat block); references to them are not reported again, and hints still offer them.
    /// </summary>
    private readonly HashSet<(string Kind, string Name)> _rejected = [];

    /// <summary>The neurons of populations whose neuron was read, including those rejected for another reason (size).</summary>
    private readonly Dictionary<string, NeuronSpec> _neurons = new(StringComparer.Ordinal);

    /// <summary>The population of each rejected tag that names a defined (valid or rejected) population.</summary>
    private readonly Dictionary<string, string> _rejectedTagPopulations = new(StringComparer.Ordinal);

    /// <summary>Populations one of whose tags had an error: their tags' neuron count is not checked.</summary>
    private readonly HashSet<string> _populationsWithTagErrors = new(StringComparer.Ordinal);

    private long _dtNs = 100_000;

    /// <summary>Whether 'dt:' was rejected: then durations cannot be checked against it, and are not.</summary>
    private bool _dtRejected;

    /// <summary>Whether record's tags, populations or weights had an error: then "X is not recorded" is not reported.</summary>
    private bool _recordListsRejected;

    /// <summary>Whether 'protocol:' is missing or not a list: then phase names and input use cannot be checked.</summary>
    private bool _protocolRejected;

    public ScenarioCompiler(string file, ScenarioOptions options)
    {
        _r = new SchemaReader(file);
        _options = options;
    }

    public List<Diagnostic> Errors => _r.Errors;

    /// <summary>The network state estimated by the memory check (the figure compared with the limit); null before it ran.</summary>
    public long? MemoryBytes { get; private set; }

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
        if (_options.Seed is { } overrideSeed)
        {
            seed = overrideSeed;
        }

        ReadDt(top["dt"]);
        CheckNetworkKind(top["populations"]);
        ReadPopulations(_r.Required(top, "populations", "", "{ cortex: { size: 400, neuron: { model: rate, tau: 10 ms } } }"));
        ReadTags(top["tags"]);
        ReadInputs(top["inputs"]);
        ReadModulators(top["modulators"]);
        ReadProjections(top["projections"]);
        var protocol = ReadProtocol(_r.Required(top, "protocol", "", "[ { phase: run, duration: 1 s } ]"));
        _protocolRejected = protocol is null;
        if (protocol is not null)
        {
            CheckProtocolLength(protocol); // an error, not a null protocol: expectations that name its phases are still checked
        }

        var record = ReadRecord(top["record"]);
        if (top["expect"] is { } expect)
        {
            // Without a readable protocol or record, the expectations' own keys are still checked.
            ReadExpectations(expect, protocol ?? [], record);
        }

        foreach (var (inputName, (_, node)) in _inputs)
        {
            if (!_inputsUsed.Contains(inputName) && !_protocolRejected)
            {
                _r.Error(node, "inputs." + inputName, $"input '{inputName}' is switched on in no phase", "add it to a phase's 'inputs:' list, or remove it");
            }
        }

        CheckPoissonInputsUsed();
        CheckRateOnlyFeatures(top);
        if (Errors.Count > 0 || name is null || protocol is null || record is null)
        {
            return null;
        }

        var spec = new SimulationSpec(name, description, seed, new Clock(_dtNs), [.. _populations.Values], [.. _tags.Values],
            [.. _inputs.Values.Select(i => i.Spec)], [.. _modulators.Values], [.. _projections.Values], protocol, record)
        {
            PoissonInputs = [.. _poissonInputs.Values.Select(i => i.Spec)],
        };
        if (spec.IsSpiking)
        {
            CheckSpikingMemory(spec, top);
        }
        else
        {
            CheckMemory(spec, top);
        }

        if (Errors.Count == 0)
        {
            CheckOutputSize(spec);
        }

        return Errors.Count > 0 ? null : spec;
    }

    private void ReadDt(YamlNodeBase? node)
    {
        if (node is null)
        {
            return;
        }

        _dtRejected = true;
        if (_r.Quantity(node, "dt", Dimension.Time, 0, minExclusive: true, max: 1000) is { } dtMs)
        {
            double ns = dtMs * 1e6;
            if (Math.Abs(ns - Math.Round(ns)) > 1e-6 * Math.Max(1, ns) || Math.Round(ns) < 1)
            {
                _r.Error(node, "dt", "dt must be a whole number of nanoseconds", "for example 'dt: 0.1 ms'");
                return;
            }

            _dtNs = (long)Math.Round(ns);
            _dtRejected = false;
        }
    }

    /// <summary>A duration as a whole number of steps; an error when it is not a multiple of dt.</summary>
    private long? Steps(YamlNodeBase? node, string path, bool allowZero = false)
    {
        if (_r.Quantity(node, path, Dimension.Time, 0, minExclusive: !allowZero) is not { } ms || _dtRejected)
        {
            return null; // with dt rejected, the duration's unit and sign are checked, its steps cannot be
        }

        double dtMs = _dtNs / 1e6;
        double steps = ms / dtMs;
        if (steps > ScenarioLimits.MaxSteps)
        {
            _r.Error(node!, path, SchemaReader.Inv($"{QuantityParser.Format(ms, Dimension.Time)} is {steps:E2} steps of dt = {dtMs} ms, more than the limit of {ScenarioLimits.MaxSteps:N0} steps"), "use a larger dt or a shorter duration; offline phases are cheap, but time must stay countable (docs/scenario-reference.md, Limits)");
            return null;
        }

        double rounded = Math.Round(steps);
        if (Math.Abs(steps - rounded) > 1e-6 * Math.Max(1, steps) || (rounded == 0 && !allowZero))
        {
            _r.Error(node!, path, SchemaReader.Inv($"{QuantityParser.Format(ms, Dimension.Time)} is not a whole number of steps of dt = {dtMs} ms"), "make durations multiples of dt");
            return null;
        }

        return (long)rounded;
    }

    private void ReadPopulations(YamlNodeBase? node)
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
                _neurons[name] = neuron;
            }

            // kwta is checked against the size when there is one, and as a count of at least 1 when the size is broken.
            if (ReadKwta(pop["kwta"], path + ".kwta", size ?? int.MaxValue, neuron) is var (kwtaOk, kwta) && kwtaOk && size is { } n && neuron is not null)
            {
                _populations[name] = new PopulationSpec(name, (int)n, neuron) { Kwta = kwta };
            }
        }

        NoteRejected(map, _populations, "population");
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

    internal static readonly Dictionary<string, Activation> Activations = new(StringComparer.Ordinal)
    {
        ["sigmoid"] = Activation.Sigmoid,
        ["relu"] = Activation.Relu,
        ["tanh"] = Activation.Tanh,
        ["linear"] = Activation.Linear,
    };

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

        if (modelNode.Value is "lif" or "izhikevich" or "poisson")
        {
            return ReadSpikingNeuron(map, modelNode, path, population);
        }

        if (modelNode.Value != "rate")
        {
            _r.Error(modelNode, path + ".model", $"unknown neuron model '{modelNode.Value}'", "expected one of: rate, lif, izhikevich, poisson");
            return null;
        }

        _r.CheckKeys(map, path, ScenarioKeys.RateNeuron);
        var (homeostasisValid, homeostasis) = ReadHomeostasis(map, path);
        double? tau = map["tau"] is { } t ? _r.Quantity(t, path + ".tau", Dimension.Time, 0, minExclusive: true) : 10.0;
        var activation = map["activation"] is { } a ? _r.Choice(a, path + ".activation", Activations, "activation") : Activation.Sigmoid;
        double? gain = map["gain"] is { } g ? _r.Number(g, path + ".gain", 0, minExclusive: true, example: "4.0") : 1.0;
        double? threshold = map["threshold"] is { } th ? _r.Number(th, path + ".threshold") : 0.0;
        double? noise = map["noise"] is { } ns ? _r.Number(ns, path + ".noise", 0, example: "0.05") : 0.0;
        if (tau is { } tauMs && tauMs < _dtNs / 1e6 && !_dtRejected)
        {
            _r.Error(map["tau"]!, path + ".tau", SchemaReader.Inv($"tau = {tauMs} ms is shorter than dt = {_dtNs / 1e6} ms"), "make tau at least dt (exponential Euler is stable, but the dynamics would be unresolved)");
        }

        return tau is null || activation is null || gain is null || threshold is null || noise is null || !homeostasisValid
            ? null
            : new RateNeuronSpec(tau.Value, activation.Value, gain.Value, threshold.Value, noise.Value) { Homeostasis = homeostasis };
    }
}
