using System.Globalization;
using Neurotag.Core.Recording;
using Neurotag.Core.Spiking;
using Neurotag.Core.Specs;
using Neurotag.Core.Tests.Spiking;

namespace Neurotag.Core.Tests.Recording;

/// <summary>
/// What the recorders send for figures and analysis scripts (README "Outputs"): one phase row per protocol entry, the
/// protocol index on summary rows, a sample at t = 0 outside every phase mean, the phase of each spike and state
/// value, units, and no series for a metric that does not apply. Expected values come from the protocol as written
/// and from closed forms, not from a run.
/// </summary>
public sealed class RecordedOutputTests
{
    /// <summary>
    /// Two phases named <c>probe</c> outside a repeat block: they are instances 1 and 3, with their own summary rows.
    /// Times follow the durations at dt = 1 ms: 0–5, 5–8, 8–1008 (offline), 1008–1011.
    /// </summary>
    [Fact]
    public void Phases_OneRowPerProtocolEntry_AndRepeatedNamesGetDistinctInstances()
    {
        var (_, sink) = new SpecBuilder()
            .Population("p", 2)
            .TagRange("t", "p", 0, 0)
            .Phase("learn", 5)
            .Phase("probe", 3)
            .Phase("rest", 1000, offline: true)
            .Phase("probe", 3)
            .Record(1, [TagMetric.Activation])
            .Run();

        Assert.Equal(
            [
                new PhaseSample("learn", 0, 0, 0, 5, false, 5),
                new PhaseSample("probe", 0, 1, 5, 8, false, 3),
                new PhaseSample("rest", 0, 2, 8, 1008, true, 1000),
                new PhaseSample("probe", 0, 3, 1008, 1011, false, 3),
            ],
            sink.Phases);
        Assert.Equal([0, 1, 2, 3], sink.Summary.Select(r => r.Instance));
        Assert.Equal(["learn", "probe", "rest", "probe"], sink.Summary.Select(r => r.Phase));
    }

    /// <summary>
    /// A linear rate unit (τ = 10 ms, dt = 1 ms, exact exponential Euler) driven by I = 1 from rest: r_k = 1 − a^k
    /// with a = e^{−0.1}. The t = 0 sample is r_0 = 0; the phase mean over its 5 samples is Σ_{k=1..5}(1 − a^k)/5,
    /// which the t = 0 sample must not dilute. Tolerance 1e-6: float32 rates.
    /// </summary>
    [Fact]
    public void SampleAtTimeZero_IsTheInitialState_AndNotPartOfThePhaseMean()
    {
        var (_, sink) = new SpecBuilder()
            .Population("p", 1, tauMs: 10)
            .TagRange("t", "p", 0, 0)
            .Input("drive", "p", 1.0)
            .Phase("drive", 5, inputs: ["drive"])
            .Record(1, [TagMetric.Activation], populationRate: true)
            .Run();

        var first = sink.Tags[0];
        Assert.Equal((0.0, "drive", 0.0), (first.TimeMs, first.Phase, first.Value));
        Assert.Equal((0.0, 0.0), (sink.Populations[0].TimeMs, sink.Populations[0].Value));
        double a = Math.Exp(-0.1);
        double mean = Enumerable.Range(1, 5).Average(k => 1 - Math.Pow(a, k));
        Assert.Equal(mean, sink.Summary.Single(r => r.Kind == "tag").Value, 1e-6);
        Assert.Equal(mean, sink.Summary.Single(r => r.Kind == "population").Value, 1e-6);
    }

    /// <summary>
    /// Tag <c>alone</c> lives in a population without recurrent projection (no strength), tag <c>all</c> is its whole
    /// population (no spurious: there are no other neurons). The metrics that apply are still recorded.
    /// </summary>
    [Fact]
    public void MetricsThatDoNotApply_AreNotRecorded_RateNetwork()
    {
        var (_, sink) = new SpecBuilder()
            .Population("bare", 4)
            .Population("wired", 4)
            .TagRange("alone", "bare", 0, 1)
            .TagRange("all", "wired", 0, 3)
            .TagRange("part", "wired", 0, 1)
            .Projection("rec", "wired", "wired", new WeightSpec(new ConstantDistribution(0.5), 0, 1))
            .Phase("run", 3)
            .Record(1, [TagMetric.Activation, TagMetric.Strength, TagMetric.Spurious])
            .Run();

        var series = sink.Tags.Select(s => $"{s.Tag}.{s.Metric}").Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(["all.activation", "all.strength", "alone.activation", "alone.spurious", "part.activation", "part.spurious", "part.strength"], series);
        Assert.DoesNotContain(sink.Tags, s => double.IsNaN(s.Value));
        Assert.DoesNotContain(sink.Summary, r => double.IsNaN(r.Value));
    }

