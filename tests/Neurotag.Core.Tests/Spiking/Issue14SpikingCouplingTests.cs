using Neurotag.Core.Recording;
using Neurotag.Core.Specs;
using Neurotag.Core.Spiking;

namespace Neurotag.Core.Tests.Spiking;

/// <summary>
/// Issue #14 for the spiking metrics: the i = j pair is a self-connection only on a recurrent projection; between two
/// populations pre i and post i are different neurons and their synapse counts in <c>coupling</c>. Same hand-computed
/// networks as the rate tests (Issue14RateCouplingTests); weights are small integers, exact in float and double, so
/// only the final division rounds (tolerance 1e-12).
/// </summary>
public sealed class Issue14SpikingCouplingTests
{
    private static readonly ConnectivitySpec OneToOne = new(ConnectivityRule.OneToOne, 1, 0, AllowSelf: false);
    private static readonly ConnectivitySpec AllToAllWithSelf = new(ConnectivityRule.AllToAll, 1, 0, AllowSelf: true);

    /// <summary>
    /// left (4) → right (4), all-to-all; A = left {0, 1, 2}, B = right {1, 2, 3}; w(i → j) = 10j + i, w(j → j) = 100,
    /// 0 → 3 pruned. coupling(A → B) = (122 + 141 + 63) / 8 = 40.75 (the old code: 126 / 6 = 21).
    /// </summary>
    [Fact]
    public void Issue14_Coupling_BetweenTwoPopulations_CountsSynapsesWithEqualIndices()
    {
        var sim = TwoPopulations(AllToAllWithSelf);
        var p = sim.Network.Projections[0];
        Assert.Equal(16, p.Count);
        p.Alive = Enumerable.Repeat((byte)1, p.Count).ToArray();
        for (int s = 0; s < p.Count; s++)
        {
            int i = p.Pre[s], j = p.Post[s];
            p.Weight[s] = i == j ? 100 : (10 * j) + i;
            if (i == 0 && j == 3)
            {
                p.Weight[s] = 0;
                p.Alive[s] = 0;
            }
        }

        var net = sim.Network;
        var between = SparseTagMetrics.Excitatory(net, net.Populations[0], net.Populations[1]);

        Assert.False(Assert.Single(between).IsRecurrent);
        Assert.Equal(326.0 / 8, SparseTagMetrics.MeanWeight(Mask(net.Tags[0]), Mask(net.Tags[1]), between), 1e-12);
        Assert.Equal(326.0 / 8, Recorded(sim, "A", "coupling", "B"), 1e-12);
    }

    /// <summary>
    /// left (4) → right (4), one_to_one, w(i → i) = 2, 4, 9, 5. A → B (1 → 1, 2 → 2): 6.5; all → all: 20 / 4 = 5. The
    /// old code skipped every synapse and gave NaN.
    /// </summary>
    [Fact]
    public void Issue14_Coupling_OneToOne_IsTheMeanOfItsSynapses()
    {
        var sim = TwoPopulations(OneToOne);
        var p = sim.Network.Projections[0];
        float[] diagonal = [2, 4, 9, 5];
        Assert.Equal(4, p.Count);
        for (int s = 0; s < p.Count; s++)
        {
            Assert.Equal(p.Pre[s], p.Post[s]);
            p.Weight[s] = diagonal[p.Pre[s]];
        }

        var net = sim.Network;
        var between = SparseTagMetrics.Excitatory(net, net.Populations[0], net.Populations[1]);

        Assert.Equal(6.5, SparseTagMetrics.MeanWeight(Mask(net.Tags[0]), Mask(net.Tags[1]), between), 1e-12);
        Assert.Equal(5.0, SparseTagMetrics.MeanWeight(Mask(net.Tags[2]), Mask(net.Tags[3]), between), 1e-12);
        Assert.Equal(6.5, Recorded(sim, "A", "coupling", "B"), 1e-12);
        Assert.Equal(5.0, Recorded(sim, "all-left", "coupling", "all-right"), 1e-12);
    }

