using Neurotag.Core.Rate;
using Neurotag.Core.Rate.Drives;
using Neurotag.Core.Specs;

namespace Neurotag.Core.Tests.Rate.Drives;

public class PatternsDriveTests
{
    private static SimulationSpec RandomPatterns(PatternOrder order, ulong seed = 1, double fraction = 1.0, int count = 5, double sparsity = 0.2, long hold = 7, long gap = 0) =>
        new SpecBuilder()
            .Seed(seed)
            .Population("sensory", 100)
            .Input("stimuli", "sensory", 1.5, fraction: fraction)
            .Phase("show", 200, inputs: ["stimuli"])
            .Build() is var spec
            ? spec with { Inputs = [spec.Inputs[0] with { Kind = InputKind.Patterns, Patterns = new PatternSetSpec(count, [], sparsity, hold, order) { GapSteps = gap } }] }
            : throw new InvalidOperationException();

    /// <summary>Runs <paramref name="steps"/> steps and returns, per step, the set of neurons whose input is nonzero and the pattern index.</summary>
    private static List<(int[] Driven, int Pattern)> Drive(RateSimulator simulator, int steps)
    {
        var drive = (PatternsDrive)simulator.Network.Inputs[0];
        var population = simulator.Network.Populations[0];
        var shown = new List<(int[], int)>();
        for (int s = 0; s < steps; s++)
        {
            simulator.Step([drive], learning: false);
            shown.Add((Enumerable.Range(0, population.Size).Where(i => population.Input[i] != 0).ToArray(), drive.CurrentPattern));
        }

        return shown;
    }

    [Fact]
    public void EachPresentation_DrivesExactlyThePatternsNeurons_WithTheAmplitude_ForTheHoldTime()
    {
        var simulator = new RateSimulator(RandomPatterns(PatternOrder.Cycle));
        var drive = (PatternsDrive)simulator.Network.Inputs[0];
        var population = simulator.Network.Populations[0];
        for (int s = 0; s < 70; s++)
        {
            simulator.Step([drive], learning: false);
            int expected = s / 7 % 5; // hold 7 steps, cycle over 5 patterns
            Assert.Equal(expected, drive.CurrentPattern);
            var pattern = drive.Patterns[expected];
            for (int i = 0; i < population.Size; i++)
            {
                Assert.Equal(pattern.Contains(i) ? 1.5f : 0f, population.Input[i]);
            }
        }
    }

    [Fact]
    public void RandomPatterns_HaveTheSparsity_AndDiffer()
    {
        var drive = (PatternsDrive)new RateSimulator(RandomPatterns(PatternOrder.Cycle, sparsity: 0.23)).Network.Inputs[0];
        Assert.All(drive.Patterns, p => Assert.Equal(23, p.Distinct().Count())); // round(0.23 · 100)
        Assert.All(drive.Patterns, p => Assert.All(p, i => Assert.InRange(i, 0, 99)));
        // Five independent draws of 23 of 100: expected overlap 5.3, so no two are identical.
        for (int a = 0; a < 5; a++)
        {
            for (int b = a + 1; b < 5; b++)
            {
                Assert.NotEqual(drive.Patterns[a], drive.Patterns[b]);
            }
        }
    }

    [Fact]
    public void RandomOrder_ShowsEveryPatternOncePerBlock_AndIsNotTheCycle()
    {
        var shown = Drive(new RateSimulator(RandomPatterns(PatternOrder.Random, hold: 1)), 200).Select(s => s.Pattern).ToArray();
        for (int block = 0; block < 40; block++)
        {
            Assert.Equal([0, 1, 2, 3, 4], shown.Skip(block * 5).Take(5).Order());
        }

        Assert.NotEqual(Enumerable.Range(0, 200).Select(s => s % 5), shown); // 40 shuffles all equal to identity: p = 120^-40
    }

    [Theory]
    [InlineData(PatternOrder.Cycle)]
    [InlineData(PatternOrder.Random)]
    public void SameSeed_SamePatternsAndOrder_OtherSeed_Differs(PatternOrder order)
    {
        var a = Drive(new RateSimulator(RandomPatterns(order, seed: 5)), 120);
        var b = Drive(new RateSimulator(RandomPatterns(order, seed: 5)), 120);
        var c = Drive(new RateSimulator(RandomPatterns(order, seed: 6)), 120);
        Assert.Equal(a.Select(x => x.Pattern), b.Select(x => x.Pattern));
        Assert.Equal(a.SelectMany(x => x.Driven), b.SelectMany(x => x.Driven));
        Assert.NotEqual(a.SelectMany(x => x.Driven), c.SelectMany(x => x.Driven));
    }

