using Neurotag.Core.Rate;
using Neurotag.Core.Rate.Recording;
using Neurotag.Core.Recording;
using Neurotag.Core.Specs;

namespace Neurotag.Core.Tests.Rate.Recording;

/// <summary>
/// A hand-built network of 6 neurons with tags A = {0, 1, 2, 3} and B = {2, 3, 4, 5} (shared: {2, 3}). The excitatory
/// recurrent weight onto neuron j from neuron i is w[j, i] = 10·j + i for i ≠ j, except w[2, 0] = 50 and the synapse
/// 3 → 1 (w[1, 3] = 13) pruned. An inhibitory recurrent projection and a feedforward projection, both with large
/// weights, must not count. Contract definitions (scenario-format.md, "Tag metrics"), computed by hand:
/// <list type="bullet">
/// <item>strength(A) = mean of w[j, i], i, j ∈ A, i ≠ j, existing synapses only:
///   Σ_{j∈A} Σ_{i∈A, i≠j} (10j + i) = Σ_j (30j + 6 − j) = 198; + 30 (w[2, 0] is 50 not 20) − 13 (pruned) = 215 over
///   12 − 1 = 11 synapses → 215/11.</item>
/// <item>strength(B) = Σ_{j∈B} (30j + 14 − j) = 462 over 12 → 38.5.</item>
/// <item>coupling(A → B) = mean of w[j, i], i ∈ A, j ∈ B, i ≠ j: Σ_{j∈B} (40j + 6) = 584, − 22 − 33 (i = j = 2, 3),
///   + 30 (w[2, 0]) = 559 over 16 − 2 = 14 → 559/14.</item>
/// <item>coupling(B → A) = Σ_{j∈A} (40j + 14) = 296, − 22 − 33, − 13 (pruned w[1, 3]) = 228 over 13 → 228/13.</item>
/// <item>ownership(A, B): shared {2, 3}; A's exclusive members {0, 1}, B's {4, 5}. Onto 2: from A 50 + 21 = 71, from
///   B 24 + 25 = 49 → A. Onto 3: from A 30 + 31 = 61, from B 34 + 35 = 69 → B. So ownership(A, B) = 1/2 and
///   ownership(B, A) = 1/2.</item>
/// </list>
/// </summary>
public sealed class RateTagMetricsTests
{
    private const double StrengthA = 215.0 / 11;
    private const double StrengthB = 38.5;
    private const double CouplingAB = 559.0 / 14;
    private const double CouplingBA = 228.0 / 13;

    [Fact]
    public void TagMetrics_OnAHandBuiltNetwork_EqualTheContractDefinitionsComputedByHand()
    {
        var simulator = HandBuilt();
        var net = simulator.Network;
        var a = net.Tags[0];
        var b = net.Tags[1];
        var recurrent = RateTagMetrics.RecurrentExcitatory(net, a.Population);

        Assert.Equal("recurrent", Assert.Single(recurrent).Name);
        // Sums of small integers in double: exact up to the final division (tolerance 1e-12).
        Assert.Equal(StrengthA, RateTagMetrics.MeanWeight(a.Members, a.Members, recurrent), 1e-12);
        Assert.Equal(StrengthB, RateTagMetrics.MeanWeight(b.Members, b.Members, recurrent), 1e-12);
        Assert.Equal(CouplingAB, RateTagMetrics.MeanWeight(a.Members, b.Members, recurrent), 1e-12);
        Assert.Equal(CouplingBA, RateTagMetrics.MeanWeight(b.Members, a.Members, recurrent), 1e-12);
        Assert.Equal(0.5, RateTagMetrics.Ownership(a, b, recurrent));
        Assert.Equal(0.5, RateTagMetrics.Ownership(b, a, recurrent));
    }

    [Fact]
    public void TagMetrics_AreRecordedWithTheSameValues()
    {
        var simulator = HandBuilt();
        var sink = new MemoryRecordSink();

        simulator.Run(sink);

        // Sampled at t = 0 (as built) and at the end of the 1 ms phase; the weights do not change in between.
        Assert.Equal([0.0, 1.0], sink.Tags.Select(s => s.TimeMs).Distinct());
        foreach (double time in new[] { 0.0, 1.0 })
        {
            double Value(string tag, string metric, string other) =>
                Assert.Single(sink.Tags, s => s.TimeMs == time && s.Tag == tag && s.Metric == metric && s.Other == other).Value;

            Assert.Equal(StrengthA, Value("A", "strength", ""), 1e-12);
            Assert.Equal(StrengthB, Value("B", "strength", ""), 1e-12);
            Assert.Equal(CouplingAB, Value("A", "coupling", "B"), 1e-12);
            Assert.Equal(CouplingBA, Value("B", "coupling", "A"), 1e-12);
            Assert.Equal(0.5, Value("A", "ownership", "B"));
            Assert.Equal(0.5, Value("B", "ownership", "A"));
        }
    }

    [Fact]
    public void Ownership_WhenOneSharedNeuronChangesSides_MovesByOneHalf()
    {
        var simulator = HandBuilt();
        var net = simulator.Network;
        var recurrent = RateTagMetrics.RecurrentExcitatory(net, net.Populations[0]);

        // Onto 3: raise w[3, 0] from 30 to 40 → from A 71 > from B 69: A owns both shared neurons.
        net.Projections[0].Weights[(3 * 6) + 0] = 40f;

        Assert.Equal(1.0, RateTagMetrics.Ownership(net.Tags[0], net.Tags[1], recurrent));
        Assert.Equal(0.0, RateTagMetrics.Ownership(net.Tags[1], net.Tags[0], recurrent));
    }

