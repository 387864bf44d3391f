using Neurotag.Core.Recording;
using Neurotag.Core.Specs;
using Neurotag.Core.Protocol;

namespace Neurotag.Core.Spiking;

/// <summary>
/// Samples a spiking network for the same outputs as the rate recorder: population rates and tag activation in Hz
/// over the sampling window (the spikes since the previous sample) or, with <see cref="RecordSpec.WindowSteps"/>,
/// over a sliding window of that many steps ending at the sample (a causal flat window, like Brian2's
/// <c>PopulationRateMonitor.smooth_rate(window='flat')</c> but trailing instead of centred); tag
/// strength/coupling/ownership and weight blocks and histograms from the sparse weights, plus the spike raster and
/// state traces. Keeps the per-phase means for summary.csv. A series is created only where its metric applies (no
/// strength without a recurrent excitatory projection, no spurious for a tag that is its whole population).
/// </summary>
internal sealed partial class SpikingRecorder : IRunRecorder
{
    private readonly SpikingNetwork _network;
    private readonly RecordSpec _spec;
    private readonly Clock _clock;
    private readonly IRecordSink _sink;
    private readonly List<Series> _series = [];

    /// <summary>The recorded projections in the order of record.weights, each with its tags and its phase's weight summary.</summary>
    private readonly List<(SparseProjection Projection, List<(string Name, bool[] Members)> From, List<(string Name, bool[] Members)> To, WeightSummary Summary)> _weightProjections = [];
    private readonly SpikingPopulation? _spikePopulation;
    private readonly SpikingPopulation? _statePopulation;
    private readonly ValueUnit? _stateUnit;

    /// <summary>Sliding-window spike counts, one per recorded population rate and tag activation (empty without a window).</summary>
    private readonly List<(SlidingSpikeCount Window, SpikingPopulation Population, bool[]? Members)> _windows = [];
    private long _windowStart;
    private float[]? _existingMask;

    public SpikingRecorder(SpikingNetwork network, RecordSpec spec, Clock clock, IRecordSink sink)
    {
        _network = network;
        _spec = spec;
        _clock = clock;
        _sink = sink;
        BuildSeries();
        foreach (string name in spec.Weights?.Projections ?? [])
        {
            var projection = network.Projections.First(p => p.Name == name);
            var from = network.Tags.Where(t => ReferenceEquals(t.Population, projection.PrePopulation)).Select(t => (t.Name, SparseTagMetrics.Mask(t.Members, t.Population.Size))).ToList();
            var to = network.Tags.Where(t => ReferenceEquals(t.Population, projection.PostPopulation)).Select(t => (t.Name, SparseTagMetrics.Mask(t.Members, t.Population.Size))).ToList();
            _weightProjections.Add((projection, from, to, new WeightSummary()));
        }

        _spikePopulation = spec.Spikes is { } s ? network.Populations.First(p => p.Name == s.Population) : null;
        _statePopulation = spec.State is { } st ? network.Populations.First(p => p.Name == st.Population) : null;
        if (_statePopulation is { } statePopulation)
        {
            _stateUnit = ValueUnit.OfFloat32State(UnitSymbols.State(spec.State!.Variable, statePopulation.Spec.Neuron));
        }
    }

    /// <summary>
    /// The unit of synaptic quantities onto <paramref name="population"/> (its weights and g_e, g_i): nS onto COBA LIF,
    /// mV onto CUBA LIF, the model's mV/ms onto Izhikevich neurons.
    /// </summary>
    public static ValueUnit SynapticUnit(SpikingPopulation population) => ValueUnit.OfFloat32State(UnitSymbols.Synaptic(population.Spec.Neuron));

