using Neurotag.Core.Rate;
using Neurotag.Core.Recording;
using Neurotag.Core.Specs;

namespace Neurotag.Core.Tests.Rate.Plasticity;

/// <summary>
/// <c>scope: neuron</c>: normalization per post and heterosynaptic depression take a postsynaptic neuron's sums over
/// every projection of its pool (issue #14), checked against a naive double-precision implementation written here,
/// and against the per-projection path when the pool has a single member.
/// </summary>
public sealed class NeuronScopeTests
{
    private const int PreA = 3, PreB = 4, Post = 2;

    [Fact]
    public void NormalizeScopeNeuron_OneEvent_MatchesANaivePooledRescaling()
    {
        // η = 0: the rule leaves the weights alone, so the only change of the first step is the normalization event.
        const double total = 1.5;
        var spec = Pool(eta: 0, normalization: new NormalizationSpec(NormalizePer.Post, total, 1) { Scope = CompetitionScope.Neuron });
        var simulator = new RateSimulator(spec);
        var (a, b) = (simulator.Network.Projections[0], simulator.Network.Projections[1]);
        double[] wa = [.. a.Weights.Select(w => (double)w)], wb = [.. b.Weights.Select(w => (double)w)];

        simulator.Step(simulator.Network.Inputs.ToArray(), learning: true);

        for (int j = 0; j < Post; j++)
        {
            double sum = Enumerable.Range(0, PreA).Sum(i => wa[(j * PreA) + i]) + Enumerable.Range(0, PreB).Sum(i => wb[(j * PreB) + i]);
            double factor = total / sum;
            // One float product per weight: relative 2^-24, tolerance 1e-6 relative.
            for (int i = 0; i < PreA; i++)
            {
                Assert.Equal(wa[(j * PreA) + i] * factor, a.Weights[(j * PreA) + i], 1e-6);
            }

            for (int i = 0; i < PreB; i++)
            {
                Assert.Equal(wb[(j * PreB) + i] * factor, b.Weights[(j * PreB) + i], 1e-6);
            }

            // The pooled total is exact; each projection's own share is not the total (so this is not per projection).
            double after = RowSum(a.Weights, j, PreA) + RowSum(b.Weights, j, PreB);
            Assert.Equal(total, after, 1e-5);
            Assert.True(Math.Abs(RowSum(a.Weights, j, PreA) - total) > 0.1, "a's row alone must not be rescaled to the total");
        }
    }

    [Fact]
    public void HeterosynapticScopeNeuron_MatchesANaivePooledReference_StepByStep()
    {
        // Hebbian η = 3/s on both projections, h = 0.7 over the pool. Potentiation comes from the driven inputs of
        // either projection and depresses all of the neuron's inputs in both.
        const double eta = 3, dtS = 0.001, h = 0.7, max = 0.3;
        var spec = Pool(eta: eta, heterosynaptic: new HeterosynapticSpec(h) { Scope = CompetitionScope.Neuron }, max: max);
        var simulator = new RateSimulator(spec);
        var inputs = simulator.Network.Inputs.ToArray();
        var (a, b) = (simulator.Network.Projections[0], simulator.Network.Projections[1]);
        var (preA, preB, post) = (simulator.Network.Populations[0], simulator.Network.Populations[1], simulator.Network.Populations[2]);
        double[] wa = [.. a.Weights.Select(w => (double)w)], wb = [.. b.Weights.Select(w => (double)w)];

        for (int step = 0; step < 200; step++)
        {
            double[] xa = [.. preA.Rate.Select(r => (double)r)], xb = [.. preB.Rate.Select(r => (double)r)], y = [.. post.Rate.Select(r => (double)r)];
            for (int j = 0; j < Post; j++)
            {
                double potentiation = 0, sum = 0;
                Learn(wa, xa, j, PreA);
                Learn(wb, xb, j, PreB);
                double factor = potentiation > 0 ? 1 - (h * potentiation / sum) : 1;
                for (int i = 0; i < PreA; i++)
                {
                    wa[(j * PreA) + i] = Math.Max(0, wa[(j * PreA) + i] * factor);
                }

                for (int i = 0; i < PreB; i++)
                {
                    wb[(j * PreB) + i] = Math.Max(0, wb[(j * PreB) + i] * factor);
                }

                void Learn(double[] w, double[] x, int row, int n)
                {
                    for (int i = 0; i < n; i++)
                    {
                        double before = w[(row * n) + i];
                        w[(row * n) + i] = Math.Clamp(before + (eta * dtS * y[row] * x[i]), 0, max);
                        potentiation += Math.Max(0, w[(row * n) + i] - before);
                        sum += w[(row * n) + i];
                    }
                }
            }

            simulator.Step(inputs, learning: true);
        }

        // Float vs double over 200 steps: relative drift ≤ 1e-5 (float epsilon 1.2e-7 per operation).
        for (int k = 0; k < wa.Length; k++)
        {
            Assert.True(Math.Abs(a.Weights[k] - wa[k]) <= 1e-5 * Math.Max(wa[k], 1e-3), $"a[{k}]: {a.Weights[k]} vs reference {wa[k]}");
        }

        for (int k = 0; k < wb.Length; k++)
        {
            Assert.True(Math.Abs(b.Weights[k] - wb[k]) <= 1e-5 * Math.Max(wb[k], 1e-3), $"b[{k}]: {b.Weights[k]} vs reference {wb[k]}");
        }

        // Cross-projection: b's undriven inputs (b's pre is driven weakly) lost weight to a's potentiation.
        Assert.Contains(a.Weights, w => w > 0.26f);
    }

