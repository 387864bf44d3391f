using Neurotag.Core.Rate.Plasticity;
using Neurotag.Core.Recording;
using Neurotag.Core.Specs;
using Neurotag.Core.Spiking;
using static Neurotag.Core.Tests.Spiking.SpikingSpecs;

namespace Neurotag.Core.Tests.Spiking;

/// <summary>
/// summary.csv rows <c>projection,NAME,synapses|pruned|regrown</c> of spiking projections with pruning (what
/// <c>expect: metric: projection.NAME.pruned</c> reads), checked against a count made independently of the pruning
/// code: the initial weights of an identically seeded network below the threshold.
/// </summary>
public class SpikingStructuralRecordTests
{
    private const double Below = 0.3;

    /// <summary>
    /// 40 silent LIF neurons (no input, no bias: v stays at rest, so STDP never changes a weight) with all-to-all
    /// synapses uniform on [0, 1] nS. Pruning checks every 1 ms and removes after 5 ms below 0.3 nS. In the first
    /// 3 ms phase nothing can be pruned yet (3 checks &lt; 5); by the end of the second phase exactly the synapses
    /// that started below 0.3 nS are gone.
    /// </summary>
    [Fact]
    public void Run_SpikingPruning_WritesStructuralRowsMatchingAnIndependentCount()
    {
        var spec = PruningSpec();
        var initial = SpikingNetwork.Build(spec).Projections.Single();
        int expectedPruned = initial.Weight.Count(w => w < Below);
        int built = initial.Count;
        Assert.Equal(40 * 39, built);
        Assert.InRange(expectedPruned, 300, 640); // about 30 % of 1560: the test exercises both outcomes

        var sink = new MemoryRecordSink();
        var result = new SpikingSimulator(spec).Run(sink);

        double Row(string phase, string metric) =>
            sink.Summary.Single(r => r.Phase == phase && r.Kind == "projection" && r.Name == "recurrent" && r.Metric == metric).Value;
        Assert.Equal(0, Row("early", "pruned"));
        Assert.Equal(built, Row("early", "synapses"));
        Assert.Equal(expectedPruned, Row("late", "pruned"));
        Assert.Equal(built - expectedPruned, Row("late", "synapses"));
        Assert.Equal(0, Row("late", "regrown"));
        Assert.Equal(expectedPruned, result.PrunedSynapses["recurrent"]);
        Assert.Equal(0, result.RegrownSynapses["recurrent"]); // the manifest reads both for every pruned projection
    }

    /// <summary>
    /// Pruned synapses hold weight 0 in the CSR arrays but no longer exist: tag strength, weight blocks and the weight
    /// summary average the surviving synapses only, as the rate core does. Expected values come from the initial weights
    /// of an identically seeded network (weights never change here: the neurons are silent).
    /// </summary>
    [Fact]
    public void Run_AfterPruning_MetricsAverageSurvivingSynapsesOnly()
    {
        var spec = PruningSpec() with
        {
            Tags = [new TagSpec("group", "cortex", 10, new IndexRange(0, 9), [])],
            Record = new RecordSpec(10, [TagMetric.Strength], false, new WeightRecordSpec("recurrent", 10, 0)),
        };
        var initial = SpikingNetwork.Build(spec).Projections.Single();
        var survivors = Enumerable.Range(0, initial.Count).Where(s => initial.Weight[s] >= Below).ToList();
        double groupMean = survivors.Where(s => initial.Pre[s] < 10 && initial.Post[s] < 10).Average(s => (double)initial.Weight[s]);
        double allMean = survivors.Average(s => (double)initial.Weight[s]);
        double allMeanWithZeros = survivors.Sum(s => (double)initial.Weight[s]) / initial.Count;
        Assert.True(allMean - allMeanWithZeros > 0.05, "the test must tell the two averages apart");

        var sink = new MemoryRecordSink();
        new SpikingSimulator(spec).Run(sink);

        var lastStrength = sink.Tags.Last(t => t.Tag == "group" && t.Metric == "strength");
        Assert.Equal(groupMean, lastStrength.Value, 9);
        var lastBlock = sink.WeightBlocks.Last(b => b.From == "*");
        Assert.Equal(survivors.Count, lastBlock.Count);
        Assert.Equal(allMean, lastBlock.Mean, 6);
        Assert.True(lastBlock.Min >= Below, $"a pruned synapse was counted: min {lastBlock.Min}");
    }

    [Fact]
    public void Run_SpikingProjectionWithoutPruning_WritesNoStructuralRows()
    {
        var withPruning = PruningSpec();
        var spec = withPruning with { Projections = [withPruning.Projections[0] with { Pruning = null }] };

        var sink = new MemoryRecordSink();
        new SpikingSimulator(spec).Run(sink);

        Assert.DoesNotContain(sink.Summary, r => r.Kind == "projection");
    }

    private static SimulationSpec PruningSpec()
    {
        var plasticity = new PlasticitySpec(PlasticityRule.Stdp, 1, null, null, 1)
        {
            Stdp = new StdpSpec(20, 20, 0.01, 0.0105, StdpWeightDependence.Additive, StdpPairing.AllToAll),
        };
        var projection = new ProjectionSpec("recurrent", "cortex", false, "cortex", false, new ConnectivitySpec(ConnectivityRule.AllToAll, 1, 0, AllowSelf: false),
            new WeightSpec(new UniformDistribution(0, 1), 0, 1), false, plasticity, null, new PruningSpec(Below, ForMs: 5, CheckEverySteps: 10));
        return Spec(
            [new PopulationSpec("cortex", 40, Lif())],
            [projection],
            [Phase("early", 30) with { Plasticity = true }, Phase("late", 100) with { Plasticity = true }],
            seed: 3);
    }
}
