using Neurotag.Core.Randomness;
using Neurotag.Core.Rate;
using Neurotag.Core.Rate.Plasticity;
using Neurotag.Core.Recording;
using Neurotag.Core.Specs;
using static Neurotag.Core.Tests.Rate.Plasticity.RuleTestKit;

namespace Neurotag.Core.Tests.Rate.Plasticity;

/// <summary>
/// Hebbian learning through an eligibility trace (Izhikevich 2007; Frémaux &amp; Gerstner 2016):
/// τ_e de/dt = −e + x·y, dw/dt = η·g·m(t)·e − (w − w_rest)/τ_decay. Discretised as e ← a_e·e + (1 − a_e)·x·y
/// (a_e = e^{−dt/τ_e}), then w ← clamp(a·w + w_rest(1 − a) + η·g·m·dt·e) with the new trace. dt = 1 ms throughout.
/// </summary>
public sealed class EligibilityTests
{
    private const double DtMs = 1;
    private const double Rest = 0.2;

    private static PlasticitySpec Spec(double eta, double gain, double traceTauMs, double? decayTauMs = null) =>
        new(PlasticityRule.Hebbian, eta, decayTauMs, "da", gain) { EligibilityTauMs = traceTauMs };

    private static DirectDrive Drive(PlasticitySpec plasticity, double min = -10, double max = 10, int pre = 1, int post = 1) =>
        new(pre, post, plasticity, new WeightSpec(new ConstantDistribution(Rest), min, max));

    private static float[] Trace(DirectDrive drive) => ((EligibilityHebbianRule)drive.Rule).Trace;

    /// <summary>Runs <paramref name="steps"/> learning steps with constant rates and modulator level.</summary>
    private static void Run(DirectDrive drive, long steps, double x, double y, double m)
    {
        drive.Network.Modulators.Levels[0] = m;
        for (long k = 0; k < steps; k++)
        {
            drive.Step([x], [y]);
        }
    }

    /// <summary>
    /// Coincidence episode (x, y for D, no modulator), silence for a delay d, then a modulator pulse m held for W with
    /// x = y = 0. The weight change is η·g·m·∫e over the window with e(t) = e_end·e^{−(t − t_end)/τ_e},
    /// e_end = x·y·(1 − e^{−D/τ_e}): checked against the discrete sum (float rounding only), against the continuous
    /// integral (relative O(dt/τ_e)), and for the exponential dependence on the delay.
    /// </summary>
    [Fact]
    public void RewardAfterADelay_ConvertsTheDecayedTrace_AndTheWeightChangeFallsExponentiallyWithTheDelay()
    {
        const double x = 0.8, y = 0.5, eta = 2.0, g = 1.5, m = 2.0, tauMs = 200;
        const long d = 100, window = 20;
        long[] delays = [50, 250];
        double ae = Math.Exp(-DtMs / tauMs);
        double eEnd = x * y * (1 - Math.Exp(-d * DtMs / tauMs));
        var changes = new double[delays.Length];
        for (int n = 0; n < delays.Length; n++)
        {
            long delay = delays[n];
            var drive = Drive(Spec(eta, g, tauMs));
            Run(drive, d, x, y, 0);

            // The episode charged the trace in closed form and left the weight exactly alone (no modulator, no decay).
            Assert.Equal((float)Rest, drive.Weights[0]);
            Assert.True(Math.Abs(Trace(drive)[0] - eEnd) <= 4 * d * U * eEnd, $"e_end = {Trace(drive)[0]:R}, closed form {eEnd:R}");

            Run(drive, delay, 0, 0, 0);
            Run(drive, window, 0, 0, m);
            changes[n] = drive.Weights[0] - Rest;

            // Independent discrete sum: each window step decays e by a_e and then adds η·g·m·dt·e.
            double discrete = 0, e = eEnd * Math.Pow(ae, delay);
            for (long k = 0; k < window; k++)
            {
                e *= ae;
                discrete += eta * g * m * (DtMs / 1000) * e;
            }

            // Float32: the trace carries ≈ 3 roundings per step over D + d + W steps (and a_e rounded to float), the
            // weight one rounding of |w| per window step.
            long steps = d + delay + window;
            double floatTolerance = (4 * steps * U * discrete) + (2 * window * U * (Rest + discrete));
            Assert.True(Math.Abs(changes[n] - discrete) <= floatTolerance, $"d = {delay}: Δw = {changes[n]:R}, discrete sum {discrete:R}");

            // Continuous: η·g·m·e_end·τ_e·e^{−d/τ_e}·(1 − e^{−W/τ_e}); the discrete sum samples e at the end of each step
            // (right Riemann sum), a relative difference of O(dt/τ_e).
            double tau = tauMs / 1000;
            double continuous = eta * g * m * eEnd * tau * Math.Exp(-delay * DtMs / tauMs) * (1 - Math.Exp(-window * DtMs / tauMs));
            Assert.True(Math.Abs(changes[n] - continuous) <= (continuous * DtMs / tauMs) + floatTolerance, $"d = {delay}: Δw = {changes[n]:R}, integral {continuous:R}");
            Assert.True(changes[n] > 1e-3, $"Δw = {changes[n]} too small to test");
        }

        double ratio = changes[1] / changes[0];
        double expectedRatio = Math.Exp(-(delays[1] - delays[0]) * DtMs / tauMs);
        Assert.True(Math.Abs(ratio - expectedRatio) <= expectedRatio * DtMs / tauMs, $"ratio {ratio:R}, e^(−Δd/τ_e) = {expectedRatio:R}");
    }