    [Fact]
    public void ScopeNeuron_WithAPoolOfOne_IsBitIdenticalToScopeProjection()
    {
        var hetero = new HeterosynapticSpec(0.7);
        var normalize = new NormalizationSpec(NormalizePer.Post, 0.9, 5);
        var perProjection = Single(hetero, normalize);
        var perNeuron = Single(hetero with { Scope = CompetitionScope.Neuron }, normalize with { Scope = CompetitionScope.Neuron });

        var x = new RateSimulator(perProjection);
        var y = new RateSimulator(perNeuron);
        x.Run(new MemoryRecordSink());
        y.Run(new MemoryRecordSink());

        Assert.Equal(x.Network.Projections[0].Weights, y.Network.Projections[0].Weights);
        Assert.NotEqual(0.2f, x.Network.Projections[0].Weights[1]); // something happened
    }

    /// <summary>Pre populations a (3) and b (4), strongly and weakly driven, onto 2 sigmoid post units, Hebbian on both.</summary>
    private static SimulationSpec Pool(double eta, NormalizationSpec? normalization = null, HeterosynapticSpec? heterosynaptic = null, double max = 5)
    {
        var spec = new SpecBuilder()
            .Population("a", PreA, tauMs: 5, activation: Activation.Sigmoid)
            .Population("b", PreB, tauMs: 5, activation: Activation.Sigmoid)
            .Population("post", Post, tauMs: 5, activation: Activation.Sigmoid)
            .Input("da", "a", 3.0)
            .Input("db", "b", -1.0)
            .Input("dp", "post", 2.0)
            .Projection("pa", "a", "post", new WeightSpec(new UniformDistribution(0.05, 0.25), 0, max), plasticity: new PlasticitySpec(PlasticityRule.Hebbian, eta, null, null, 0), normalization: normalization)
            .Projection("pb", "b", "post", new WeightSpec(new UniformDistribution(0.05, 0.25), 0, max), plasticity: new PlasticitySpec(PlasticityRule.Hebbian, eta, null, null, 0), normalization: normalization)
            .Phase("learn", 200, inputs: ["da", "db", "dp"])
            .Build();
        return spec with { Projections = [.. spec.Projections.Select(p => p with { Heterosynaptic = heterosynaptic })] };
    }

    private static SimulationSpec Single(HeterosynapticSpec hetero, NormalizationSpec normalize)
    {
        var spec = new SpecBuilder()
            .Population("cortex", 6, tauMs: 10, activation: Activation.Sigmoid, gain: 2, threshold: 1)
            .TagRange("A", "cortex", 0, 3)
            .Input("a", "A", 3.0, targetIsTag: true)
            .Projection("rec", "cortex", "cortex", new WeightSpec(new ConstantDistribution(0.2), 0, 1), plasticity: new PlasticitySpec(PlasticityRule.Hebbian, 2, null, null, 0), normalization: normalize)
            .Phase("learn", 300, inputs: ["a"])
            .Build();
        return spec with { Projections = [spec.Projections[0] with { Heterosynaptic = hetero }] };
    }

    private static double RowSum(float[] w, int row, int n)
    {
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            sum += w[(row * n) + i];
        }

        return sum;
    }
}