    /// <summary>
    /// Writes the phases.csv row of protocol entry <paramref name="instance"/>, resets the per-phase means and empties
    /// the sliding windows (a window never spans two phases).
    /// </summary>
    public void BeginPhase(PhaseSpec phase, int instance, long startStep)
    {
        PhaseRows.Write(_sink, _clock, phase, instance, startStep);
        foreach (var recorded in _weightProjections)
        {
            recorded.Summary.Reset();
        }

        foreach (var (window, _, _) in _windows)
        {
            window.Restart();
        }

        foreach (var s in _series)
        {
            s.Sum = 0;
            s.Count = 0;
        }
    }

    /// <summary>Length of the current rate window in ms (from the previous sample to <paramref name="step"/>).</summary>
    public double WindowMs(long step) => (step - _windowStart) * _clock.DtMs;

    /// <summary>
    /// The sample at t = 0, before the first step, labelled with the first phase and not part of any phase's mean:
    /// rates are 0 Hz and no neuron is active (no spike precedes the first step); weight metrics, the weights and
    /// the state traces (when recorded) are the initial ones.
    /// </summary>
    public void SampleInitial(PhaseSpec firstPhase)
    {
        Sample(0, firstPhase, accumulate: false);
        WriteWeights(0, firstPhase);
        WriteState(0, firstPhase);
    }

    /// <summary>Samples every tag and population series at global step <paramref name="step"/> and starts a new window.</summary>
    public void Sample(long step, PhaseSpec phase) => Sample(step, phase, accumulate: true);

    private void Sample(long step, PhaseSpec phase, bool accumulate)
    {
        double t = _clock.TimeMs(step);
        double windowS = WindowMs(step) / 1000.0;
        foreach (var s in _series)
        {
            double value = s.Evaluate(windowS);
            if (accumulate)
            {
                s.Sum += value;
                s.Count++;
            }

            if (s.IsTag)
            {
                _sink.Write(new TagSample(t, phase.Name, phase.Rep, s.Name, s.Metric, s.Other, value, s.Unit));
            }
            else
            {
                _sink.Write(new PopulationSample(t, phase.Name, phase.Rep, s.Name, s.Metric, value, s.Unit));
            }
        }

        foreach (var population in _network.Populations)
        {
            population.ClearWindow();
        }

        _windowStart = step;
    }

    /// <summary>Adds this step's spikes to the sliding windows, records the raster spikes and, when due, the state trace.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public void SampleStep(long step, PhaseSpec phase)
    {
        foreach (var (window, population, members) in _windows)
        {
            window.Push(members is null ? population.SpikeCount : CountMembers(population.Spikes, members));
        }

        if (_spikePopulation is { } sp)
        {
            int limit = _spec.Spikes!.Neurons;
            double t = _clock.TimeMs(step);
            foreach (int n in sp.Spikes)
            {
                if (n >= limit)
                {
                    break; // spikes are listed in increasing order
                }

                _sink.Write(new SpikeSample(t, phase.Name, phase.Rep, sp.Name, n));
            }
        }

        WriteState(step, phase);
    }

    /// <summary>Writes the recorded state variable of the recorded neurons when a state sample is due at <paramref name="step"/>.</summary>
    private void WriteState(long step, PhaseSpec phase)
    {
        if (_statePopulation is { } stp && _spec.State is { } state && step % state.EverySteps == 0)
        {
            if (stp.State(state.Variable) is not { } values)
            {
                return;
            }

            string name = state.Variable;
            var unit = _stateUnit!;
            double t = _clock.TimeMs(step);
            for (int n = state.First; n <= state.Last; n++)
            {
                _sink.Write(new StateSample(t, phase.Name, phase.Rep, stp.Name, n, name, values[n], unit));
            }
        }
    }

    /// <summary>Writes the per-phase means of protocol entry <paramref name="instance"/> to the summary.</summary>
    public void EndPhase(PhaseSpec phase, int instance)
    {
        foreach (var s in _series.Where(s => s.Count > 0))
        {
            _sink.Write(new SummaryRow(phase.Name, phase.Rep, instance, s.Kind, s.Name, s.Metric, s.Other, s.Sum / s.Count, s.Unit));
        }

        foreach (var (p, _, _, summary) in _weightProjections)
        {
            summary.Write(_sink, phase.Name, phase.Rep, instance, p.Name, SynapticUnit(p.PostPopulation));
        }

        WriteStructuralCounts(phase, instance);
        _sink.PhaseCompleted(instance);
    }

