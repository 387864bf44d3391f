using Neurotag.Core.Rate;
using Neurotag.Core.Specs;

namespace Neurotag.Core.Tests.Rate;

public class TagFamilyTests
{
    private static SimulationSpec Spec(ulong seed, int count = 40, int size = 20, int populationSize = 100)
    {
        var builder = new SpecBuilder().Seed(seed).Population("cortex", populationSize).Tag("fixed", "cortex", 30).Phase("run", 1);
        var spec = builder.Build();
        var members = Enumerable.Range(0, count).Select(k => new TagSpec($"memory.{k}", "cortex", size, null, []) { Family = "memory" });
        return spec with { Tags = [.. spec.Tags, .. members] };
    }

    [Fact]
    public void Members_HaveTheirNamesAndSize_AndRememberTheirFamily()
    {
        var tags = new RateSimulator(Spec(1)).Network.Tags;
        Assert.Equal(Enumerable.Range(0, 40).Select(k => $"memory.{k}"), tags.Skip(1).Select(t => t.Name));
        Assert.All(tags.Skip(1), t => Assert.Equal("memory", t.Family));
        Assert.All(tags.Skip(1), t => Assert.Equal(20, t.Members.Distinct().Count()));
        Assert.Null(tags[0].Family);
    }

    [Fact]
    public void Members_AreDrawnIndependently_FromTheWholePopulation()
    {
        // Independent uniform draws of 20 of 100: each neuron is in a member with p = 0.2, also the 30 neurons of
        // the ordinary tag 'fixed' (ordinary tags avoid each other, families do not). Pairwise overlaps are
        // hypergeometric with mean 20·20/100 = 4 and variance 20·0.2·0.8·(80/99) ≈ 2.59.
        var tags = new RateSimulator(Spec(3, count: 200)).Network.Tags;
        var fixedSet = tags[0].Members.ToHashSet();
        var members = tags.Skip(1).ToList();
        double inFixed = members.Average(m => m.Members.Count(fixedSet.Contains));
        Assert.InRange(inFixed, 6 - 0.6, 6 + 0.6); // mean 30·0.2 = 6; standard error ≈ 1.7/√200 ≈ 0.12

        var overlaps = new List<int>();
        for (int a = 0; a < members.Count; a++)
        {
            var set = members[a].Members.ToHashSet();
            for (int b = a + 1; b < members.Count; b++)
            {
                overlaps.Add(members[b].Members.Count(set.Contains));
            }
        }

        double mean = overlaps.Average();
        double variance = overlaps.Average(o => (o - mean) * (o - mean));
        Assert.InRange(mean, 4 - 0.2, 4 + 0.2);
        Assert.InRange(variance, 2.59 * 0.85, 2.59 * 1.15); // 19 900 pairs (not independent): ±15 % is several standard errors

        var counts = new int[100];
        foreach (int n in members.SelectMany(m => m.Members))
        {
            counts[n]++;
        }

        Assert.All(counts, c => Assert.InRange(c, 40 - 25, 40 + 25)); // Binomial(200, 0.2): mean 40, sd 5.7
    }

    [Fact]
    public void Membership_IsDeterministicPerSeed_AndAddingMembersDoesNotMoveEarlierOnes()
    {
        var a = new RateSimulator(Spec(7)).Network.Tags;
        var b = new RateSimulator(Spec(7)).Network.Tags;
        var more = new RateSimulator(Spec(7, count: 60)).Network.Tags;
        var other = new RateSimulator(Spec(8)).Network.Tags;
        Assert.Equal(a.Select(t => t.Members), b.Select(t => t.Members));
        Assert.Equal(a.Select(t => t.Members), more.Take(41).Select(t => t.Members)); // each member has its own stream
        Assert.NotEqual(a.Skip(1).Select(t => t.Members), other.Skip(1).Select(t => t.Members));
    }
}
