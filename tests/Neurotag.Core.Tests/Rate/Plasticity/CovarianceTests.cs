using Neurotag.Core.Kernels;
using Neurotag.Core.Randomness;
using Neurotag.Core.Rate;
using Neurotag.Core.Rate.Drives;
using Neurotag.Core.Rate.Plasticity;
using Neurotag.Core.Specs;
using static Neurotag.Core.Tests.Rate.Plasticity.RuleTestKit;

namespace Neurotag.Core.Tests.Rate.Plasticity;

/// <summary>
/// The covariance rule, dw_i/dt = η·(x_i − ⟨x_i⟩)·(y − ⟨y⟩) (Sejnowski 1977), with running means
/// ⟨x⟩ ← x + (⟨x⟩ − x)·e^{−dt/τ_mean} advanced after each step's update and started at the first learning step's rates.
/// </summary>
public sealed class CovarianceTests
{
    private const double DtMs = 1;

    /// <summary>
    /// x_t i.i.d. uniform on [0, 1) (variance σ² = 1/12) and y_t = x_t (ρ = 1), 1 − x_t (ρ = −1) or an independent
    /// uniform draw (ρ = 0). The means at step t average only earlier samples, so they are independent of the current
    /// one and E[(x − ⟨x⟩)(y − ⟨y⟩)] = ρσ²·(1 + (1 − a)/(1 + a)) with a = e^{−dt/τ_mean} (the variance of the running
    /// mean adds to the covariance). Expected change after N steps: η·dt·N·ρσ²·(1 + (1 − a)/(1 + a)) ≈ ±1.68 for
    /// ρ = ±1. Tolerance: the sampling error of N products, 4 standard deviations: for ρ = ±1 the std of (x − μ)² is
    /// 0.0745 (uniform), i.e. 0.6 % of the mean over 20 000 steps → 5 %; for ρ = 0 the std of one product is σ² → the
    /// change stays within 4·η·dt·√N·σ² ≈ 0.047.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(-1)]
    [InlineData(0)]
    public void Covariance_WithRandomRatesOfKnownCorrelation_ChangesTheWeightByEtaTimesTheCovariance(int rho)
    {
        const double eta = 1.0, tauMeanMs = 100, w0 = 0.0, variance = 1.0 / 12;
        const int steps = 20_000;
        var drive = new DirectDrive(1, 1, Rule(PlasticityRule.Covariance, eta) with { CovarianceTauMeanMs = tauMeanMs }, new WeightSpec(new ConstantDistribution(w0), -100, 100));
        var rng = new RandomSource(21);
        var independent = new RandomSource(22);

        for (int t = 0; t < steps; t++)
        {
            double x = rng.NextDouble();
            double y = rho switch { 1 => x, -1 => 1 - x, _ => independent.NextDouble() };
            drive.Step([x], [y]);
        }

        double a = Math.Exp(-DtMs / tauMeanMs);
        double expected = eta * DtMs / 1000 * steps * rho * variance * (1 + ((1 - a) / (1 + a)));
        double dw = drive.Weights[0] - w0;
        double tolerance = rho == 0 ? 4 * eta * DtMs / 1000 * Math.Sqrt(steps) * variance : 0.05 * Math.Abs(expected);
        Assert.True(Math.Abs(dw - expected) <= tolerance, $"Δw = {dw:R}, expected {expected:R} ± {tolerance:R}");
    }

