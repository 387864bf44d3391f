using Neurotag.Core.Rate;
using Neurotag.Core.Recording;
using Neurotag.Core.Specs;

namespace Neurotag.Core.Tests;

/// <summary>
/// Builds a <see cref="SimulationSpec"/> for tests without going through the scenario compiler. Defaults: seed 1,
/// dt = 1 ms, record every step with no tag metrics, no population rate and no weight statistics.
/// </summary>
internal sealed class SpecBuilder
{
    private readonly List<PopulationSpec> _populations = [];
    private readonly List<TagSpec> _tags = [];
    private readonly List<InputSpec> _inputs = [];
    private readonly List<ModulatorSpec> _modulators = [];
    private readonly List<ProjectionSpec> _projections = [];
    private readonly List<PhaseSpec> _phases = [];
    private ulong _seed = 1;
    private long _dtNanoseconds = 1_000_000;
    private RecordSpec _record = new(1, [], false, null);

    /// <summary>All-to-all connectivity, self-synapses excluded when pre and post are the same population.</summary>
    public static ConnectivitySpec AllToAll { get; } = new(ConnectivityRule.AllToAll, 0, 0, AllowSelf: false);

    public SpecBuilder Seed(ulong seed)
    {
        _seed = seed;
        return this;
    }

    public SpecBuilder DtNanoseconds(long dtNanoseconds)
    {
        _dtNanoseconds = dtNanoseconds;
        return this;
    }

    public SpecBuilder Population(
        string name,
        int size,
        double tauMs = 10,
        Activation activation = Activation.Linear,
        double gain = 1,
        double threshold = 0,
        double noise = 0)
    {
        _populations.Add(new PopulationSpec(name, size, new RateNeuronSpec(tauMs, activation, gain, threshold, noise)));
        return this;
    }

    /// <summary>A tag with an explicit inclusive index range.</summary>
    public SpecBuilder TagRange(string name, string population, int first, int last)
    {
        _tags.Add(new TagSpec(name, population, last - first + 1, new IndexRange(first, last), []));
        return this;
    }

    /// <summary>A tag drawn from the seed, taking <c>Count</c> members from each shared tag.</summary>
    public SpecBuilder Tag(string name, string population, int size, params TagShare[] shares)
    {
        _tags.Add(new TagSpec(name, population, size, null, shares));
        return this;
    }

    /// <summary>A constant current input onto a population (or a tag when <paramref name="targetIsTag"/>).</summary>
    public SpecBuilder Input(string name, string target, double amplitude, bool targetIsTag = false, double fraction = 1.0)
    {
        _inputs.Add(new InputSpec(name, target, targetIsTag, amplitude, fraction));
        return this;
    }

    public SpecBuilder Modulator(string name, double baseline, double? tauMs)
    {
        _modulators.Add(new ModulatorSpec(name, baseline, tauMs));
        return this;
    }

    public SpecBuilder Projection(
        string name,
        string from,
        string to,
        WeightSpec weight,
        ConnectivitySpec? connectivity = null,
        bool inhibitory = false,
        PlasticitySpec? plasticity = null,
        NormalizationSpec? normalization = null,
        PruningSpec? pruning = null,
        bool fromIsTag = false,
        bool toIsTag = false)
    {
        _projections.Add(new ProjectionSpec(
            name, from, fromIsTag, to, toIsTag, connectivity ?? AllToAll, weight, inhibitory, plasticity, normalization, pruning));
        return this;
    }

    public SpecBuilder Phase(
        string name,
        long steps,
        string[]? inputs = null,
        bool plasticity = true,
        bool offline = false,
        ModulatorLevel[]? modulators = null,
        ParameterSet[]? sets = null,
        int rep = 0)
    {
        _phases.Add(new PhaseSpec(name, rep, steps, offline, inputs ?? [], modulators ?? [], plasticity, sets ?? []));
        return this;
    }

    public SpecBuilder Record(long everySteps, TagMetric[]? tagMetrics = null, bool populationRate = false, WeightRecordSpec? weights = null)
    {
        _record = new RecordSpec(everySteps, tagMetrics ?? [], populationRate, weights);
        return this;
    }

    public SimulationSpec Build() => new(
        "test",
        null,
        _seed,
        new Clock(_dtNanoseconds),
        [.. _populations],
        [.. _tags],
        [.. _inputs],
        [.. _modulators],
        [.. _projections],
        [.. _phases],
        _record);

    /// <summary>Builds the spec, runs it into a memory sink and returns both the simulator and the sink.</summary>
    public (RateSimulator RateSimulator, MemoryRecordSink Sink) Run()
    {
        var simulator = new RateSimulator(Build());
        var sink = new MemoryRecordSink();
        simulator.Run(sink);
        return (simulator, sink);
    }
}