    /// <summary>
    /// The rate recorder's structural rows (the rate core's <c>StructuralSummary</c>) for every spiking projection with
    /// pruning: <c>projection,NAME,synapses|pruned|regrown</c>, values at the end of the phase. Regrowth is not
    /// implemented on sparse weights (the compiler rejects it), so <c>regrown</c> is 0 and synapses = built − pruned.
    /// </summary>
    private void WriteStructuralCounts(PhaseSpec phase, int instance)
    {
        foreach (var rule in _network.Rules)
        {
            if (rule.StructuralCounts is { } counts)
            {
                StructuralSummary.Write(_sink, phase, instance, rule.Projection.Name, counts);
            }
        }
    }

    private void BuildSeries()
    {
        var metrics = _spec.TagMetrics;
        foreach (var tag in _network.Tags)
        {
            var recurrent = SparseTagMetrics.Excitatory(_network, tag.Population, tag.Population);
            var members = SparseTagMetrics.Mask(tag.Members, tag.Population.Size);
            if (metrics.Contains(TagMetric.Activation))
            {
                _series.Add(_spec.WindowSteps is { } steps
                    ? new Series(true, tag.Name, "activation", "", ValueUnit.Hertz, Windowed(steps, tag.Population, members, tag.Members.Length))
                    : new Series(true, tag.Name, "activation", "", ValueUnit.Hertz, w => Rate(tag.Population.SpikeCounts, tag.Members, w)));
            }

            if (metrics.Contains(TagMetric.Recall))
            {
                _series.Add(new Series(true, tag.Name, "recall", "", ValueUnit.Dimensionless, w => ActiveFraction(tag.Population.SpikeCounts, members, inside: true, _spec.ActiveAbove, w)));
            }

            // Spurious counts the population's neurons outside the tag: it does not apply to a tag that is the whole population.
            if (metrics.Contains(TagMetric.Spurious) && tag.Members.Length < tag.Population.Size)
            {
                _series.Add(new Series(true, tag.Name, "spurious", "", ValueUnit.Dimensionless, w => ActiveFraction(tag.Population.SpikeCounts, members, inside: false, _spec.ActiveAbove, w)));
            }

            if (metrics.Contains(TagMetric.Strength) && recurrent.Count > 0)
            {
                _series.Add(new Series(true, tag.Name, "strength", "", SynapticUnit(tag.Population), _ => SparseTagMetrics.MeanWeight(members, members, recurrent)));
            }

            if (metrics.Contains(TagMetric.Coupling))
            {
                foreach (var other in _network.Tags.Where(o => o != tag))
                {
                    var between = SparseTagMetrics.Excitatory(_network, tag.Population, other.Population);
                    var otherMembers = SparseTagMetrics.Mask(other.Members, other.Population.Size);
                    if (between.Count > 0)
                    {
                        _series.Add(new Series(true, tag.Name, "coupling", other.Name, SynapticUnit(other.Population), _ => SparseTagMetrics.MeanWeight(members, otherMembers, between)));
                    }
                }
            }

            if (metrics.Contains(TagMetric.Ownership))
            {
                foreach (var other in _network.Tags.Where(o => o != tag && ReferenceEquals(o.Population, tag.Population) && o.Members.Intersect(tag.Members).Any()))
                {
                    _series.Add(new Series(true, tag.Name, "ownership", other.Name, ValueUnit.Dimensionless, _ => SparseTagMetrics.Ownership(tag.Members, other.Members, tag.Population.Size, recurrent)));
                }
            }
        }

        if (_spec.PopulationRate)
        {
            foreach (var population in _network.Populations)
            {
                _series.Add(_spec.WindowSteps is { } steps
                    ? new Series(false, population.Name, "rate", "", ValueUnit.Hertz, Windowed(steps, population, null, population.Size))
                    : new Series(false, population.Name, "rate", "", ValueUnit.Hertz, w => w > 0 ? population.WindowSpikes / (population.Size * w) : 0));
            }
        }

        // Closed-loop traces: a modulator's level (its unit) and a named synapse's weight (the synaptic unit of its
        // target), sampled with the time series as rows of populations.csv named after the modulator or synapse.
        var modulators = _network.Modulators;
        foreach (string name in _spec.Modulators)
        {
            int k = modulators.IndexOf(name);
            var unit = new ValueUnit(modulators.Specs[k].Unit, SinglePrecision: false);
            _series.Add(new Series(false, name, "level", "", unit, _ => modulators.Levels[k]) { Kind = "modulator" });
        }

        foreach (string name in _spec.Synapses)
        {
            var (projection, synapse) = _network.NamedSynapses[name];
            var weights = projection.Weight;
            _series.Add(new Series(false, name, "weight", "", SynapticUnit(projection.PostPopulation), _ => weights[synapse]) { Kind = "synapse" });
        }
    }

