using Neurotag.Core.Rate;
using Neurotag.Core.Recording;
using Neurotag.Core.Specs;
using static Neurotag.Core.Tests.Rate.Plasticity.RuleTestKit;

namespace Neurotag.Core.Tests.Rate.Plasticity;

/// <summary>
/// Synaptic scaling, dw/dt = … + (F_T − F_post)·g(w)/τ_SS with g = w² (Tetzlaff et al. 2011, 2013, 2015) or g = w
/// (van Rossum, Bi &amp; Turrigiano 2000). Rates are held exactly constant (RuleTestKit: pre x, post ½), so the scaling
/// term alone has closed forms, w0/(1 + (F − F_T)·w0·t/τ) and w0·e^{(F_T − F)t/τ}, and with Hebbian learning
/// (η·x·y) the quadratic form has the fixed point η·x·y = (y − F_T)·w*²/τ, i.e. w* = √(η·x·y·τ/(y − F_T)).
/// </summary>
public sealed class ScalingTests
{
    private const double X = 0.8;

    [Theory]
    [InlineData(0.2, 1000.0, 0.6, 2000)] // above target: shrinks
    [InlineData(0.9, 500.0, 0.3, 1500)]  // below target: grows (1 − k·w stays > 0)
    public void Quadratic_AloneWithConstantRates_FollowsTheClosedFormHyperbola(double target, double tauMs, double w0, long steps)
    {
        var spec = WithScaling(ConstantRatesSpec(X, Rule(PlasticityRule.Hebbian, 0)).Phase("scale", steps, inputs: ["x"]).Build(), new ScalingSpec(ScalingForm.Quadratic, target, tauMs));

        var simulator = RunHeld(spec, X, (float)w0);

        // Each step is the exact solution for the step's (constant) rate, so only float rounding remains: ≤ 4 ulp per step.
        double k = (HeldY - target) / tauMs; // per ms
        double expected = w0 / (1 + (k * w0 * steps));
        double w = simulator.Network.Projections[0].Weights[0];
        Assert.True(Math.Abs(w - expected) <= 4 * steps * U * expected, $"w = {w:R}, closed form {expected:R}");
        Assert.True(Math.Abs(expected - w0) > 0.1 * w0, "the weight must have moved");
    }

    [Theory]
    [InlineData(0.2, 800.0, 0.6, 1000)]
    [InlineData(0.7, 800.0, 0.3, 1000)]
    public void Multiplicative_AloneWithConstantRates_IsExponentialAtTheRateGap(double target, double tauMs, double w0, long steps)
    {
        var spec = WithScaling(ConstantRatesSpec(X, Rule(PlasticityRule.Hebbian, 0)).Phase("scale", steps, inputs: ["x"]).Build(), new ScalingSpec(ScalingForm.Multiplicative, target, tauMs));

        var simulator = RunHeld(spec, X, (float)w0);

        // The per-step factor e^k is rounded to float once (relative U, applied `steps` times) and each product once:
        // 2·steps·U relative.
        double expected = w0 * Math.Exp((target - HeldY) * steps / tauMs);
        double w = simulator.Network.Projections[0].Weights[0];
        Assert.True(Math.Abs(w - expected) <= 2 * steps * U * expected, $"w = {w:R}, closed form {expected:R}");
        Assert.True(Math.Abs(expected - w0) > 0.1 * w0, "the weight must have moved");
    }

    [Theory]
    [InlineData(1.0, 0.3, 1000.0, 0.2)]
    [InlineData(2.0, 0.1, 400.0, 1.5)]
    public void HebbianPlusQuadraticScaling_SettlesAtTheFixedPointOfTetzlaff(double eta, double target, double tauMs, double w0)
    {
        const long steps = 30_000; // 30 s, many relaxation times 1/(2·(y − F_T)·w*/τ) ≤ 2.3 s
        var spec = WithScaling(ConstantRatesSpec(X, Rule(PlasticityRule.Hebbian, eta)).Phase("learn", steps, inputs: ["x"]).Build(), new ScalingSpec(ScalingForm.Quadratic, target, tauMs));

        var simulator = RunHeld(spec, X, (float)w0);

        // η·x·y = (y − F_T)·w*²/τ (η per s, τ in s). The rule's Euler step a = η·x·y·dt followed by the exact scaling step
        // has the discrete fixed point w·(w + a) = w*², about a/2 below w*. In float32 the two updates of a step are each
        // rounded (≤ ½ ulp), a bias the restoring rate 2·|k|·w* per step (k = (F_T − y)·dt/τ) turns into a shift of up
        // to ulp(w*)/(2·|k|·w*). Tolerance: the sum of both.
        double wStar = Math.Sqrt(eta * X * HeldY * (tauMs / 1000) / (HeldY - target));
        double a = eta * X * HeldY * 1e-3;
        double k = (HeldY - target) / tauMs;
        double ulp = MathF.BitIncrement((float)wStar) - (float)wStar;
        double w = simulator.Network.Projections[0].Weights[0];
        Assert.True(Math.Abs(w - wStar) <= (a / 2) + (ulp / (2 * k * wStar)), $"w = {w:R}, fixed point {wStar:R}");
        Assert.True(Math.Abs(w - wStar) < 0.01 * Math.Abs(w0 - wStar), "and it got there from w0");
    }

    [Fact]
    public void Scaling_OnTwoProjectionsOntoOneNeuron_ScalesBothByTheSameRateGap()
    {
        // Two inputs onto the same post unit through different projections: the multiplicative form multiplies both by
        // e^{(F_T − F)t/τ} whatever their projection, so their ratio is kept while both shrink (the neuron is above target).
        var built = new SpecBuilder()
            .Population("a", 1, tauMs: 10)
            .Population("b", 1, tauMs: 10)
            .Population("post", 1, tauMs: 10, activation: Activation.Sigmoid, gain: 0)
            .Projection("pa", "a", "post", new WeightSpec(new ConstantDistribution(0.4), 0, 10), plasticity: Rule(PlasticityRule.Hebbian, 0))
            .Projection("pb", "b", "post", new WeightSpec(new ConstantDistribution(0.1), 0, 10), plasticity: Rule(PlasticityRule.Hebbian, 0))
            .Phase("scale", 500)
            .Build();
        var scaling = new ScalingSpec(ScalingForm.Multiplicative, 0.25, 500);
        var spec = built with { Projections = [.. built.Projections.Select(p => p with { Scaling = scaling })] };
        var simulator = new RateSimulator(spec);
        simulator.Network.Populations[2].Rate[0] = (float)HeldY;

        simulator.Run(new MemoryRecordSink());

        double factor = Math.Exp((0.25 - HeldY) * 500 / 500);
        Assert.Equal(0.4 * factor, simulator.Network.Projections[0].Weights[0], 1e-5);
        Assert.Equal(0.1 * factor, simulator.Network.Projections[1].Weights[0], 1e-5);
    }

    [Fact]
    public void Scaling_InAPhaseWithPlasticityOff_LeavesWeightsUnchanged()
    {
        var spec = WithScaling(ConstantRatesSpec(X, Rule(PlasticityRule.Hebbian, 0)).Phase("frozen", 300, inputs: ["x"], plasticity: false).Build(), new ScalingSpec(ScalingForm.Quadratic, 0.1, 100));

        var simulator = RunHeld(spec, X, 0.7f);

        Assert.Equal(0.7f, simulator.Network.Projections[0].Weights[0]);
    }

    private static SimulationSpec WithScaling(SimulationSpec spec, ScalingSpec scaling) =>
        spec with { Projections = [spec.Projections[0] with { Scaling = scaling }] };
}
