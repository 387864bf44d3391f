using Neurotag.Core.Rate;
using Neurotag.Core.Recording;
using Neurotag.Core.Specs;

namespace Neurotag.Core.Tests.Recording;

/// <summary>
/// record.weights over several projections (issue #14: it took one per run), and coupling and weight blocks on a
/// one_to_one projection between two populations, checked against values computed by hand.
/// </summary>
public sealed class WeightRecordingTests
{
    private static readonly ConnectivitySpec OneToOne = new(ConnectivityRule.OneToOne, 0, 0, AllowSelf: false);

    [Fact]
    public void RecordWeights_OverTwoProjections_WritesEachAsItsOwnSingleRecordingWould_InListOrder()
    {
        var both = Run(["ff", "rec"]);
        var ff = Run(["ff"]);
        var rec = Run(["rec"]);

        Assert.Equal(ff.WeightBlocks, both.WeightBlocks.Where(b => b.Projection == "ff"));
        Assert.Equal(rec.WeightBlocks, both.WeightBlocks.Where(b => b.Projection == "rec"));
        Assert.Equal(ff.WeightHistograms, both.WeightHistograms.Where(b => b.Projection == "ff"));
        Assert.Equal(rec.WeightHistograms, both.WeightHistograms.Where(b => b.Projection == "rec"));

        // At every sample the first projection's rows come first.
        foreach (var sample in both.WeightBlocks.GroupBy(b => b.TimeMs))
        {
            var names = sample.Select(b => b.Projection).ToList();
            Assert.True(names.LastIndexOf("ff") < names.IndexOf("rec"), $"t = {sample.Key}: {string.Join(",", names)}");
        }
    }

    [Fact]
    public void OneToOne_BetweenTwoPopulations_CouplingAndBlocksMatchAHandComputedExample()
    {
        // pre 0..3 → post 0..3, one synapse each, w_ii = 0.1, 0.2, 0.3, 0.4. P = pre {0, 1, 2}, Q = post {1, 2, 3}:
        // the synapses from P to Q are 1→1 and 2→2 (pre i and post i are different neurons here), so coupling(P, Q) =
        // (0.2 + 0.3)/2 = 0.25, and the P→Q block has count 2, min 0.2, max 0.3; the whole projection has count 4,
        // mean 0.25, min 0.1, max 0.4.
        var spec = new SpecBuilder()
            .Population("pre", 4)
            .Population("post", 4)
            .TagRange("P", "pre", 0, 2)
            .TagRange("Q", "post", 1, 3)
            .Projection("ff", "pre", "post", new WeightSpec(new ConstantDistribution(0.5), 0, 1), connectivity: OneToOne)
            .Phase("rest", 2)
            .Record(1, [TagMetric.Coupling], weights: new WeightRecordSpec("ff", 1, 0))
            .Build();
        var simulator = new RateSimulator(spec);
        var w = simulator.Network.Projections[0].Weights;
        for (int i = 0; i < 4; i++)
        {
            w[(i * 4) + i] = 0.1f * (i + 1);
        }

        var sink = new MemoryRecordSink();
        simulator.Run(sink);

        var coupling = sink.Tags.Where(t => t.Metric == "coupling" && t.Tag == "P" && t.Other == "Q").ToList();
        Assert.NotEmpty(coupling);
        Assert.All(coupling, t => Assert.Equal(0.25, t.Value, 6));
        var block = sink.WeightBlocks.Last(b => b.From == "P" && b.To == "Q");
        Assert.Equal((2L, 0.25, 0.2, 0.3), (block.Count, Math.Round(block.Mean, 6), Math.Round(block.Min, 6), Math.Round(block.Max, 6)));
        var all = sink.WeightBlocks.Last(b => b.From == "*");
        Assert.Equal((4L, 0.25, 0.1, 0.4), (all.Count, Math.Round(all.Mean, 6), Math.Round(all.Min, 6), Math.Round(all.Max, 6)));
    }

    private static MemoryRecordSink Run(string[] projections)
    {
        var spec = new SpecBuilder()
            .Population("pre", 5, activation: Activation.Sigmoid)
            .Population("post", 4, activation: Activation.Sigmoid)
            .TagRange("A", "pre", 0, 2)
            .TagRange("B", "post", 1, 3)
            .Input("drive", "A", 2.0, targetIsTag: true)
            .Projection("ff", "pre", "post", new WeightSpec(new UniformDistribution(0.1, 0.4), 0, 1), plasticity: new PlasticitySpec(PlasticityRule.Hebbian, 1, null, null, 0))
            .Projection("rec", "post", "post", new WeightSpec(new UniformDistribution(0.0, 0.2), 0, 1), plasticity: new PlasticitySpec(PlasticityRule.Hebbian, 2, null, null, 0))
            .Phase("learn", 50, inputs: ["drive"])
            .Record(10, weights: new WeightRecordSpec(projections[0], 10, 4) { Projections = projections })
            .Build();
        var sink = new MemoryRecordSink();
        new RateSimulator(spec).Run(sink);
        return sink;
    }
}
