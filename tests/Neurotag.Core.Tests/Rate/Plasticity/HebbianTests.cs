using Neurotag.Core.Rate;
using Neurotag.Core.Recording;
using Neurotag.Core.Specs;

namespace Neurotag.Core.Tests.Rate.Plasticity;

/// <summary>
/// dw/dt = η·(1 + g·m)·x·y − (w − w_rest)/τ_decay with η per second. For the closed forms the rates are held exactly
/// constant: the presynaptic unit is linear and starts at its fixed point r = I, and the postsynaptic unit is a
/// sigmoid with gain 0, whose target f(0) = ½ does not depend on its input (so the growing weight cannot feed back).
/// </summary>
public sealed class HebbianTests
{
    private const double DtMs = 1;
    private const double U = 1.0 / (1 << 24); // float32 unit roundoff

    [Theory]
    [InlineData(0.8, 0.5, 500)]
    [InlineData(0.3, 2.0, 250)]
    [InlineData(1.5, 0.1, 1000)]
    public void Hebbian_WithConstantRatesAndNoDecay_GrowsLinearlyAtEtaXY(double x, double eta, long steps)
    {
        const double w0 = 0.2, y = 0.5;
        var simulator = new RateSimulator(ConstantRatesSpec(x, new PlasticitySpec(PlasticityRule.Hebbian, eta, null, null, 0))
            .Phase("learn", steps, inputs: ["x"])
            .Build());
        HoldRatesAtFixedPoint(simulator, x);

        simulator.Run(new MemoryRecordSink());

        double expected = w0 + (eta * x * y * steps * DtMs / 1000);
        double w = simulator.Network.Projections[0].Weights[0];
        // Forward Euler is exact for a constant integrand; what remains is one float rounding of the sum per step.
        double tolerance = 2 * steps * U * Math.Max(w0, expected);
        Assert.True(Math.Abs(w - expected) <= tolerance, $"w = {w:R}, closed form {expected:R}, tolerance {tolerance:R}");
    }

    [Fact]
    public void Hebbian_WithDecay_RelaxesToRestPlusEtaXYTau()
    {
        const double x = 0.8, y = 0.5, eta = 2.0, tauMs = 100, rest = 0.2, w0 = 0.6;
        var spec = ConstantRatesSpec(x, new PlasticitySpec(PlasticityRule.Hebbian, eta, tauMs, null, 0), rest)
            .Phase("learn", 400, inputs: ["x"])
            .Record(1, weights: new WeightRecordSpec("hebb", 50, 0))
            .Build();
        var simulator = new RateSimulator(spec);
        HoldRatesAtFixedPoint(simulator, x);
        simulator.Network.Projections[0].Weights[0] = (float)w0;
        var sink = new MemoryRecordSink();

        simulator.Run(sink);

        // w∞ = w_rest + η·x·y·τ (τ in seconds); w(t) = w∞ + (w0 − w∞)·e^{−t/τ}. The decay factor is exact, the Hebbian
        // term is forward Euler: the discrete fixed point is w_rest + η·x·y·dt/(1 − e^{−dt/τ}) = w∞ + O(η·x·y·dt), so
        // the tolerance is |w∞ − w_rest|·dt/τ (first order), plus float rounding.
        double wInf = rest + (eta * x * y * tauMs / 1000);
        double tolerance = (Math.Abs(wInf - rest) * DtMs / tauMs) + 1e-6;
        var samples = sink.WeightBlocks.Where(b => b.From == "*").ToList();
        Assert.Equal(9, samples.Count); // t = 0 (w0) and every 50 of the 400 steps
        foreach (var sample in samples)
        {
            double expected = wInf + ((w0 - wInf) * Math.Exp(-sample.TimeMs / tauMs));
            Assert.True(Math.Abs(sample.Mean - expected) <= tolerance, $"t = {sample.TimeMs}: w = {sample.Mean:R}, closed form {expected:R}");
        }

        // And it has actually moved most of the way from w0 to w∞ (e^{-4} of the gap left).
        Assert.True(Math.Abs(samples[^1].Mean - wInf) < 0.02 * Math.Abs(w0 - wInf));
    }