    /// <summary>
    /// 3 pre → 2 post driven by a random sequence with shared and private components, against a naive double-precision
    /// re-implementation of the documented discretisation (means started at the first sample, used before being
    /// advanced; decay exact; modulation factor 1 + g·m). The simulator keeps weights in float32: each step rounds every
    /// weight once or twice, so after N steps the difference is at most 4·N·u·max|w| (plus the float rounding of the
    /// centred rates and of the coefficient, which are of the same order).
    /// </summary>
    [Fact]
    public void Covariance_WithDecayAndModulation_MatchesANaiveDoublePrecisionReference()
    {
        const double eta = 3.0, tauMeanMs = 50, decayTauMs = 400, rest = 0.1, g = 0.5, level = 2.0;
        const int steps = 3_000, pre = 3, post = 2;
        var spec = new PlasticitySpec(PlasticityRule.Covariance, eta, decayTauMs, "da", g) { CovarianceTauMeanMs = tauMeanMs };
        var drive = new DirectDrive(pre, post, spec, new WeightSpec(new ConstantDistribution(rest), -5, 5));
        drive.Network.Modulators.Levels[0] = level;
        var rng = new RandomSource(31);
        var w = new double[post, pre];
        for (int j = 0; j < post; j++)
        {
            for (int i = 0; i < pre; i++)
            {
                w[j, i] = rest;
            }
        }

        var xMean = new double[pre];
        var yMean = new double[post];
        double aMean = Math.Exp(-DtMs / tauMeanMs), aDecay = Math.Exp(-DtMs / decayTauMs);
        double etaStep = eta * (1 + (g * level)) * DtMs / 1000;
        for (int t = 0; t < steps; t++)
        {
            double shared = rng.NextDouble();
            double[] x = [shared + (0.2 * rng.NextDouble()), 0.5 * rng.NextDouble(), 1 - shared];
            double[] y = [shared, 0.3 + (0.1 * rng.NextDouble())];
            var xf = x.Select(v => (double)(float)v).ToArray(); // the rates the simulator stores
            var yf = y.Select(v => (double)(float)v).ToArray();
            if (t == 0)
            {
                xf.CopyTo(xMean, 0);
                yf.CopyTo(yMean, 0);
            }

            for (int j = 0; j < post; j++)
            {
                for (int i = 0; i < pre; i++)
                {
                    w[j, i] = Math.Clamp((aDecay * w[j, i]) + (rest * (1 - aDecay)) + (etaStep * (yf[j] - yMean[j]) * (xf[i] - xMean[i])), -5, 5);
                }

                yMean[j] = yf[j] + ((yMean[j] - yf[j]) * aMean);
            }

            for (int i = 0; i < pre; i++)
            {
                xMean[i] = xf[i] + ((xMean[i] - xf[i]) * aMean);
            }

            drive.Step(x, y);
        }

        var rule = (CovarianceRule)drive.Rule;
        double maxW = 0;
        for (int j = 0; j < post; j++)
        {
            Assert.Equal(yMean[j], rule.PostMean[j], 12);
            for (int i = 0; i < pre; i++)
            {
                maxW = Math.Max(maxW, Math.Abs(w[j, i]));
            }
        }

        double tolerance = 4 * steps * U * maxW;
        for (int j = 0; j < post; j++)
        {
            for (int i = 0; i < pre; i++)
            {
                double actual = drive.Weights[(j * pre) + i];
                Assert.True(Math.Abs(actual - w[j, i]) <= tolerance, $"w[{j},{i}] = {actual:R}, reference {w[j, i]:R}, tolerance {tolerance:R}");
            }
        }

        // Sanity: x0 and x2 co-vary with y0 positively and negatively; those weights moved well beyond the tolerance.
        Assert.True(w[0, 0] > rest + 0.05 && w[0, 2] < rest - 0.05, $"w[0,0] = {w[0, 0]}, w[0,2] = {w[0, 2]}");
    }

    /// <summary>
    /// Through the whole step cycle: a pre and a post unit each switched on by its own input, in alternating 50 ms
    /// blocks. Together on/off (correlated) potentiates; one on while the other is off (anti-correlated) depresses.
    /// </summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Covariance_InTheFullStepCycle_PotentiatesCorrelatedAndDepressesAntiCorrelatedActivity(bool correlated)
    {
        const double w0 = 0.5;
        var spec = new SpecBuilder()
            .Population("pre", 1, tauMs: 5)
            .Population("post", 1, tauMs: 5)
            .Input("xon", "pre", 1.0)
            .Input("yon", "post", 1.0)
            .Projection(
                "plastic",
                "pre",
                "post",
                new WeightSpec(new ConstantDistribution(w0), 0, 1),
                plasticity: Rule(PlasticityRule.Covariance, 0.2) with { CovarianceTauMeanMs = 500 })
            .Phase("learn", 1, inputs: ["xon", "yon"])
            .Build();
        var simulator = new RateSimulator(spec);
        var net = simulator.Network;
        DriveInput xOn = net.Inputs[0], yOn = net.Inputs[1];
        DriveInput[][] blocks = correlated ? [[xOn, yOn], []] : [[xOn], [yOn]];

        for (int t = 0; t < 4_000; t++)
        {
            simulator.Step(blocks[(t / 50) % 2], learning: true);
        }

        double dw = net.Projections[0].Weights[0] - w0;
        Assert.True(correlated ? dw > 0.02 : dw < -0.02, $"Δw = {dw:R}");
        Assert.InRange(net.Projections[0].Weights[0], 0.01f, 0.99f); // moved by learning, not stopped by a bound
    }

