using Neurotag.Core.Rate;
using Neurotag.Core.Rate.Recording;
using Neurotag.Core.Recording;
using Neurotag.Core.Specs;

namespace Neurotag.Core.Tests.Rate.Recording;

/// <summary>
/// Assembly size (Tetzlaff et al. 2015, Sci Rep 5:12866, Fig. 2F): the tag's members plus every neuron reachable
/// from them along synapses heavier than the threshold, over the population size. Hand-computed graphs below;
/// the results are ratios of small integers, exact to 1e-12.
/// </summary>
public sealed class AssemblySizeTests
{
    private static readonly ConnectivitySpec AllToAll = new(ConnectivityRule.AllToAll, 0, 0, AllowSelf: false);
    private static readonly WeightSpec Weight = new(new ConstantDistribution(0), 0, 10);

    /// <summary>
    /// cortex (8), recurrent all-to-all, every weight 0.1 except (pre → post): 0 → 1 = 0.8, 1 → 2 = 0.6 (a chain),
    /// 2 → 3 = 0.5 (equal to the threshold: not strong), 0 → 4 = 0.4 (weak), 4 → 5 = 0.9 (strong but 4 is not reached),
    /// 6 → 0 = 0.9 (strong into the tag: the direction is pre → post, so 6 is not reached), 2 → 7 = 0.7 (pruned).
    /// Tag A = {0}, threshold 0.5: reached {0, 1, 2} → 3/8. Tag B = {4, 5, 6}: 6 → 0 → 1 → 2 adds {0, 1, 2} → 6/8.
    /// </summary>
    [Fact]
    public void Size_FollowsStrongSynapsesFromPreToPost_FromTheMembers()
    {
        var simulator = Build(out var p);
        var net = simulator.Network;
        var recurrent = RateTagMetrics.RecurrentExcitatory(net, net.Populations[0]);

        Assert.Equal(3.0 / 8, AssemblySize.Fraction(net.Tags[0], recurrent, 0.5), 1e-12);
        Assert.Equal(6.0 / 8, AssemblySize.Fraction(net.Tags[1], recurrent, 0.5), 1e-12);
        // With a threshold of 0.45 the 2 → 3 synapse (0.5) is strong: A reaches {0, 1, 2, 3} → 4/8.
        Assert.Equal(4.0 / 8, AssemblySize.Fraction(net.Tags[0], recurrent, 0.45), 1e-12);
        // Restoring the pruned 2 → 7 synapse adds 7 to A (0.7 > 0.5) → 4/8.
        p.Mask![(7 * 8) + 2] = 1;
        Assert.Equal(4.0 / 8, AssemblySize.Fraction(net.Tags[0], recurrent, 0.5), 1e-12);
    }

    [Fact]
    public void Size_IsRecordedAsATagSeries_WithTheRecordThreshold()
    {
        var simulator = Build(out _);
        var sink = new MemoryRecordSink();
        simulator.Run(sink);
        Assert.Equal(3.0 / 8, Assert.Single(sink.Tags, s => s.TimeMs == 0 && s.Tag == "A" && s.Metric == "size").Value, 1e-12);
        Assert.Equal(6.0 / 8, Assert.Single(sink.Tags, s => s.TimeMs == 0 && s.Tag == "B" && s.Metric == "size").Value, 1e-12);
    }

    /// <summary>A tag whose synapses are all weak keeps its own members: size |members| / N = 3/8.</summary>
    [Fact]
    public void Size_WithoutStrongSynapses_IsTheMembersShare()
    {
        var simulator = Build(out _);
        var net = simulator.Network;
        var recurrent = RateTagMetrics.RecurrentExcitatory(net, net.Populations[0]);
        Assert.Equal(3.0 / 8, AssemblySize.Fraction(net.Tags[1], recurrent, 5.0), 1e-12);
    }

    private static RateSimulator Build(out DenseProjection projection)
    {
        var spec = new SpecBuilder()
            .Population("cortex", 8)
            .TagRange("A", "cortex", 0, 0)
            .TagRange("B", "cortex", 4, 6)
            .Projection("recurrent", "cortex", "cortex", Weight, AllToAll)
            .Phase("probe", 1, plasticity: false)
            .Record(1, [TagMetric.Size])
            .Build();
        spec = spec with { Record = spec.Record with { SizeAbove = 0.5 } };
        var simulator = new RateSimulator(spec);
        var p = simulator.Network.Projections[0];
        projection = p;
        for (int j = 0; j < 8; j++)
        {
            for (int i = 0; i < 8; i++)
            {
                p.Weights[(j * 8) + i] = i == j ? 0 : 0.1f;
            }
        }

        void Set(int pre, int post, float w) => p.Weights[(post * 8) + pre] = w;
        Set(0, 1, 0.8f);
        Set(1, 2, 0.6f);
        Set(2, 3, 0.5f);
        Set(0, 4, 0.4f);
        Set(4, 5, 0.9f);
        Set(6, 0, 0.9f);
        Set(2, 7, 0.7f);
        p.Mask ??= Enumerable.Range(0, 64).Select(k => k / 8 == k % 8 ? 0f : 1f).ToArray();
        p.Weights[(7 * 8) + 2] = 0.7f;
        p.Mask[(7 * 8) + 2] = 0;
        return simulator;
    }
}