    [Fact]
    public void Hebbian_ModulatedByAHeldModulator_ScalesByOnePlusGainTimesLevel_AndReturnsToBaselineAfterThePhase()
    {
        const double x = 0.8, y = 0.5, eta = 0.5, g = 0.5, w0 = 0.2;
        var spec = ConstantRatesSpec(x, new PlasticitySpec(PlasticityRule.Hebbian, eta, null, "da", g))
            .Modulator("da", 0.0, null)
            .Phase("rewarded", 200, inputs: ["x"], modulators: [new ModulatorLevel("da", 2.0)])
            .Phase("plain", 100, inputs: ["x"])
            .Build();
        var simulator = new RateSimulator(spec);
        HoldRatesAtFixedPoint(simulator, x);

        simulator.Run(new MemoryRecordSink());

        // Factor 1 + 0.5·2 = 2 for 200 ms, then 1 + 0.5·0 = 1 for 100 ms.
        double expected = w0 + (eta * x * y * ((2 * 0.2) + (1 * 0.1)));
        double w = simulator.Network.Projections[0].Weights[0];
        Assert.True(Math.Abs(w - expected) <= 2 * 300 * U * expected, $"w = {w:R}, closed form {expected:R}");
    }

    [Fact]
    public void Hebbian_ModulatedByADecayingModulator_IntegratesTheExponentialPulse()
    {
        const double x = 0.8, y = 0.5, eta = 0.5, g = 1.0, level = 3.0, tauMs = 50, w0 = 0.2;
        const long steps = 200;
        var spec = ConstantRatesSpec(x, new PlasticitySpec(PlasticityRule.Hebbian, eta, null, "da", g))
            .Modulator("da", 0.0, tauMs)
            .Phase("pulse", steps, inputs: ["x"], modulators: [new ModulatorLevel("da", level)])
            .Build();
        var simulator = new RateSimulator(spec);
        HoldRatesAtFixedPoint(simulator, x);

        simulator.Run(new MemoryRecordSink());

        // ∫0^T η·(1 + g·L·e^{−t/τ})·x·y dt = η·x·y·(T + g·L·τ·(1 − e^{−T/τ})). Sampling m at the start of each step
        // (left Riemann sum) overestimates the pulse integral by a relative O(dt/τ): tolerance = pulse part·dt/τ.
        double t = steps * DtMs / 1000, tau = tauMs / 1000;
        double pulse = eta * x * y * g * level * tau * (1 - Math.Exp(-t / tau));
        double expected = w0 + (eta * x * y * t) + pulse;
        double w = simulator.Network.Projections[0].Weights[0];
        Assert.True(Math.Abs(w - expected) <= (pulse * DtMs / tauMs) + 1e-5, $"w = {w:R}, closed form {expected:R}");
        Assert.True(w > w0 + (eta * x * y * t) + (0.9 * pulse), "the pulse must have contributed");
        Assert.Equal(level * Math.Exp(-steps * DtMs / tauMs), simulator.Network.Modulators.Levels[0], 1e-12);
    }

    [Fact]
    public void Hebbian_InAPhaseWithPlasticityOff_LeavesWeightsUnchanged()
    {
        var spec = ConstantRatesSpec(0.8, new PlasticitySpec(PlasticityRule.Hebbian, 5.0, 20, null, 0), rest: 0.1)
            .Phase("frozen", 300, inputs: ["x"], plasticity: false)
            .Build();
        var simulator = new RateSimulator(spec);
        HoldRatesAtFixedPoint(simulator, 0.8);
        simulator.Network.Projections[0].Weights[0] = 0.7f; // away from rest: decay would move it too

        simulator.Run(new MemoryRecordSink());

        Assert.Equal(0.7f, simulator.Network.Projections[0].Weights[0]);
    }