    /// <summary>
    /// Rates held constant from the first learning step: the means start at those rates and stay there exactly
    /// (x + (x − x)·a = x), so x − ⟨x⟩ = y − ⟨y⟩ = 0 and the weight does not move at all, unlike the Hebbian rule.
    /// </summary>
    [Fact]
    public void Covariance_WithConstantUncorrelatedRates_LeavesTheWeightUnchanged()
    {
        var spec = ConstantRatesSpec(0.8, Rule(PlasticityRule.Covariance, 50.0)).Phase("learn", 1_000, inputs: ["x"]).Build();

        var simulator = RunHeld(spec, 0.8);

        Assert.Equal(0.2f, simulator.Network.Projections[0].Weights[0]);
        var rule = (CovarianceRule)simulator.Network.Rules[0];
        Assert.Equal(0.8f, rule.PreMean[0]);
        Assert.Equal(HeldY, rule.PostMean[0]);
    }

    [Fact]
    public void Covariance_InAPhaseWithPlasticityOff_LeavesWeightsUnchanged() => AssertPlasticityOffFreezesWeights(PlasticityRule.Covariance);

    [Fact]
    public void Covariance_Offline_AppliesOnlyTheClosedFormDecayToWeights() => AssertOfflineAppliesOnlyDecay(PlasticityRule.Covariance);

    /// <summary>
    /// Learn for 20 ms (means start at the held rates), then an offline phase of 1.5·τ_mean: at rest the rates are 0,
    /// so the means relax as ⟨x⟩·e^{−T/τ_mean}; a following phase with plasticity off leaves them there.
    /// </summary>
    [Fact]
    public void Covariance_Offline_RelaxesTheMeansTowardZeroInClosedForm_AndPlasticityOffFreezesThem()
    {
        var spec = ConstantRatesSpec(0.8, Rule(PlasticityRule.Covariance, 1.0) with { CovarianceTauMeanMs = 2_000 })
            .Phase("learn", 20, inputs: ["x"])
            .Phase("rest", 3_000, offline: true)
            .Phase("probe", 100, inputs: ["x"], plasticity: false)
            .Build();

        var simulator = RunHeld(spec, 0.8);

        var rule = (CovarianceRule)simulator.Network.Rules[0];
        Assert.Equal(0.8f * Math.Exp(-1.5), rule.PreMean[0], 12);
        Assert.Equal(HeldY * Math.Exp(-1.5), rule.PostMean[0], 12);
    }

    /// <summary>Strongly correlated random rates would drive the weight far beyond max = 1 (or, anti-correlated, below min = 0.2).</summary>
    [Theory]
    [InlineData(1, 1f)]
    [InlineData(-1, 0.2f)]
    public void Covariance_WhenLearningWouldPassABound_StopsExactlyAtIt(int rho, float bound)
    {
        var drive = new DirectDrive(1, 1, Rule(PlasticityRule.Covariance, 200.0), new WeightSpec(new ConstantDistribution(0.5), 0.2, 1));
        var rng = new RandomSource(41);
        for (int t = 0; t < 2_000; t++)
        {
            double x = rng.NextDouble();
            drive.Step([x], [rho > 0 ? x : 1 - x]);
            Assert.InRange(drive.Weights[0], 0.2f, 1f);
        }

        Assert.Equal(bound, drive.Weights[0]);
    }
}