    [Fact]
    public void CoincidencesWithoutAModulator_LeaveTheWeightsExactlyUnchanged()
    {
        var drive = Drive(Spec(5.0, 2.0, 100), pre: 3, post: 2);

        Run(drive, 500, 0.9, 0.7, 0);
        var x = new double[] { 0.9, 0.4, 1.3 };
        var y = new double[] { 0.7, 0.2 };
        for (int k = 0; k < 300; k++)
        {
            drive.Step(x, y);
        }

        Assert.All(drive.Weights, w => Assert.Equal((float)Rest, w));
        Assert.All(Trace(drive), e => Assert.True(e > 0.05f, $"the trace must be charged, e = {e}"));
    }

    [Fact]
    public void CoincidencesWithoutAModulatorSignal_InTheSimulator_LeaveTheWeightUnchanged()
    {
        const double x = 0.8;
        var spec = ConstantRatesSpec(x, Spec(5.0, 2.0, 100), rest: Rest)
            .Modulator("da", 0.0, null)
            .Phase("learn", 400, inputs: ["x"])
            .Build();

        var simulator = RunHeld(spec, x);

        Assert.Equal((float)Rest, simulator.Network.Projections[0].Weights[0]);
        double expected = x * HeldY * (1 - Math.Exp(-400 * DtMs / 100));
        float e = ((EligibilityHebbianRule)simulator.Network.Rules[0]).Trace[0];
        Assert.True(Math.Abs(e - expected) <= 4 * 400 * U * expected, $"e = {e:R}, closed form {expected:R}");
    }

    [Fact]
    public void AModulatorWithoutPriorCoincidence_ChangesNothing()
    {
        var drive = Drive(Spec(5.0, 2.0, 100), pre: 3, post: 2);

        Run(drive, 300, 0, 0.8, 3.0); // post active, pre silent: x·y = 0
        Run(drive, 300, 0.9, 0, 3.0); // pre active, post silent: x·y = 0

        Assert.All(drive.Weights, w => Assert.Equal((float)Rest, w));
        Assert.All(Trace(drive), e => Assert.Equal(0f, e));
    }

    [Fact]
    public void AModulatorWithoutPriorCoincidence_InTheSimulator_ChangesNothing()
    {
        // The pre unit has no input and stays at rate 0; the post unit is held at ½.
        var spec = ConstantRatesSpec(0.8, Spec(5.0, 2.0, 100), rest: Rest)
            .Modulator("da", 0.0, null)
            .Phase("reward", 300, modulators: [new ModulatorLevel("da", 3.0)])
            .Build();
        var simulator = new RateSimulator(spec);
        simulator.Network.Populations[1].Rate[0] = (float)HeldY;

        simulator.Run(new MemoryRecordSink());

        Assert.Equal((float)Rest, simulator.Network.Projections[0].Weights[0]);
        Assert.Equal(0f, ((EligibilityHebbianRule)simulator.Network.Rules[0]).Trace[0]);
    }