    [Fact]
    public void MetricsThatDoNotApply_AreNotRecorded_SpikingNetwork()
    {
        var record = new RecordSpec(10, [TagMetric.Strength, TagMetric.Spurious], false, null) { ActiveAbove = 5 };
        var spec = SpikingSpecs.Spec(
            [new PopulationSpec("bare", 4, SpikingSpecs.Lif()), new PopulationSpec("wired", 4, SpikingSpecs.Lif())],
            [SpikingSpecs.Projection("rec", "wired", "wired", SpecBuilder.AllToAll, 0.5)],
            [SpikingSpecs.Phase("run", 20)],
            record: record,
            tags: [new TagSpec("alone", "bare", 2, new IndexRange(0, 1), []), new TagSpec("all", "wired", 4, new IndexRange(0, 3), [])]);
        var sink = new MemoryRecordSink();
        new SpikingSimulator(spec).Run(sink);

        Assert.Equal(["all.strength", "alone.spurious"], sink.Tags.Select(s => $"{s.Tag}.{s.Metric}").Distinct().Order(StringComparer.Ordinal));
    }

    /// <summary>Rate networks: activity and weights are float32 state in dimensionless rate units; ownership is a fraction (double).</summary>
    [Fact]
    public void Units_OfRateNetworkMetrics()
    {
        var (_, sink) = new SpecBuilder()
            .Population("p", 4)
            .TagRange("a", "p", 0, 2)
            .TagRange("b", "p", 1, 3)
            .Projection("rec", "p", "p", new WeightSpec(new ConstantDistribution(0.5), 0, 1))
            .Phase("run", 2)
            .Record(1, [TagMetric.Activation, TagMetric.Strength, TagMetric.Ownership, TagMetric.Recall], populationRate: true, weights: new WeightRecordSpec("rec", 1, 0))
            .Run();

        var units = sink.Tags.GroupBy(s => s.Metric).ToDictionary(g => g.Key, g => Assert.Single(g.Select(s => s.Unit).Distinct()));
        Assert.Equal(new ValueUnit("1", SinglePrecision: true), units["activation"]);
        Assert.Equal(new ValueUnit("1", SinglePrecision: true), units["strength"]);
        Assert.Equal(new ValueUnit("1", SinglePrecision: false), units["ownership"]);
        Assert.Equal(new ValueUnit("1", SinglePrecision: false), units["recall"]);
        Assert.All(sink.Populations, p => Assert.Equal(ValueUnit.RateUnits, p.Unit));
        Assert.All(sink.WeightBlocks, b => Assert.Equal(new ValueUnit("1", SinglePrecision: true), b.Unit));
        Assert.All(sink.Summary, r => Assert.Equal(r.Kind == "population" ? ValueUnit.RateUnits : units[r.Metric], r.Unit));
    }

    /// <summary>
    /// Spiking networks: rates in Hz (double: spike counts over a window); weights and g_e in nS onto COBA LIF, mV onto
    /// CUBA LIF; v in mV. The weight statistics of a projection onto the COBA population are in nS.
    /// </summary>
    [Fact]
    public void Units_OfSpikingMetricsFollowTheTargetsSynapses()
    {
        var record = new RecordSpec(10, [TagMetric.Activation, TagMetric.Strength], true, new WeightRecordSpec("coba-rec", 10, 0))
        {
            State = new StateRecordSpec("cuba", "ge", 0, 0, 10),
        };
        var spec = SpikingSpecs.Spec(
            [new PopulationSpec("coba", 4, SpikingSpecs.Lif()), new PopulationSpec("cuba", 4, SpikingSpecs.Lif(synapse: SynapseKind.Current))],
            [SpikingSpecs.Projection("coba-rec", "coba", "coba", SpecBuilder.AllToAll, 0.5), SpikingSpecs.Projection("cuba-rec", "cuba", "cuba", SpecBuilder.AllToAll, 0.5)],
            [SpikingSpecs.Phase("run", 20)],
            record: record,
            tags: [new TagSpec("g", "coba", 2, new IndexRange(0, 1), []), new TagSpec("c", "cuba", 2, new IndexRange(0, 1), [])]);
        var sink = new MemoryRecordSink();
        new SpikingSimulator(spec).Run(sink);

        ValueUnit Unit(string tag, string metric) => Assert.Single(sink.Tags.Where(s => s.Tag == tag && s.Metric == metric).Select(s => s.Unit).Distinct());
        Assert.Equal(ValueUnit.Hertz, Unit("g", "activation"));
        Assert.Equal(ValueUnit.OfFloat32State("nS"), Unit("g", "strength"));
        Assert.Equal(ValueUnit.OfFloat32State("mV"), Unit("c", "strength"));
        Assert.All(sink.Populations, p => Assert.Equal(ValueUnit.Hertz, p.Unit));
        Assert.All(sink.WeightBlocks, b => Assert.Equal(ValueUnit.OfFloat32State("nS"), b.Unit));
        Assert.All(sink.States, s => Assert.Equal(ValueUnit.OfFloat32State("mV"), s.Unit));
        Assert.Equal(ValueUnit.OfFloat32State("nS"), sink.Summary.Single(r => r.Kind == "weights" && r.Metric == "mean").Unit);
    }

