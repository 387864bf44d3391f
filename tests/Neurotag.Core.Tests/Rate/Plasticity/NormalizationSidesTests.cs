using Neurotag.Core.Rate;
using Neurotag.Core.Rate.Drives;
using Neurotag.Core.Recording;
using Neurotag.Core.Specs;

namespace Neurotag.Core.Tests.Rate.Plasticity;

/// <summary>
/// Normalization per pre (each presynaptic neuron's outgoing total) and per both (Sinkhorn–Knopp alternation ending
/// with a post pass): the totals are conserved after every event, and the more active target wins a presynaptic
/// neuron's output. Sums are taken in double over float weights; float rescaling of ≤ 12 terms is exact to a few
/// ulps, so the tolerance is 1e-6 relative for the exact side and 1e-5 (the documented stopping tolerance) for the
/// pre side of <c>both</c>.
/// </summary>
public sealed class NormalizationSidesTests
{
    private const int Pre = 12;
    private const int Post = 6;

    [Fact]
    public void PerPre_AfterEveryEvent_EachPresynapticNeuronsOutgoingWeightsSumToTotal()
    {
        const double total = 0.8;
        var (simulator, inputs) = Build(NormalizePer.Pre, total, every: 3, connectivity: new ConnectivitySpec(ConnectivityRule.FixedProbability, 0.6, 0, false));
        var projection = simulator.Network.Projections[0];

        for (long step = 1; step <= 30; step++)
        {
            simulator.Step(inputs, learning: true);
            if (step % 3 == 0)
            {
                for (int i = 0; i < Pre; i++)
                {
                    double sum = ColumnSum(projection, i);
                    Assert.True(sum == 0 || Math.Abs(sum - total) <= 1e-6 * total, $"step {step}, pre {i}: Σw = {sum:R}");
                }
            }
        }

        AssertAbsentStayZero(projection);
    }

    [Theory]
    [InlineData(ConnectivityRule.AllToAll, 1.0)]
    [InlineData(ConnectivityRule.FixedProbability, 0.7)]
    public void PerBoth_AfterEveryEvent_RowsAreExact_AndColumnsWithinTolerance(ConnectivityRule rule, double p)
    {
        const double total = 1.2;
        var (simulator, inputs) = Build(NormalizePer.Both, total, every: 5, connectivity: new ConnectivitySpec(rule, p, 0, false));
        var projection = simulator.Network.Projections[0];
        var normalization = simulator.Network.Normalizations[0]!;
        double preTotal = total * Post / Pre; // Σ rows = Σ columns forces the column target

        Assert.Equal(preTotal, normalization.PreTotal, 12);
        for (long step = 1; step <= 50; step++)
        {
            simulator.Step(inputs, learning: true);
            if (step % 5 != 0)
            {
                continue;
            }

            Assert.InRange(normalization.LastIterations, 1, NormalizationSpec.DefaultIterations - 1); // converged before the cap
            for (int j = 0; j < Post; j++)
            {
                double sum = RowSum(projection, j);
                Assert.True(Math.Abs(sum - total) <= 1e-6 * total, $"step {step}, post {j}: Σw = {sum:R}");
            }

            for (int i = 0; i < Pre; i++)
            {
                double sum = ColumnSum(projection, i);
                Assert.True(sum == 0 || Math.Abs(sum - preTotal) <= 2e-5 * preTotal, $"step {step}, pre {i}: Σw = {sum:R}, target {preTotal:R}");
            }
        }

        AssertAbsentStayZero(projection);
    }

    [Fact]
    public void PerBoth_WithoutTotalSupport_StopsAtTheIterationCap_WithRowsStillExact()
    {
        // 2 × 2 with synapses pre0→post0, pre1→post0, pre0→post1 (pre1→post1 absent). Rows = 1 and columns = 1 would
        // need w(pre0→post1) = 1 and so w(pre0→post0) = 0: no positive scaling reaches it, Sinkhorn does not converge,
        // the event stops after `iterations` rounds, and the final post pass leaves the rows exact.
        var spec = new SpecBuilder()
            .Population("pre", 2, tauMs: 5)
            .Population("post", 2, tauMs: 5)
            .Projection(
                "ff",
                "pre",
                "post",
                new WeightSpec(new ConstantDistribution(0.5), 0, 10),
                plasticity: new PlasticitySpec(PlasticityRule.Hebbian, 0, null, null, 0),
                normalization: new NormalizationSpec(NormalizePer.Both, 1.0, 1) { Iterations = 7 })
            .Phase("learn", 1)
            .Build();
        var simulator = new RateSimulator(spec);
        var projection = simulator.Network.Projections[0];
        projection.Mask = [1f, 1f, 1f, 0f]; // no synapse post1 ← pre1
        projection.Weights[3] = 0f;

        simulator.Step([], learning: true);

        Assert.Equal(7, simulator.Network.Normalizations[0]!.LastIterations);
        Assert.Equal(1.0, projection.Weights[0] + projection.Weights[1], 1e-6);
        Assert.Equal(1.0, projection.Weights[2], 1e-6);
        Assert.Equal(0f, projection.Weights[3]);
    }