    [Fact]
    public void WhenTheModulatedGrowthWouldPassTheBounds_TheWeightStopsExactlyAtThem()
    {
        var up = Drive(Spec(50.0, 1.0, 100), min: 0, max: 1);
        Run(up, 200, 0.8, 0.5, 0);
        Run(up, 500, 0.8, 0.5, 5.0);
        Assert.Equal(1f, up.Weights[0]);

        // A negative modulator level turns the trace into depression.
        var down = Drive(Spec(50.0, 1.0, 100), min: 0, max: 1);
        Run(down, 200, 0.8, 0.5, 0);
        Run(down, 500, 0.8, 0.5, -5.0);
        Assert.Equal(0f, down.Weights[0]);
    }

    [Fact]
    public void PlasticityOff_FreezesTheWeightsAndTheTrace()
    {
        var drive = Drive(Spec(5.0, 1.0, 100, decayTauMs: 20), pre: 3, post: 2);
        Run(drive, 50, 0.8, 0.5, 1.0);
        var w = (float[])drive.Weights.Clone();
        var e = (float[])Trace(drive).Clone();
        Assert.NotEqual((float)Rest, w[0]);

        drive.Network.Modulators.Levels[0] = 2.0;
        for (int k = 0; k < 300; k++)
        {
            drive.Step([0.9, 0.1, 0.5], [0.3, 0.6], learning: false);
        }

        Assert.Equal(w, drive.Weights);
        Assert.Equal(e, Trace(drive));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Offline_DecaysTheTraceInClosedForm_AndGivesTheWeightsDecayOnly(bool withDecay)
    {
        const double tauMs = 300, decayTauMs = 2_000, offlineMs = 500;
        var drive = Drive(Spec(5.0, 1.0, tauMs, withDecay ? decayTauMs : null), pre: 3, post: 2);
        Run(drive, 100, 0.8, 0.5, 1.0);
        var w = (float[])drive.Weights.Clone();
        var e = (float[])Trace(drive).Clone();
        drive.Network.Modulators.Levels[0] = 3.0; // offline, the modulator does not convert the trace

        drive.Rule.FastForward(offlineMs);

        // Float tolerance: a few ulps of O(1) values.
        for (int k = 0; k < w.Length; k++)
        {
            double expectedE = e[k] * Math.Exp(-offlineMs / tauMs);
            double expectedW = withDecay ? Rest + ((w[k] - Rest) * Math.Exp(-offlineMs / decayTauMs)) : w[k];
            Assert.True(Math.Abs(Trace(drive)[k] - expectedE) <= 4e-7, $"e[{k}] = {Trace(drive)[k]:R}, closed form {expectedE:R}");
            Assert.True(Math.Abs(drive.Weights[k] - expectedW) <= 4e-7, $"w[{k}] = {drive.Weights[k]:R}, closed form {expectedW:R}");
        }
    }

    [Fact]
    public void AnOfflinePhase_InTheSimulator_DecaysTheTrace()
    {
        const double x = 0.8, tauMs = 400, offlineMs = 1_000;
        var spec = ConstantRatesSpec(x, Spec(5.0, 2.0, tauMs), rest: Rest)
            .Modulator("da", 0.0, null)
            .Phase("learn", 200, inputs: ["x"])
            .Phase("sleep", (long)offlineMs, offline: true)
            .Build();
        var simulator = new RateSimulator(spec);
        HoldRatesAtFixedPoint(simulator, x);
        var rule = (EligibilityHebbianRule)simulator.Network.Rules[0];

        simulator.Run(new MemoryRecordSink());

        double eEnd = x * HeldY * (1 - Math.Exp(-200 * DtMs / tauMs));
        double expected = eEnd * Math.Exp(-offlineMs / tauMs);
        Assert.True(Math.Abs(rule.Trace[0] - expected) <= 1e-6, $"e = {rule.Trace[0]:R}, closed form {expected:R}");
        Assert.Equal((float)Rest, simulator.Network.Projections[0].Weights[0]);
    }

    [Fact]
    public void WithoutAModulator_TheRuleRefusesToBeBuilt()
    {
        var spec = new PlasticitySpec(PlasticityRule.Hebbian, 1.0, null, null, 1.0) { EligibilityTauMs = 100 };
        var builder = new SpecBuilder()
            .Population("pre", 1)
            .Population("post", 1)
            .Projection("plastic", "pre", "post", new WeightSpec(new ConstantDistribution(Rest), 0, 1), plasticity: spec)
            .Phase("run", 1);

        Assert.Throws<ArgumentException>(() => new RateSimulator(builder.Build()));
    }

    [Fact]
    public void MemoryEstimate_CountsOneFloatPerSynapseForTheTrace()
    {
        SimulationSpec Build(PlasticitySpec plasticity) => new SpecBuilder()
            .Population("pre", 30)
            .Population("post", 20)
            .Modulator("da", 0.0, null)
            .Projection("plastic", "pre", "post", new WeightSpec(new ConstantDistribution(Rest), 0, 1), plasticity: plasticity)
            .Phase("run", 1)
            .Build();
        long Size(string name) => name == "pre" ? 30 : 20;

        long with = NetworkFootprint.Of(Build(Spec(1.0, 1.0, 100)), Size).Bytes;
        long without = NetworkFootprint.Of(Build(new PlasticitySpec(PlasticityRule.Hebbian, 1.0, null, "da", 1.0)), Size).Bytes;

        Assert.Equal(30 * 20 * sizeof(float), with - without);
    }
}

/// <summary>
/// The eligibility kernel (<see cref="PlasticityKernels.EligibilityUpdateRowAndDot"/>): bit for bit the documented
/// operation order at every length, with and without a mask. Runs in the SIMD-off CI pass too (Category=Kernels).
/// </summary>
[Trait("Category", "Kernels")]
public sealed class EligibilityKernelTests
{
    private const int Lanes = 8;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void EligibilityUpdateRowAndDot_AtEveryLength_IsBitwiseTheEightLaneReference(bool withMask)
    {
        var rng = new RandomSource(withMask ? 301UL : 302UL);
        for (int n = 0; n <= 256; n++)
        {
            var w = RandomFloats(rng, n, -0.5f, 1.5f);
            var e = RandomFloats(rng, n, 0f, 0.5f);
            var x = RandomFloats(rng, n, 0f, 1f);
            var mask = withMask ? RandomFloats(rng, n, 0f, 1f).Select(v => v < 0.7f ? 1f : 0f).ToArray() : [];
            const float ae = 0.995f, ce = 0.0021f, a = 0.99f, b = 0.002f, c = 0.4f, lo = 0f, hi = 1f;
            var expectedW = (float[])w.Clone();
            var expectedE = (float[])e.Clone();
            for (int i = 0; i < n; i++)
            {
                float decayed = ae * expectedE[i];
                float charged = ce * x[i];
                float ei = decayed + charged;
                ei = mask.Length != 0 ? ei * mask[i] : ei;
                float aw = a * expectedW[i];
                float learn = c * ei;
                float v = (aw + b) + learn;
                v = MathF.Min(MathF.Max(v, lo), hi);
                expectedW[i] = mask.Length != 0 ? v * mask[i] : v;
                expectedE[i] = ei;
            }

            float expectedDot = ReferenceDot(expectedW, x);

            float dot = PlasticityKernels.EligibilityUpdateRowAndDot(w, e, mask, x, ae, ce, a, b, c, lo, hi);

            AssertBitwise(expectedDot, dot, $"dot, n = {n}");
            for (int i = 0; i < n; i++)
            {
                AssertBitwise(expectedW[i], w[i], $"w[{i}], n = {n}");
                AssertBitwise(expectedE[i], e[i], $"e[{i}], n = {n}");
            }
        }
    }

    [Fact]
    public void EligibilityUpdateRowAndDot_WithMismatchedLengths_Throws()
    {
        Assert.Throws<ArgumentException>(() => PlasticityKernels.EligibilityUpdateRowAndDot(new float[4], new float[5], [], new float[4], 1, 0, 1, 0, 0, 0, 1));
        Assert.Throws<ArgumentException>(() => PlasticityKernels.EligibilityUpdateRowAndDot(new float[4], new float[4], new float[3], new float[4], 1, 0, 1, 0, 0, 0, 1));
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
