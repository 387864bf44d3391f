using Neurotag.Core.Rate;
using Neurotag.Core.Rate.Recording;
using Neurotag.Core.Recording;
using Neurotag.Core.Specs;

namespace Neurotag.Core.Tests.Rate.Recording;

/// <summary>
/// Issue #14: the i = j pair is a self-connection only on a recurrent projection. Between two populations, pre i
/// and post i are different neurons and their synapse must count in <c>coupling</c>. All expectations are computed by
/// hand below; weights are small integers, so the sums are exact in double and only the final division rounds
/// (tolerance 1e-12).
/// </summary>
public sealed class Issue14RateCouplingTests
{
    private static readonly ConnectivitySpec OneToOne = new(ConnectivityRule.OneToOne, 0, 0, AllowSelf: false);
    private static readonly ConnectivitySpec AllToAllWithSelf = new(ConnectivityRule.AllToAll, 0, 0, AllowSelf: true);
    private static readonly WeightSpec Weight = new(new ConstantDistribution(1), 0, 1000);

    /// <summary>
    /// left (4) → right (4), all-to-all; A = left {0, 1, 2}, B = right {1, 2, 3}. Weight onto post j from pre i:
    /// w[j, i] = 10j + i, except the equal-index synapses w[j, j] = 100 and the synapse 0 → 3 (w[3, 0]) pruned.
    /// coupling(A → B) over j ∈ {1, 2, 3}, i ∈ {0, 1, 2}:
    ///   j = 1: 10 + 100 + 12 = 122;  j = 2: 20 + 21 + 100 = 141;  j = 3: (30 pruned) 31 + 32 = 63.
    ///   Sum 326 over 8 existing synapses → 40.75.
    /// The old code also skipped (1, 1) and (2, 2): 126 over 6 = 21.
    /// </summary>
    [Fact]
    public void Issue14_Coupling_BetweenTwoPopulations_CountsSynapsesWithEqualIndices()
    {
        var simulator = TwoPopulations(connectivity: null);
        var p = simulator.Network.Projections[0];
        for (int j = 0; j < 4; j++)
        {
            for (int i = 0; i < 4; i++)
            {
                p.Weights[(j * 4) + i] = i == j ? 100 : (10 * j) + i;
            }
        }

        // All-to-all between populations builds no mask (every synapse exists): give it one to prune w[3, 0].
        p.Mask = Enumerable.Repeat(1f, 16).ToArray();
        p.Weights[(3 * 4) + 0] = 0;
        p.Mask[(3 * 4) + 0] = 0;
        var net = simulator.Network;
        var between = RateTagMetrics.Excitatory(net, net.Populations[0], net.Populations[1]);

        Assert.False(Assert.Single(between).IsRecurrent);
        Assert.Equal(326.0 / 8, RateTagMetrics.MeanWeight(net.Tags[0].Members, net.Tags[1].Members, between), 1e-12);
        Assert.Equal(326.0 / 8, Recorded(simulator, "A", "coupling", "B"), 1e-12);
    }

    /// <summary>
    /// left (4) → right (4), one_to_one, weights 2, 4, 9, 5 on i → i. A = left {0, 1, 2}, B = right {1, 2, 3}: the
    /// synapses from A to B are 1 → 1 (4) and 2 → 2 (9), mean 6.5. With A = B = everything (tags "all-left",
    /// "all-right"): mean of all four, 20 / 4 = 5. The old code skipped every synapse and gave NaN.
    /// </summary>
    [Fact]
    public void Issue14_Coupling_OneToOne_IsTheMeanOfItsSynapses()
    {
        var simulator = TwoPopulations(OneToOne);
        var p = simulator.Network.Projections[0];
        float[] diagonal = [2, 4, 9, 5];
        for (int j = 0; j < 4; j++)
        {
            p.Weights[(j * 4) + j] = diagonal[j];
        }

        var net = simulator.Network;
        var between = RateTagMetrics.Excitatory(net, net.Populations[0], net.Populations[1]);

        Assert.Equal(4, p.SynapseCount());
        Assert.Equal(6.5, RateTagMetrics.MeanWeight(net.Tags[0].Members, net.Tags[1].Members, between), 1e-12);
        Assert.Equal(5.0, RateTagMetrics.MeanWeight(net.Tags[2].Members, net.Tags[3].Members, between), 1e-12);
        Assert.Equal(6.5, Recorded(simulator, "A", "coupling", "B"), 1e-12);
        Assert.Equal(5.0, Recorded(simulator, "all-left", "coupling", "all-right"), 1e-12);
    }