    /// <summary>
    /// Recurrent cortex (4) → cortex with self: true (the diagonal exists), w(i → j) = 10j + i, w(j → j) = 100;
    /// A = {0, 1, 2}, B = {1, 2, 3}. Self-connections stay excluded: strength(A) = 66 / 6 = 11, coupling(A → B) = 156 / 7.
    /// SummedInput onto 2 from {0, 1, 2} with w(· → 2) = 1, 1, 100, 3 is 2 here and 102 from another population.
    /// </summary>
    [Fact]
    public void Issue14_StrengthAndCoupling_OnARecurrentProjection_StillExcludeSelfConnections()
    {
        var spec = SpikingSpecs.Spec(
            [new PopulationSpec("cortex", 4, SpikingSpecs.Lif())],
            [SpikingSpecs.Projection("recurrent", "cortex", "cortex", AllToAllWithSelf, 1)],
            [SpikingSpecs.Phase("probe", 1)],
            record: new RecordSpec(1, [TagMetric.Strength, TagMetric.Coupling], false, null),
            tags: [Tag("A", "cortex", 0, 2), Tag("B", "cortex", 1, 3)]);
        var sim = new SpikingSimulator(spec);
        var p = sim.Network.Projections[0];
        Assert.Equal(16, p.Count);
        Assert.True(p.IsRecurrent);
        for (int s = 0; s < p.Count; s++)
        {
            int i = p.Pre[s], j = p.Post[s];
            p.Weight[s] = i == j ? 100 : (10 * j) + i;
        }

        var net = sim.Network;
        var recurrent = SparseTagMetrics.Excitatory(net, net.Populations[0], net.Populations[0]);

        Assert.Equal(11.0, SparseTagMetrics.MeanWeight(Mask(net.Tags[0]), Mask(net.Tags[0]), recurrent), 1e-12);
        Assert.Equal(156.0 / 7, SparseTagMetrics.MeanWeight(Mask(net.Tags[0]), Mask(net.Tags[1]), recurrent), 1e-12);
        Assert.Equal(11.0, Recorded(sim, "A", "strength", ""), 1e-12);
        Assert.Equal(156.0 / 7, Recorded(sim, "A", "coupling", "B"), 1e-12);

        var across = TwoPopulations(AllToAllWithSelf).Network.Projections[0];
        float[] onto2 = [1, 1, 100, 3];
        foreach (var projection in new[] { p, across })
        {
            for (int s = 0; s < projection.Count; s++)
            {
                if (projection.Post[s] == 2)
                {
                    projection.Weight[s] = onto2[projection.Pre[s]];
                }
            }
        }

        bool[] from = [true, true, true, false];
        Assert.Equal(2.0, SparseTagMetrics.SummedInput(from, 2, [p]), 1e-12);
        Assert.Equal(102.0, SparseTagMetrics.SummedInput(from, 2, [across]), 1e-12);
    }

    private static TagSpec Tag(string name, string population, int first, int last) =>
        new(name, population, last - first + 1, new IndexRange(first, last), []);

    private static bool[] Mask(SpikingTag tag) => SparseTagMetrics.Mask(tag.Members, tag.Population.Size);

    private static SpikingSimulator TwoPopulations(ConnectivitySpec connectivity) => new(SpikingSpecs.Spec(
        [new PopulationSpec("left", 4, SpikingSpecs.Lif()), new PopulationSpec("right", 4, SpikingSpecs.Lif())],
        [SpikingSpecs.Projection("across", "left", "right", connectivity, 1)],
        [SpikingSpecs.Phase("probe", 1)],
        record: new RecordSpec(1, [TagMetric.Coupling], false, null),
        tags: [Tag("A", "left", 0, 2), Tag("B", "right", 1, 3), Tag("all-left", "left", 0, 3), Tag("all-right", "right", 0, 3)]));

    /// <summary>The recorded value at t = 0 (the network as built, before the first step).</summary>
    private static double Recorded(SpikingSimulator sim, string tag, string metric, string other)
    {
        var sink = new MemoryRecordSink();
        sim.Run(sink);
        return Assert.Single(sink.Tags, s => s.TimeMs == 0 && s.Tag == tag && s.Metric == metric && s.Other == other).Value;
    }
}