    [Fact]
    public void PerPre_WhenOneTargetIsMoreActive_ItWinsThePresynapticNeuronsOutput()
    {
        // 4 equally driven pre neurons onto 2 post neurons; post 0 also receives a strong external drive, post 1 a weak
        // one. Hebbian growth ∝ y, and each pre's outgoing total is conserved, so its synapse onto post 0 grows and
        // the one onto post 1 must fall below its initial value (the start is normalized: 2 · 0.25 = 0.5).
        const double w0 = 0.25;
        var spec = new SpecBuilder()
            .Population("pre", 4, tauMs: 5, activation: Activation.Sigmoid)
            .Population("post", 2, tauMs: 5, activation: Activation.Sigmoid)
            .TagRange("strong", "post", 0, 0)
            .TagRange("weak", "post", 1, 1)
            .Input("drive", "pre", 2.0)
            .Input("high", "strong", 2.0, targetIsTag: true)
            .Input("low", "weak", -1.0, targetIsTag: true)
            .Projection(
                "ff",
                "pre",
                "post",
                new WeightSpec(new ConstantDistribution(w0), 0, 1),
                plasticity: new PlasticitySpec(PlasticityRule.Hebbian, 2, null, null, 0),
                normalization: new NormalizationSpec(NormalizePer.Pre, 2 * w0, 10))
            .Phase("learn", 500, inputs: ["drive", "high", "low"])
            .Build();
        var simulator = new RateSimulator(spec);

        simulator.Run(new MemoryRecordSink());

        var w = simulator.Network.Projections[0].Weights;
        for (int i = 0; i < 4; i++)
        {
            Assert.True(w[i] > w0, $"pre {i} → active post: {w[i]}");
            Assert.True(w[4 + i] < w0, $"pre {i} → quiet post: {w[4 + i]}");
            Assert.Equal(2 * w0, w[i] + w[4 + i], 1e-6);
        }
    }

    private static (RateSimulator RateSimulator, DriveInput[] Inputs) Build(NormalizePer per, double total, long every, ConnectivitySpec connectivity)
    {
        var spec = new SpecBuilder()
            .Population("pre", Pre, tauMs: 5)
            .Population("post", Post, tauMs: 5, activation: Activation.Sigmoid)
            .Input("drive", "pre", 1.0, fraction: 0.5)
            .Projection(
                "ff",
                "pre",
                "post",
                new WeightSpec(new UniformDistribution(0.05, 0.25), 0, 10),
                connectivity: connectivity,
                plasticity: new PlasticitySpec(PlasticityRule.Hebbian, 20, null, null, 0),
                normalization: new NormalizationSpec(per, total, every))
            .Phase("learn", 100, inputs: ["drive"])
            .Build();
        var simulator = new RateSimulator(spec);
        return (simulator, simulator.Network.Inputs.ToArray());
    }

    private static double RowSum(DenseProjection p, int post)
    {
        double sum = 0;
        for (int i = 0; i < p.PreCount; i++)
        {
            sum += p.Weights[(post * p.PreCount) + i];
        }

        return sum;
    }

    private static double ColumnSum(DenseProjection p, int pre)
    {
        double sum = 0;
        for (int j = 0; j < p.PostCount; j++)
        {
            sum += p.Weights[(j * p.PreCount) + pre];
        }

        return sum;
    }

    private static void AssertAbsentStayZero(DenseProjection p)
    {
        for (long k = 0; k < p.Weights.LongLength; k++)
        {
            if (!p.Exists(k))
            {
                Assert.Equal(0f, p.Weights[k]);
            }
        }
    }
}
