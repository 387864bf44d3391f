using Neurotag.Core.Rate;
using Neurotag.Core.Recording;
using Neurotag.Core.Specs;

namespace Neurotag.Core.Tests.Rate.Plasticity;

/// <summary>
/// Heterosynaptic depression: after the rule's update, w_ij ← max(w_min, w_ij·(1 − h·P_j/W_j)), with P_j the summed
/// positive change of row j in the step and W_j its sum after the update. Checked against a naive double-precision
/// reference, for exact conservation of the row sum at h = 1, and for competition (the more active input wins).
/// </summary>
public sealed class HeterosynapticTests
{
    [Fact]
    public void Heterosynaptic_MatchesANaiveReference_StepByStep()
    {
        // 5 pre → 3 post Hebbian (η = 3/s, dt = 1 ms, w_max = 0.3 so some weights hit the bound), h = 0.7.
        const double eta = 3, dtS = 0.001, h = 0.7, max = 0.3;
        var spec = WithHeterosynaptic(
            new SpecBuilder()
                .Population("pre", 5, tauMs: 5, activation: Activation.Sigmoid)
                .Population("post", 3, tauMs: 5, activation: Activation.Sigmoid)
                .TagRange("a", "pre", 0, 2)
                .Input("drive", "a", 3.0, targetIsTag: true)
                .Input("post-drive", "post", 2.0)
                .Projection("ff", "pre", "post", new WeightSpec(new UniformDistribution(0.05, 0.25), 0, max), plasticity: new PlasticitySpec(PlasticityRule.Hebbian, eta, null, null, 0))
                .Phase("learn", 200, inputs: ["drive", "post-drive"])
                .Build(),
            h);
        var simulator = new RateSimulator(spec);
        var inputs = simulator.Network.Inputs.ToArray();
        var p = simulator.Network.Projections[0];
        var pre = simulator.Network.Populations[0];
        var post = simulator.Network.Populations[1];
        double[] reference = p.Weights.Select(w => (double)w).ToArray();

        for (int step = 0; step < 200; step++)
        {
            // The rule uses the rates at the start of the step.
            double[] x = pre.Rate.Select(r => (double)r).ToArray();
            double[] y = post.Rate.Select(r => (double)r).ToArray();
            for (int j = 0; j < 3; j++)
            {
                double potentiation = 0, total = 0;
                var updated = new double[5];
                for (int i = 0; i < 5; i++)
                {
                    double w0 = reference[(j * 5) + i];
                    updated[i] = Math.Clamp(w0 + (eta * dtS * y[j] * x[i]), 0, max);
                    potentiation += Math.Max(0, updated[i] - w0);
                    total += updated[i];
                }

                for (int i = 0; i < 5; i++)
                {
                    reference[(j * 5) + i] = potentiation > 0 ? Math.Max(0, updated[i] * (1 - (h * potentiation / total))) : updated[i];
                }
            }

            simulator.Step(inputs, learning: true);
        }

        // Float vs double over 200 steps: relative drift ≤ 1e-5 (float epsilon 1.2e-7 per operation).
        for (int k = 0; k < reference.Length; k++)
        {
            Assert.True(Math.Abs(p.Weights[k] - reference[k]) <= 1e-5 * Math.Max(reference[k], 1e-3), $"synapse {k}: {p.Weights[k]} vs reference {reference[k]}");
        }

        Assert.Contains(p.Weights, w => w > 0.26f); // learning happened
    }

    [Fact]
    public void Heterosynaptic_WithRateOne_ConservesEveryRowSum()
    {
        // Hebbian without decay only potentiates, and w_min = 0 never binds (the factor 1 − P/W ≥ 0), so
        // Σ_i w_ij after = W − P = Σ_i w_ij before: exact up to float rounding (tolerance 1e-5 relative).
        var spec = WithHeterosynaptic(Competition(), 1.0);
        var simulator = new RateSimulator(spec);
        var p = simulator.Network.Projections[0];
        var inputs = simulator.Network.Inputs.ToArray();
        double[] initial = Enumerable.Range(0, 6).Select(j => RowSum(p.Weights, j)).ToArray();

        for (int step = 1; step <= 1000; step++)
        {
            simulator.Step(inputs, learning: true);
            if (step % 100 == 0)
            {
                for (int j = 0; j < 6; j++)
                {
                    Assert.True(Math.Abs(RowSum(p.Weights, j) - initial[j]) <= 1e-5 * initial[j], $"step {step}, row {j}: {RowSum(p.Weights, j)} vs {initial[j]}");
                }
            }
        }
    }

    [Fact]
    public void Heterosynaptic_WhenOneInputIsMoreActive_ItWinsTheSharedNeuron()
    {
        // Tags A = {0..3} (strong drive) and B = {2..5} (weak) share {2, 3}. A's exclusive members fire more, so the
        // shared neurons' synapses from A potentiate more; the depression they trigger pushes B's below their start.
        const double w0 = 0.2;
        var simulator = new RateSimulator(WithHeterosynaptic(Competition(), 1.0));
        var sink = new MemoryRecordSink();

        simulator.Run(sink);

        var p = simulator.Network.Projections[0];
        double W(int post, int pre) => p.Weights[(post * 6) + pre];
        foreach (int shared in new[] { 2, 3 })
        {
            Assert.True(W(shared, 0) > w0 && W(shared, 1) > w0, $"neuron {shared}: synapses from A's exclusive members did not grow");
            Assert.True(W(shared, 4) < w0 && W(shared, 5) < w0, $"neuron {shared}: synapses from B's exclusive members did not shrink");
        }

        var last = sink.Tags.Where(s => s.TimeMs == 1000).ToList();
        Assert.Equal(1.0, Assert.Single(last, s => s is { Tag: "A", Metric: "ownership", Other: "B" }).Value);
    }

    [Fact]
    public void Heterosynaptic_WithRateZero_IsBitIdenticalToNone()
    {
        var with = new RateSimulator(WithHeterosynaptic(Competition(), 0.0));
        var without = new RateSimulator(Competition());

        with.Run(new MemoryRecordSink());
        without.Run(new MemoryRecordSink());

        Assert.Equal(without.Network.Projections[0].Weights, with.Network.Projections[0].Weights);
    }

    /// <summary>6 sigmoid units, A = {0..3} strongly and B = {2..5} weakly driven, Hebbian recurrent weights 0.2.</summary>
    private static SimulationSpec Competition() =>
        new SpecBuilder()
            .Population("cortex", 6, tauMs: 10, activation: Activation.Sigmoid, gain: 2, threshold: 1)
            .TagRange("A", "cortex", 0, 3)
            .TagRange("B", "cortex", 2, 5)
            .Input("strong", "A", 2.0, targetIsTag: true)
            .Input("weak", "B", 0.5, targetIsTag: true)
            .Projection("recurrent", "cortex", "cortex", new WeightSpec(new ConstantDistribution(0.2), 0, 1), plasticity: new PlasticitySpec(PlasticityRule.Hebbian, 5, null, null, 0))
            .Phase("learn", 1000, inputs: ["strong", "weak"])
            .Record(100, [TagMetric.Ownership])
            .Build();

    private static SimulationSpec WithHeterosynaptic(SimulationSpec spec, double h) =>
        spec with { Projections = [spec.Projections[0] with { Heterosynaptic = new HeterosynapticSpec(h) }] };

    private static double RowSum(float[] w, int row)
    {
        double sum = 0;
        for (int i = 0; i < 6; i++)
        {
            sum += w[(row * 6) + i];
        }

        return sum;
    }
}
