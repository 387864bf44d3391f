using Neurotag.Core.Randomness;
using Neurotag.Core.Rate;
using Neurotag.Core.Specs;

namespace Neurotag.Core.Tests.Rate;

/// <summary>
/// k-winners-take-all: each step exactly k neurons integrate (the k largest drives I − θ, ties to the lower index)
/// and the others are silenced. Checked against a naive sort-based selection.
/// </summary>
public sealed class KWinnersTakeAllTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(30)]
    public void Kwta_ExactlyKNeuronsAreActive_TheKMostDriven(int k)
    {
        const int size = 30;
        var simulator = new RateSimulator(Spec(size, k, activation: Activation.Sigmoid));
        var population = simulator.Network.Populations[0];
        var random = new RandomSource(99);

        for (int trial = 0; trial < 20; trial++)
        {
            for (int i = 0; i < size; i++)
            {
                population.Input[i] = (float)random.NextNormal();
                population.Threshold[i] = (float)(0.2 * random.NextNormal());
            }

            population.Integrate();

            // Naive reference: order by drive descending, then index ascending; take k.
            var expected = Enumerable.Range(0, size)
                .OrderByDescending(i => population.Input[i] - population.Threshold[i])
                .ThenBy(i => i)
                .Take(k)
                .ToHashSet();
            var active = Enumerable.Range(0, size).Where(i => population.Rate[i] > 0f).ToHashSet();
            Assert.Equal(expected.Order(), active.Order());
        }
    }

    [Fact]
    public void Kwta_Ties_GoToTheLowerIndices()
    {
        var simulator = new RateSimulator(Spec(10, 4, activation: Activation.Sigmoid));
        var population = simulator.Network.Populations[0];
        float[] drive = [0.1f, 0.5f, 0.5f, 0.2f, 0.5f, 0.5f, 0.5f, 0.0f, 0.9f, 0.5f];
        drive.CopyTo(population.Input, 0);

        population.Integrate();

        // 0.9 wins outright; 0.5 is the k-th value, held by 1, 2, 4, 5, 6, 9: the three lowest of them win.
        Assert.Equal([1, 2, 4, 8], Enumerable.Range(0, 10).Where(i => population.Rate[i] > 0f));
    }

    [Fact]
    public void Kwta_InASimulation_KeepsExactlyKActiveEveryStep_AndLosersAtZero()
    {
        // A linear population driven with distinct amplitudes through five inputs on overlapping ranges.
        var builder = new SpecBuilder().Population("cortex", 20, tauMs: 5, activation: Activation.Relu);
        for (int n = 0; n < 5; n++)
        {
            builder.TagRange("t" + n, "cortex", n * 3, (n * 3) + 5).Input("in" + n, "t" + n, 0.3 + (0.1 * n), targetIsTag: true);
        }

        var spec = builder.Phase("run", 50, inputs: ["in0", "in1", "in2", "in3", "in4"]).Build();
        spec = spec with { Populations = [spec.Populations[0] with { Kwta = 6 }] };
        var simulator = new RateSimulator(spec);
        var inputs = simulator.Network.Inputs.ToArray();
        var population = simulator.Network.Populations[0];

        for (int step = 0; step < 50; step++)
        {
            simulator.Step(inputs, learning: false);
            Assert.Equal(6, population.Rate.Count(r => r > 0f));
        }

        // Drives: 12..14 get in3 + in4 = 1.3, 9..11 get in2 + in3 = 1.1, the rest at most 0.9: 9..14 win.
        Assert.Equal(Enumerable.Range(9, 6), Enumerable.Range(0, 20).Where(i => population.Rate[i] > 0f));
    }

    private static SimulationSpec Spec(int size, int k, Activation activation)
    {
        var spec = new SpecBuilder().Population("cortex", size, tauMs: 5, activation: activation).Phase("run", 1).Build();
        return spec with { Populations = [spec.Populations[0] with { Kwta = k }] };
    }
}