    [Fact]
    public void Activation_IsTheMeanRateOfTheMembers()
    {
        var simulator = HandBuilt();
        var rates = simulator.Network.Populations[0].Rate;
        float[] values = [1f, 2f, 3f, 4f, 5f, 6f];
        values.CopyTo(rates, 0);

        Assert.Equal((1 + 2 + 3 + 4) / 4.0, RateTagMetrics.Activation(simulator.Network.Tags[0]));
        Assert.Equal((3 + 4 + 5 + 6) / 4.0, RateTagMetrics.Activation(simulator.Network.Tags[1]));
    }

    [Fact]
    public void TagMembership_WithShares_OverlapsExactlyAsDeclaredAndNowhereElse()
    {
        var tags = DrawTags(seed: 17);
        var smell = tags["smell"];
        var pain = tags["pain"];
        var bend = tags["bend"];
        var itch = tags["itch"];

        Assert.Equal(Enumerable.Range(10, 10), smell); // explicit inclusive range [10, 19]
        foreach (var (name, members, size) in new[] { ("pain", pain, 20), ("bend", bend, 16), ("itch", itch, 12) })
        {
            Assert.Equal(size, members.Length);
            Assert.True(members.Zip(members.Skip(1)).All(p => p.First < p.Second), $"{name}: members must be sorted and distinct");
            Assert.All(members, m => Assert.InRange(m, 0, 99));
        }

        // Declared: bend takes 5 of pain's members, itch 3 of bend's. Everything else is disjoint.
        Assert.Equal(5, bend.Intersect(pain).Count());
        Assert.Equal(3, itch.Intersect(bend).Count());
        Assert.Empty(pain.Intersect(smell));
        Assert.Empty(bend.Intersect(smell));
        Assert.Empty(itch.Intersect(smell));

        // Non-shared members belong to no other tag.
        var all = new[] { smell, pain, bend, itch };
        foreach (int m in bend.Except(pain))
        {
            Assert.Equal(1 + (itch.Contains(m) ? 1 : 0), all.Count(t => t.Contains(m)));
        }

        foreach (int m in pain.Except(bend).Concat(itch.Except(bend)))
        {
            Assert.Equal(1, all.Count(t => t.Contains(m)));
        }
    }

    [Fact]
    public void TagMembership_IsDeterministicForASeed_AndDiffersForAnother()
    {
        var first = DrawTags(seed: 17);
        var again = DrawTags(seed: 17);
        var other = DrawTags(seed: 18);

        foreach (string name in new[] { "pain", "bend", "itch" })
        {
            Assert.Equal(first[name], again[name]);
        }

        Assert.NotEqual(first["pain"], other["pain"]);
        Assert.Equal(first["smell"], other["smell"]); // explicit ranges do not depend on the seed
    }

    [Fact]
    public void TagMembership_WhenASharingTagIsListedBeforeTheTagItShares_StillTakesTheDeclaredOverlap()
    {
        // OrderByShares draws pain before bend although the file lists bend first.
        var spec = new SpecBuilder()
            .Population("cortex", 50)
            .Tag("bend", "cortex", 10, new TagShare("pain", 4))
            .Tag("pain", "cortex", 10)
            .Build();
        var net = RateNetwork.Build(spec);

        Assert.Equal(4, net.Tags[0].Members.Intersect(net.Tags[1].Members).Count());
    }

    [Fact]
    public void TagMembership_WithTooFewFreeNeurons_Throws()
    {
        var spec = new SpecBuilder()
            .Population("cortex", 10)
            .TagRange("smell", "cortex", 0, 5)
            .Tag("pain", "cortex", 5)
            .Build();

        Assert.Throws<InvalidOperationException>(() => RateNetwork.Build(spec));
    }

    private static Dictionary<string, int[]> DrawTags(ulong seed)
    {
        var spec = new SpecBuilder()
            .Seed(seed)
            .Population("cortex", 100)
            .Tag("pain", "cortex", 20)
            .Tag("bend", "cortex", 16, new TagShare("pain", 5))
            .TagRange("smell", "cortex", 10, 19)
            .Tag("itch", "cortex", 12, new TagShare("bend", 3))
            .Build();
        return RateNetwork.Build(spec).Tags.ToDictionary(t => t.Name, t => t.Members);
    }

    /// <summary>The network described on the class, with all weights set by hand, and one static recording step.</summary>
    private static RateSimulator HandBuilt()
    {
        var spec = new SpecBuilder()
            .Population("cortex", 6)
            .Population("sensory", 2)
            .TagRange("A", "cortex", 0, 3)
            .TagRange("B", "cortex", 2, 5)
            .Projection("recurrent", "cortex", "cortex", new WeightSpec(new ConstantDistribution(1), 0, 100))
            .Projection("inhibition", "cortex", "cortex", new WeightSpec(new ConstantDistribution(99), 0, 100), inhibitory: true)
            .Projection("feedforward", "sensory", "cortex", new WeightSpec(new ConstantDistribution(99), 0, 100))
            .Phase("probe", 1, plasticity: false)
            .Record(1, [TagMetric.Strength, TagMetric.Coupling, TagMetric.Ownership])
            .Build();
        var simulator = new RateSimulator(spec);
        var recurrent = simulator.Network.Projections[0];
        for (int j = 0; j < 6; j++)
        {
            for (int i = 0; i < 6; i++)
            {
                if (i != j)
                {
                    recurrent.Weights[(j * 6) + i] = (10 * j) + i;
                }
            }
        }

        recurrent.Weights[(2 * 6) + 0] = 50;
        recurrent.Weights[(1 * 6) + 3] = 0;
        recurrent.Mask![(1 * 6) + 3] = 0;
        return simulator;
    }
}