    /// <summary>
    /// The retrieval metrics (RetrievalMetrics) on spikes: the fraction of the tag's members (<paramref name="inside"/>)
    /// or of the population's other neurons whose spike count over the window, divided by the window, exceeds
    /// <paramref name="activeAboveHz"/>. NaN for an empty set; 0 for an empty window (only at t = 0: no spike yet).
    /// </summary>
    private static double ActiveFraction(int[] counts, bool[] members, bool inside, double activeAboveHz, double windowS)
    {
        if (windowS <= 0)
        {
            return 0;
        }

        int considered = 0, active = 0;
        for (int n = 0; n < counts.Length; n++)
        {
            if (members[n] != inside)
            {
                continue;
            }

            considered++;
            if (counts[n] / windowS > activeAboveHz)
            {
                active++;
            }
        }

        return considered == 0 ? double.NaN : (double)active / considered;
    }

    /// <summary>A series reading a new sliding window over <paramref name="population"/> (restricted to <paramref name="members"/> if given).</summary>
    private Func<double, double> Windowed(long steps, SpikingPopulation population, bool[]? members, int neurons)
    {
        var window = new SlidingSpikeCount(checked((int)steps));
        _windows.Add((window, population, members));
        double dtMs = _clock.DtMs;
        return _ => window.RateHz(neurons, dtMs);
    }

    /// <summary>Spikes of this step among the members (O(spikes), no allocation: the step loop calls it).</summary>
    private static int CountMembers(ReadOnlySpan<int> spikes, bool[] members)
    {
        int count = 0;
        foreach (int n in spikes)
        {
            if (members[n])
            {
                count++;
            }
        }

        return count;
    }

    private static double Rate(int[] counts, int[] members, double windowS)
    {
        if (windowS <= 0 || members.Length == 0)
        {
            return 0;
        }

        long sum = 0;
        foreach (int m in members)
        {
            sum += counts[m];
        }

        return sum / (members.Length * windowS);
    }

    private sealed class Series(bool isTag, string name, string metric, string other, ValueUnit unit, Func<double, double> evaluate)
    {
        public bool IsTag { get; } = isTag;

        /// <summary>The summary row's kind: tag, population, or (rows of populations.csv too) modulator and synapse.</summary>
        public string Kind { get; init; } = isTag ? "tag" : "population";

        public string Name { get; } = name;

        public string Metric { get; } = metric;

        public string Other { get; } = other;

        public ValueUnit Unit { get; } = unit;

        /// <summary>The value, given the rate window in seconds.</summary>
        public Func<double, double> Evaluate { get; } = evaluate;

        public double Sum { get; set; }

        public long Count { get; set; }
    }
}