    [Fact]
    public void Fraction_DrivesAFixedPartOfEachPattern()
    {
        var full = (PatternsDrive)new RateSimulator(RandomPatterns(PatternOrder.Cycle, sparsity: 0.2)).Network.Inputs[0];
        var part = (PatternsDrive)new RateSimulator(RandomPatterns(PatternOrder.Cycle, sparsity: 0.2, fraction: 0.25)).Network.Inputs[0];
        for (int k = 0; k < 5; k++)
        {
            Assert.Equal(5, part.Patterns[k].Length); // round(0.25 · 20)
            Assert.Subset(full.Patterns[k].ToHashSet(), part.Patterns[k].ToHashSet());
        }
    }

    [Fact]
    public void TagPatterns_AreTheTagsMembers_InListOrder()
    {
        var spec = new SpecBuilder()
            .Population("sensory", 60)
            .Tag("a", "sensory", 10)
            .Tag("b", "sensory", 15)
            .Input("stimuli", "sensory", 1.0)
            .Phase("show", 10, inputs: ["stimuli"])
            .Build();
        spec = spec with { Inputs = [spec.Inputs[0] with { Kind = InputKind.Patterns, Patterns = new PatternSetSpec(0, ["b", "a"], 0, 1, PatternOrder.Cycle) }] };
        var simulator = new RateSimulator(spec);
        var drive = (PatternsDrive)simulator.Network.Inputs[0];
        Assert.Equal(simulator.Network.Tags[1].Members, drive.Patterns[0]);
        Assert.Equal(simulator.Network.Tags[0].Members, drive.Patterns[1]);
    }

    [Fact]
    public void PatternClock_RunsOnlyWhileTheInputIsOn()
    {
        // Hold 4: steps 0-3 show pattern 0; the input is then off for 10 steps; its next step is step 4 of its own clock (pattern 1).
        var simulator = new RateSimulator(RandomPatterns(PatternOrder.Cycle, hold: 4));
        var drive = (PatternsDrive)simulator.Network.Inputs[0];
        for (int s = 0; s < 4; s++)
        {
            simulator.Step([drive], learning: false);
        }

        for (int s = 0; s < 10; s++)
        {
            simulator.Step([], learning: false);
        }

        simulator.Step([drive], learning: false);
        Assert.Equal(1, drive.CurrentPattern);
        Assert.Equal(5, drive.StepsApplied);
    }

    [Fact]
    public void Describe_NamesCountSizeAmplitudeOrderAndHold()
    {
        var drive = new RateSimulator(RandomPatterns(PatternOrder.Random, sparsity: 0.2)).Network.Inputs[0];
        Assert.Equal("patterns (5 × 20 neurons, amplitude 1.5, random order, 7 steps each)", drive.Describe());
    }

    [Fact]
    public void Gap_BlanksTheInputAfterEachPresentation_AndDelaysTheNext()
    {
        // hold 3 + gap 2: steps 0-2 pattern 0, 3-4 nothing, 5-7 pattern 1, 8-9 nothing, ...
        var simulator = new RateSimulator(RandomPatterns(PatternOrder.Cycle, hold: 3, gap: 2));
        var drive = (PatternsDrive)simulator.Network.Inputs[0];
        var shown = Drive(simulator, 30);
        for (int s = 0; s < 30; s++)
        {
            bool blank = s % 5 >= 3;
            Assert.Equal(blank ? -1 : s / 5 % 5, shown[s].Pattern);
            Assert.Equal(blank ? [] : drive.Patterns[s / 5 % 5], shown[s].Driven);
        }

        Assert.EndsWith("7 steps each)", new RateSimulator(RandomPatterns(PatternOrder.Cycle)).Network.Inputs[0].Describe(), StringComparison.Ordinal);
        Assert.EndsWith("3 steps each + 2 blank)", drive.Describe(), StringComparison.Ordinal);
    }
}