    [Fact]
    public void Hebbian_WhenGrowthWouldPassTheUpperBound_StopsExactlyAtIt()
    {
        var spec = ConstantRatesSpec(0.8, new PlasticitySpec(PlasticityRule.Hebbian, 2.0, null, null, 0), rest: 0.9, min: 0, max: 1)
            .Phase("learn", 500, inputs: ["x"])
            .Record(1, weights: new WeightRecordSpec("hebb", 10, 0))
            .Build();
        var simulator = new RateSimulator(spec);
        HoldRatesAtFixedPoint(simulator, 0.8);
        var sink = new MemoryRecordSink();

        simulator.Run(sink);

        // Unbounded it would reach 0.9 + 2·0.4·0.5 = 1.3.
        Assert.All(sink.WeightBlocks, b => Assert.True(b.Max <= 1.0, $"w = {b.Max} above the bound at t = {b.TimeMs}"));
        Assert.Equal(1f, simulator.Network.Projections[0].Weights[0]);
    }

    [Fact]
    public void Hebbian_WhenANegativePresynapticRateDrivesTheWeightDown_StopsExactlyAtTheLowerBound()
    {
        var spec = ConstantRatesSpec(-0.8, new PlasticitySpec(PlasticityRule.Hebbian, 2.0, null, null, 0), rest: 0.1, min: 0, max: 1)
            .Phase("learn", 500, inputs: ["x"])
            .Record(1, weights: new WeightRecordSpec("hebb", 10, 0))
            .Build();
        var simulator = new RateSimulator(spec);
        HoldRatesAtFixedPoint(simulator, -0.8);
        var sink = new MemoryRecordSink();

        simulator.Run(sink);

        Assert.All(sink.WeightBlocks, b => Assert.True(b.Min >= 0.0, $"w = {b.Min} below the bound at t = {b.TimeMs}"));
        Assert.Equal(0f, simulator.Network.Projections[0].Weights[0]);
    }