    /// <summary>
    /// A recurrent projection with <c>self: true</c>, so the diagonal synapses exist: cortex (4) onto itself,
    /// w[j, i] = 10j + i, w[j, j] = 100. Tags A = {0, 1, 2}, B = {1, 2, 3}. The self-connections must still be excluded:
    /// strength(A) over i ≠ j in {0, 1, 2}: (1 + 2) + (10 + 12) + (20 + 21) = 66 over 6 → 11.
    /// coupling(A → B), j ∈ {1, 2, 3}, i ∈ {0, 1, 2}, i ≠ j: (10 + 12) + (20 + 21) + (30 + 31 + 32) = 156 over 7.
    /// Had the diagonal been counted: strength (66 + 300) / 9, coupling (156 + 200) / 9.
    /// </summary>
    [Fact]
    public void Issue14_StrengthAndCoupling_OnARecurrentProjection_StillExcludeSelfConnections()
    {
        var spec = new SpecBuilder()
            .Population("cortex", 4)
            .TagRange("A", "cortex", 0, 2)
            .TagRange("B", "cortex", 1, 3)
            .Projection("recurrent", "cortex", "cortex", Weight, AllToAllWithSelf)
            .Phase("probe", 1, plasticity: false)
            .Record(1, [TagMetric.Strength, TagMetric.Coupling])
            .Build();
        var simulator = new RateSimulator(spec);
        var p = simulator.Network.Projections[0];
        for (int j = 0; j < 4; j++)
        {
            for (int i = 0; i < 4; i++)
            {
                p.Weights[(j * 4) + i] = i == j ? 100 : (10 * j) + i;
            }
        }

        var net = simulator.Network;
        var recurrent = RateTagMetrics.RecurrentExcitatory(net, net.Populations[0]);

        Assert.Equal(16, p.SynapseCount()); // the diagonal exists
        Assert.True(Assert.Single(recurrent).IsRecurrent);
        Assert.Equal(11.0, RateTagMetrics.MeanWeight(net.Tags[0].Members, net.Tags[0].Members, recurrent), 1e-12);
        Assert.Equal(156.0 / 7, RateTagMetrics.MeanWeight(net.Tags[0].Members, net.Tags[1].Members, recurrent), 1e-12);
        Assert.Equal(11.0, Recorded(simulator, "A", "strength", ""), 1e-12);
        Assert.Equal(156.0 / 7, Recorded(simulator, "A", "coupling", "B"), 1e-12);
    }

    /// <summary>
    /// SummedInput (ownership's per-neuron input) follows the same rule. Weights onto neuron 2 from i = 0 … 3:
    /// 1, 1, 100, 3. From {0, 1, 2}: on a recurrent projection (self: true) 2 → 2 is a self-connection, so 1 + 1 = 2;
    /// from another population, pre 2 is another neuron, so 1 + 1 + 100 = 102 (the old code gave 2 here too).
    /// </summary>
    [Fact]
    public void Issue14_SummedInput_ExcludesTheEqualIndexOnlyOnARecurrentProjection()
    {
        var recurrentSpec = new SpecBuilder()
            .Population("cortex", 4)
            .Projection("recurrent", "cortex", "cortex", Weight, AllToAllWithSelf)
            .Phase("probe", 1, plasticity: false)
            .Build();
        var recurrentNet = new RateSimulator(recurrentSpec).Network;
        var across = TwoPopulations(connectivity: null).Network;
        float[] onto2 = [1, 1, 100, 3];
        for (int i = 0; i < 4; i++)
        {
            recurrentNet.Projections[0].Weights[(2 * 4) + i] = onto2[i];
            across.Projections[0].Weights[(2 * 4) + i] = onto2[i];
        }

        int[] from = [0, 1, 2];

        Assert.Equal(2.0, RateTagMetrics.SummedInput(from, 2, recurrentNet.Projections), 1e-12);
        Assert.Equal(102.0, RateTagMetrics.SummedInput(from, 2, across.Projections), 1e-12);
    }

    private static RateSimulator TwoPopulations(ConnectivitySpec? connectivity) => new(new SpecBuilder()
        .Population("left", 4)
        .Population("right", 4)
        .TagRange("A", "left", 0, 2)
        .TagRange("B", "right", 1, 3)
        .TagRange("all-left", "left", 0, 3)
        .TagRange("all-right", "right", 0, 3)
        .Projection("across", "left", "right", Weight, connectivity)
        .Phase("probe", 1, plasticity: false)
        .Record(1, [TagMetric.Coupling])
        .Build());

    /// <summary>The recorded value at t = 0 (as built; weights do not change in the 1-step probe with plasticity off).</summary>
    private static double Recorded(RateSimulator simulator, string tag, string metric, string other)
    {
        var sink = new MemoryRecordSink();
        simulator.Run(sink);
        return Assert.Single(sink.Tags, s => s.TimeMs == 0 && s.Tag == tag && s.Metric == metric && s.Other == other).Value;
    }
}