/// <summary>
/// The covariance rule's row kernel (<see cref="PlasticityKernels.UpdateRowAndDot"/>): bit for bit the documented
/// eight-lane order at every length, with and without a mask; identical to <see cref="VectorKernels.UpdateRowAndDot"/>
/// when the learning signal is the propagated rate. Runs in the SIMD-off CI pass too (Category=Kernels).
/// </summary>
[Trait("Category", "Kernels")]
public sealed class CovarianceKernelTests
{
    private const int Lanes = 8;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void UpdateRowAndDot_WithASeparateSignal_AtEveryLength_IsBitwiseTheEightLaneReference(bool withMask)
    {
        var rng = new RandomSource(withMask ? 201UL : 202UL);
        for (int n = 0; n <= 256; n++)
        {
            var w = RandomFloats(rng, n, -0.5f, 1.5f);
            var x = RandomFloats(rng, n, 0f, 1f);
            var u = RandomFloats(rng, n, -1f, 1f);
            var mask = withMask ? RandomFloats(rng, n, 0f, 1f).Select(v => v < 0.7f ? 1f : 0f).ToArray() : [];
            const float a = 0.99f, b = 0.002f, c = 0.05f, lo = 0f, hi = 1f;
            var expectedW = (float[])w.Clone();
            for (int i = 0; i < n; i++)
            {
                float aw = a * expectedW[i];
                float cu = c * u[i];
                float v = (aw + b) + cu;
                v = MathF.Min(MathF.Max(v, lo), hi);
                expectedW[i] = mask.Length != 0 ? v * mask[i] : v;
            }

            float expectedDot = ReferenceDot(expectedW, x);

            float dot = PlasticityKernels.UpdateRowAndDot(w, mask, x, u, a, b, c, lo, hi);

            AssertBitwise(expectedDot, dot, $"dot, n = {n}");
            for (int i = 0; i < n; i++)
            {
                AssertBitwise(expectedW[i], w[i], $"w[{i}], n = {n}");
            }
        }
    }

    [Fact]
    public void UpdateRowAndDot_WithTheSignalEqualToTheRates_IsBitwiseTheVectorKernel()
    {
        var rng = new RandomSource(203);
        for (int n = 0; n <= 64; n++)
        {
            var w1 = RandomFloats(rng, n, -0.5f, 1.5f);
            var w2 = (float[])w1.Clone();
            var x = RandomFloats(rng, n, 0f, 1f);

            float d1 = PlasticityKernels.UpdateRowAndDot(w1, [], x, x, 0.98f, 0.003f, 0.07f, 0f, 1f);
            float d2 = VectorKernels.UpdateRowAndDot(w2, [], x, 0.98f, 0.003f, 0.07f, 0f, 1f);

            AssertBitwise(d2, d1, $"dot, n = {n}");
            Assert.Equal(w2, w1);
        }
    }

    [Fact]
    public void UpdateRowAndDot_WithMismatchedLengths_Throws()
    {
        Assert.Throws<ArgumentException>(() => PlasticityKernels.UpdateRowAndDot(new float[4], [], new float[4], new float[5], 1, 0, 0, 0, 1));
        Assert.Throws<ArgumentException>(() => PlasticityKernels.UpdateRowAndDot(new float[4], new float[3], new float[4], new float[4], 1, 0, 0, 0, 1));
    }

    /// <summary>Eight float lanes over whole blocks, reduced ((0+4)+(2+6)) + ((1+5)+(3+7)), then the tail in order.</summary>
    private static float ReferenceDot(float[] x, float[] y)
    {
        var lanes = new float[Lanes];
        int full = x.Length / Lanes * Lanes;
        for (int i = 0; i < full; i++)
        {
            lanes[i % Lanes] += x[i] * y[i];
        }

        float s04 = lanes[0] + lanes[4];
        float s26 = lanes[2] + lanes[6];
        float s15 = lanes[1] + lanes[5];
        float s37 = lanes[3] + lanes[7];
        float sum = (s04 + s26) + (s15 + s37);
        for (int i = full; i < x.Length; i++)
        {
            sum += x[i] * y[i];
        }

        return sum;
    }

    private static float[] RandomFloats(RandomSource rng, int n, float low, float high)
    {
        var values = new float[n];
        for (int i = 0; i < n; i++)
        {
            values[i] = low + ((high - low) * (float)rng.NextDouble());
        }

        return values;
    }

    private static void AssertBitwise(float expected, float actual, string context) =>
        Assert.True(
            BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(actual),
            $"{context}: expected {expected:R}, got {actual:R}");
}