    [Fact]
    public void Hebbian_WithFeedbackDecayAndModulation_MatchesANaiveDoublePrecisionReference()
    {
        // 2 pre → 3 post, all linear, starting at rest; the post rates include the plastic feedback Σ w·x, so nothing is
        // constant. The reference below re-implements the documented step cycle in double precision. Tolerance: 1e-4
        // relative, for float32 state accumulated over 300 steps (≤ 300·2^-24 ≈ 2e-5 per quantity).
        const double dt = 0.5, tauPre = 8, tauPost = 12, eta = 1.5, decayTau = 150, rest = 0.3, g = 0.5, level = 1.0, modTau = 40;
        double[] preInput = [0.9, 0.4];
        double[] postInput = [0.2, 0.5, 0.0];
        const int phaseSteps = 150;
        var spec = new SpecBuilder()
            .DtNanoseconds(500_000)
            .Population("pre", 2, tauMs: tauPre)
            .Population("post", 3, tauMs: tauPost)
            .TagRange("pre0", "pre", 0, 0)
            .TagRange("post01", "post", 0, 1)
            .Input("a", "pre0", preInput[0], targetIsTag: true)
            .Input("b", "pre", preInput[1])
            .Input("c", "post01", postInput[0], targetIsTag: true)
            .TagRange("post1", "post", 1, 1)
            .Input("d", "post1", postInput[1] - postInput[0], targetIsTag: true)
            .Modulator("da", 0.0, modTau)
            .Projection(
                "hebb",
                "pre",
                "post",
                new WeightSpec(new ConstantDistribution(rest), -5, 5),
                plasticity: new PlasticitySpec(PlasticityRule.Hebbian, eta, decayTau, "da", g))
            .Phase("learn", phaseSteps, inputs: ["a", "b", "c", "d"], modulators: [new ModulatorLevel("da", level)])
            .Phase("more", phaseSteps, inputs: ["a", "c", "d"])
            .Build();
        // Input "b" drives both pre neurons, "a" adds to pre 0 only: pre input = [0.9 + 0.4, 0.4] in phase 1, [0.9, 0] in phase 2.
        var simulator = new RateSimulator(spec);

        simulator.Run(new MemoryRecordSink());

        // Naive reference of the documented step cycle.
        var x = new double[2];
        var y = new double[3];
        var w = new double[3, 2];
        for (int j = 0; j < 3; j++)
        {
            for (int i = 0; i < 2; i++)
            {
                w[j, i] = rest;
            }
        }

        double m = level;
        double aDecay = Math.Exp(-dt / decayTau);
        for (int step = 0; step < 2 * phaseSteps; step++)
        {
            bool first = step < phaseSteps;
            double[] ePre = first ? [preInput[0] + preInput[1], preInput[1]] : [preInput[0], 0];

            // The modulator has a time constant, so it keeps relaxing across the phase boundary (phase 2 does not set it).
            double factor = 1 + (g * m);
            var postIn = new double[3];
            for (int j = 0; j < 3; j++)
            {
                postIn[j] = postInput[j];
                for (int i = 0; i < 2; i++)
                {
                    w[j, i] = Math.Clamp(rest + ((w[j, i] - rest) * aDecay) + (eta * factor * y[j] * x[i] * dt / 1000), -5, 5);
                    postIn[j] += w[j, i] * x[i];
                }
            }

            for (int i = 0; i < 2; i++)
            {
                x[i] = ePre[i] + ((x[i] - ePre[i]) * Math.Exp(-dt / tauPre));
            }

            for (int j = 0; j < 3; j++)
            {
                y[j] = postIn[j] + ((y[j] - postIn[j]) * Math.Exp(-dt / tauPost));
            }

            m *= Math.Exp(-dt / modTau);
        }

        var net = simulator.Network;
        for (int i = 0; i < 2; i++)
        {
            AssertRelative(x[i], net.Populations[0].Rate[i], $"x[{i}]");
        }

        for (int j = 0; j < 3; j++)
        {
            AssertRelative(y[j], net.Populations[1].Rate[j], $"y[{j}]");
            for (int i = 0; i < 2; i++)
            {
                AssertRelative(w[j, i], net.Projections[0].Weights[(j * 2) + i], $"w[{j},{i}]");
            }
        }

        // Sanity: learning moved the weights well beyond the tolerance.
        Assert.True(Math.Abs(w[1, 0] - rest) > 0.01, $"w[1,0] = {w[1, 0]}");

        static void AssertRelative(double expected, double actual, string what) =>
            Assert.True(
                Math.Abs(actual - expected) <= 1e-4 * Math.Max(Math.Abs(expected), 1e-3),
                $"{what}: simulator {actual:R}, reference {expected:R}");
    }

    /// <summary>
    /// Pre: one linear unit driven by input "x" of amplitude <paramref name="x"/>. Post: one sigmoid unit with gain 0
    /// (rate ½ whatever its input). One plastic all-to-all synapse "hebb" with initial weight <paramref name="rest"/>.
    /// </summary>
    private static SpecBuilder ConstantRatesSpec(double x, PlasticitySpec plasticity, double rest = 0.2, double min = -10, double max = 10) =>
        new SpecBuilder()
            .Population("pre", 1, tauMs: 10)
            .Population("post", 1, tauMs: 10, activation: Activation.Sigmoid, gain: 0)
            .Input("x", "pre", x)
            .Projection("hebb", "pre", "post", new WeightSpec(new ConstantDistribution(rest), min, max), plasticity: plasticity);

    /// <summary>Starts both units at their fixed points, so the exponential Euler update leaves them exactly there.</summary>
    private static void HoldRatesAtFixedPoint(RateSimulator simulator, double x)
    {
        simulator.Network.Populations[0].Rate[0] = (float)x;
        simulator.Network.Populations[1].Rate[0] = 0.5f;
    }
}