    /// <summary>
    /// Two LIF neurons driven well above threshold through phases <c>a</c> (10 ms) and <c>b</c> (10 ms, rep 0), dt =
    /// 0.1 ms: every spike and state value carries the phase whose interval (start, end] holds its time, as phases.csv
    /// tells it; the state trace starts at t = 0 with v_init = −60 mV.
    /// </summary>
    [Fact]
    public void SpikesAndState_CarryThePhaseWhoseIntervalHoldsTheirTime()
    {
        var record = new RecordSpec(50, [], false, null)
        {
            Spikes = new SpikeRecordSpec("n", 2),
            State = new StateRecordSpec("n", "v", 0, 1, 10),
        };
        var spec = SpikingSpecs.Spec([new PopulationSpec("n", 2, SpikingSpecs.Lif(bias: 40, tRefMs: 1))], [], [SpikingSpecs.Phase("a", 100), SpikingSpecs.Phase("b", 100)], record: record);
        var sink = new MemoryRecordSink();
        new SpikingSimulator(spec).Run(sink);

        string PhaseAt(double t) => t == 0 ? sink.Phases[0].Phase : sink.Phases.Single(p => p.StartMs < t && t <= p.EndMs).Phase;
        Assert.Equal(["a", "b"], sink.Phases.Select(p => p.Phase));
        Assert.Contains(sink.Spikes, s => s.Phase == "a");
        Assert.Contains(sink.Spikes, s => s.Phase == "b");
        Assert.All(sink.Spikes, s => Assert.Equal(PhaseAt(s.TimeMs), s.Phase));
        Assert.All(sink.States, s => Assert.Equal(PhaseAt(s.TimeMs), s.Phase));
        Assert.Equal([(0.0, 0, -60.0), (0.0, 1, -60.0)], sink.States.Take(2).Select(s => (s.TimeMs, s.Neuron, s.Value)));
        Assert.Equal(2 * 21, sink.States.Count); // t = 0, then every 1 ms of 20 ms
    }

    /// <summary>
    /// Histogram over [0, 0.1] in 20 bins: edges are k·0.005 written as the scenario would (0.015, not
    /// 0.015000000000000003), and counts agree with a naive assignment by comparison with those edges (a weight on an
    /// edge opens the bin above; the last bin includes 0.1; values outside go to the end bins).
    /// </summary>
    [Fact]
    public void WeightHistogram_EdgesAreTheDecimalSplitOfTheBounds_AndCountsMatchANaiveBinning()
    {
        var histogram = new WeightHistogram(0, 0.1, 20);
        double[] weights = [-0.01, 0, 0.0049, 0.005, 0.0151, 0.05, 0.0999, 0.1, 0.2, 0.03f, 0.015f];
        foreach (double w in weights)
        {
            histogram.Add(w);
        }

        var sink = new MemoryRecordSink();
        histogram.Write(sink, 0, SpikingSpecs.Phase("p", 1), "rec");

        var edges = Enumerable.Range(0, 21).Select(k => decimal.Parse((k * 5).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture) / 1000m).ToArray();
        Assert.Equal(edges.Take(20).Select(e => (double)e), sink.WeightHistograms.Select(b => b.BinLow));
        Assert.Equal(edges.Skip(1).Select(e => (double)e), sink.WeightHistograms.Select(b => b.BinHigh));
        Assert.Equal("0.015", sink.WeightHistograms[3].BinLow.ToString("R", CultureInfo.InvariantCulture));
        var naive = new long[20];
        foreach (double w in weights)
        {
            int bin = Enumerable.Range(0, 20).LastOrDefault(b => w >= (double)edges[b]);
            naive[bin]++;
        }

        Assert.Equal(naive, sink.WeightHistograms.Select(b => b.Count));
    }
}
