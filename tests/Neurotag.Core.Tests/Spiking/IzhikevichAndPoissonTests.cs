using Neurotag.Core.Recording;
using Neurotag.Core.Specs;
using Neurotag.Core.Spiking;

namespace Neurotag.Core.Tests.Spiking;

/// <summary>Izhikevich (2003) neurons against a naive double-precision Euler integration written here; Poisson phases.</summary>
public sealed class IzhikevichAndPoissonTests
{
    [Theory]
    [InlineData(0.02, 0.2, -65, 8, 10)]   // regular spiking
    [InlineData(0.1, 0.2, -65, 2, 10)]    // fast spiking
    [InlineData(0.02, 0.2, -50, 2, 15)]   // chattering
    public void SpikeTimes_MatchANaiveEulerIntegration(double a, double b, double c, double d, double input)
    {
        const double dt = 0.1;
        const int steps = 5000; // 500 ms
        var neuron = new IzhikevichNeuronSpec(a, b, c, d, 30, input, 5, 10, new ConstantDistribution(-65), null);
        var sim = new SpikingSimulator(SpikingSpecs.Spec([new PopulationSpec("n", 1, neuron)], [], [SpikingSpecs.Phase("run", steps)]));
        var actual = new List<int>();
        for (int k = 1; k <= steps; k++)
        {
            sim.Step(learning: false);
            if (sim.Network.Populations[0].SpikeCount > 0)
            {
                actual.Add(k);
            }
        }

        var expected = new List<int>();
        double v = -65, u = b * -65;
        for (int k = 1; k <= steps; k++)
        {
            double dv = (0.04 * v * v) + (5 * v) + 140 - u + input;
            double du = a * ((b * v) - u);
            v += dt * dv;
            u += dt * du;
            if (v >= 30)
            {
                v = c;
                u += d;
                expected.Add(k);
            }
        }

        // float32 state against double: the first spike within a step; later spikes drift slowly, so the count and
        // the mean inter-spike interval are compared (within one spike and 1 %).
        Assert.True(expected.Count >= 3, "the naive model should spike");
        Assert.InRange(actual[0], expected[0] - 1, expected[0] + 1);
        Assert.InRange(actual.Count, expected.Count - 1, expected.Count + 1);
        double isi = (double)(actual[^1] - actual[0]) / (actual.Count - 1);
        double expectedIsi = (double)(expected[^1] - expected[0]) / (expected.Count - 1);
        Assert.InRange(isi, expectedIsi * 0.99, expectedIsi * 1.01);
    }

    [Fact]
    public void PoissonRateSetToZero_SilencesTheSourceFromThatPhase()
    {
        var phases = new[]
        {
            SpikingSpecs.Phase("on", 5000),
            new PhaseSpec("off", 0, 5000, false, [], [], false, [new ParameterSet("src", "rate", 0)]),
            new PhaseSpec("again", 0, 5000, false, [], [], false, [new ParameterSet("src", "rate", 40)]),
        };
        var spec = SpikingSpecs.Spec([new PopulationSpec("src", 500, new PoissonNeuronSpec(20))], [], phases);
        var sink = new MemoryRecordSink();
        new SpikingSimulator(spec).Run(sink);
        double Mean(string phase) => sink.Summary.Single(r => r.Phase == phase && r.Metric == "rate").Value;
        Assert.InRange(Mean("on"), 17, 23);      // 500 trains × 0.5 s at 20 Hz: 5000 spikes, sd ≈ 71 (±15 % is > 10 sd)
        Assert.Equal(0, Mean("off"));
        Assert.InRange(Mean("again"), 36, 44);
    }

    [Fact]
    public void PoissonInput_IsOnlyOnInItsPhases()
    {
        var neuron = SpikingSpecs.Lif();
        var input = new PoissonInputSpec("drive", "n", false, 100, 2, 1, false);
        var phases = new[] { SpikingSpecs.Phase("quiet", 1000), SpikingSpecs.Phase("driven", 1000, "drive") };
        var spec = SpikingSpecs.Spec([new PopulationSpec("n", 50, neuron)], [], phases, inputs: [input],
            record: new RecordSpec(1000, [], true, null) { State = new StateRecordSpec("n", "ge", 0, 49, 1000) });
        var sink = new MemoryRecordSink();
        new SpikingSimulator(spec).Run(sink);
        Assert.All(sink.States.Where(s => s.TimeMs <= 100), s => Assert.Equal(0, s.Value));
        // Driven: g_e ≈ rate·w·τ_e = 0.1/ms · 2 nS · 5 ms = 1 nS on average over 50 neurons.
        double mean = sink.States.Where(s => s.TimeMs > 100).Average(s => s.Value);
        Assert.InRange(mean, 0.5, 1.5);
    }
}
