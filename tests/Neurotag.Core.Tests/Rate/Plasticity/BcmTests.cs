using Neurotag.Core.Rate;
using Neurotag.Core.Rate.Drives;
using Neurotag.Core.Rate.Plasticity;
using Neurotag.Core.Recording;
using Neurotag.Core.Specs;
using static Neurotag.Core.Tests.Rate.Plasticity.RuleTestKit;

namespace Neurotag.Core.Tests.Rate.Plasticity;

/// <summary>
/// BCM, dw_i/dt = η·x_i·y·(y − θ) with τ_θ dθ/dt = y² − θ (Bienenstock, Cooper &amp; Munro 1982; Intrator &amp; Cooper
/// 1992). Per step: the weights use θ of the start of the step, then θ ← y² + (θ − y²)·e^{−dt/τ_θ}.
/// </summary>
public sealed class BcmTests
{
    private const double DtMs = 1;

    // Two binary patterns over 7 inputs sharing input 3, shown alternately for 10 ms each (p = ½ each).
    private static readonly int[][] Patterns = [[0, 1, 2, 3], [3, 4, 5, 6]];

    /// <summary>
    /// A linear unit y = w·x shown two overlapping patterns alternately becomes selective. Theory (Intrator &amp; Cooper
    /// 1992): for linearly independent patterns the stable fixed points of the averaged rule have y = θ for one pattern
    /// and y = 0 for the other, and θ = ⟨y²⟩ = p·θ² gives y_preferred = 1/p = 2. With non-negative weights, y = 0 on the
    /// other pattern forces every weight it drives, the shared one included, to 0. τ_θ = 100 ms is 10 pattern
    /// holds, so θ ripples by about y²·(hold/τ_θ)/2 ≈ ±5 % around ⟨y²⟩; learning (η = 1 /s) is slower still, as BCM's
    /// stability requires. Tolerances: the preferred response within 10 % of 1/p (the θ ripple), the other below 5 %
    /// of it, and θ averaged over whole presentation cycles within 1 % of ⟨y²⟩ over the same steps (for a periodic
    /// steady state the two averages are equal; the 1 % covers the residual drift).
    /// </summary>
    [Fact]
    public void Bcm_WithTwoPatternsShownAlternately_BecomesSelectiveWithThetaTrackingMeanYSquared()
    {
        var spec = Rule(PlasticityRule.Bcm, eta: 1.0) with { BcmTauThetaMs = 100 };
        var drive = new DirectDrive(7, 1, spec, new WeightSpec(new UniformDistribution(0.1, 0.3), 0, 5), seed: 3);
        var bcm = (BcmRule)drive.Rule;
        var patterns = Patterns.Select(p => Enumerable.Range(0, 7).Select(i => p.Contains(i) ? 1.0 : 0.0).ToArray()).ToArray();
        double[] initial = [drive.LinearReadout(0, patterns[0]), drive.LinearReadout(0, patterns[1])];
        const int steps = 12_000, hold = 10, window = 2_000; // window: 100 whole presentation cycles
        double sumTheta = 0, sumY2 = 0;

        for (int t = 0; t < steps; t++)
        {
            var x = patterns[(t / hold) % 2];
            double y = drive.LinearReadout(0, x);
            if (t >= steps - window)
            {
                sumTheta += bcm.Theta[0];
                sumY2 += y * y;
            }

            drive.Step(x, [y]);
        }

        double r0 = drive.LinearReadout(0, patterns[0]), r1 = drive.LinearReadout(0, patterns[1]);
        double preferred = Math.Max(r0, r1), other = Math.Min(r0, r1);
        string state = $"responses {r0:F4}, {r1:F4} (initially {initial[0]:F4}, {initial[1]:F4}), θ = {bcm.Theta[0]:F4}";
        Assert.True(Math.Max(initial[0], initial[1]) < 1.5 * Math.Min(initial[0], initial[1]), "the initial responses must be similar: " + state);
        Assert.True(preferred > 5 * other, "not selective: " + state);
        Assert.True(Math.Abs(preferred - 2.0) < 0.2, "preferred response away from 1/p = 2: " + state);
        Assert.True(other < 0.05 * preferred, "other response not suppressed: " + state);
        double meanTheta = sumTheta / window, meanY2 = sumY2 / window;
        Assert.True(Math.Abs(meanTheta - meanY2) < 0.01 * meanY2, $"⟨θ⟩ = {meanTheta:R}, ⟨y²⟩ = {meanY2:R}; " + state);
    }

    /// <summary>
    /// The same experiment through the whole simulator: the patterns are two tag inputs switched every 10 ms, pre and
    /// post are linear rate units with τ = 1 ms (so rates lag their inputs by a step or two), and learning happens in
    /// the step cycle. The unit ends selective (ratio &gt; 5 between its steady responses w·x to the two patterns).
    /// </summary>
    [Fact]
    public void Bcm_InTheFullStepCycle_BecomesSelectiveToOneOfTwoAlternatingPatterns()
    {
        var spec = new SpecBuilder()
            .Seed(3)
            .Population("pre", 7, tauMs: 1)
            .Population("post", 1, tauMs: 1)
            .TagRange("a", "pre", 0, 3)
            .TagRange("b", "pre", 3, 6)
            .Input("pa", "a", 1.0, targetIsTag: true)
            .Input("pb", "b", 1.0, targetIsTag: true)
            .Projection(
                "plastic",
                "pre",
                "post",
                new WeightSpec(new UniformDistribution(0.1, 0.3), 0, 5),
                plasticity: Rule(PlasticityRule.Bcm, 1.0) with { BcmTauThetaMs = 100 })
            .Phase("show", 1, inputs: ["pa", "pb"])
            .Build();
        var simulator = new RateSimulator(spec);
        var net = simulator.Network;
        DriveInput[][] shown = [[net.Inputs[0]], [net.Inputs[1]]];

        for (int t = 0; t < 12_000; t++)
        {
            simulator.Step(shown[(t / 10) % 2], learning: true);
        }

        var w = net.Projections[0].Weights;
        double r0 = Patterns[0].Sum(i => w[i]), r1 = Patterns[1].Sum(i => w[i]);
        double theta = ((BcmRule)net.Rules[0]).Theta[0];
        Assert.True(Math.Max(r0, r1) > 5 * Math.Min(r0, r1), $"responses {r0:F4}, {r1:F4}, θ = {theta:F4}");
        Assert.True(Math.Max(r0, r1) > 1, $"the preferred response must have grown: {r0:F4}, {r1:F4}");
    }

    /// <summary>
    /// Rates held (x, y = ½), θ starting at theta_init = θ0: θ(t) = y² + (θ0 − y²)·e^{−t/τ_θ} and
    /// w(T) = w0 + η·x·y·[(y − y²)·T − (θ0 − y²)·τ_θ·(1 − e^{−T/τ_θ})]. θ is advanced exactly (to double rounding); the
    /// weights use θ of the start of each step (a left Riemann sum of the exponential), which is off by at most the
    /// transient part times dt/τ_θ.
    /// </summary>
    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    public void Bcm_WithRatesHeldAndAThetaInit_FollowsTheClosedFormOfTheSlidingThreshold(double theta0)
    {
        const double x = 0.8, y = HeldY, eta = 2.0, tauThetaMs = 50, w0 = 0.2;
        const long steps = 400;
        var spec = ConstantRatesSpec(x, Rule(PlasticityRule.Bcm, eta) with { BcmTauThetaMs = tauThetaMs, BcmThetaInit = theta0 })
            .Phase("learn", steps, inputs: ["x"])
            .Build();

        var simulator = RunHeld(spec, x);

        double t = steps * DtMs / 1000, tau = tauThetaMs / 1000, y2 = y * y;
        double decayed = Math.Exp(-t / tau);
        double theta = ((BcmRule)simulator.Network.Rules[0]).Theta[0];
        Assert.True(Math.Abs(theta - (y2 + ((theta0 - y2) * decayed))) < 1e-12, $"θ = {theta:R}");
        double transient = eta * x * y * (theta0 - y2) * tau * (1 - decayed);
        double expected = w0 + (eta * x * y * (y - y2) * t) - transient;
        double w = simulator.Network.Projections[0].Weights[0];
        double tolerance = (Math.Abs(transient) * DtMs / tauThetaMs) + (4 * steps * U);
        Assert.True(Math.Abs(w - expected) <= tolerance, $"w = {w:R}, closed form {expected:R}, tolerance {tolerance:R}");
    }

    /// <summary>
    /// Without theta_init, θ starts at y² of the first learning step: with y held, θ = y² throughout and
    /// dw/dt = η·x·y·(y − y²) is constant, so w grows linearly (forward Euler is exact for a constant integrand).
    /// </summary>
    [Fact]
    public void Bcm_WithoutThetaInit_StartsThetaAtYSquaredSoHeldRatesGiveLinearGrowth()
    {
        const double x = 0.8, y = HeldY, eta = 2.0, w0 = 0.2;
        const long steps = 500;
        var spec = ConstantRatesSpec(x, Rule(PlasticityRule.Bcm, eta)).Phase("learn", steps, inputs: ["x"]).Build();

        var simulator = RunHeld(spec, x);

        Assert.Equal(y * y, ((BcmRule)simulator.Network.Rules[0]).Theta[0], 15);
        double expected = w0 + (eta * x * y * (y - (y * y)) * steps * DtMs / 1000);
        double w = simulator.Network.Projections[0].Weights[0];
        Assert.True(Math.Abs(w - expected) <= 2 * steps * U * expected, $"w = {w:R}, closed form {expected:R}");
    }

    [Fact]
    public void Bcm_InAPhaseWithPlasticityOff_LeavesWeightsUnchanged() => AssertPlasticityOffFreezesWeights(PlasticityRule.Bcm);

    /// <summary>θ belongs to the learning state: a phase with plasticity off leaves it where the last learning step left it.</summary>
    [Fact]
    public void Bcm_InAPhaseWithPlasticityOff_FreezesTheta()
    {
        var spec = ConstantRatesSpec(0.8, Rule(PlasticityRule.Bcm, 1.0) with { BcmThetaInit = 3.0 })
            .Phase("frozen", 300, inputs: ["x"], plasticity: false)
            .Build();

        var simulator = RunHeld(spec, 0.8);

        Assert.Equal(3.0, ((BcmRule)simulator.Network.Rules[0]).Theta[0]);
    }

    [Fact]
    public void Bcm_Offline_AppliesOnlyTheClosedFormDecayToWeights() => AssertOfflineAppliesOnlyDecay(PlasticityRule.Bcm);

    /// <summary>Offline the network is at rest (y = 0), so τ_θ dθ/dt = −θ: θ(T) = θ·e^{−T/τ_θ}.</summary>
    [Fact]
    public void Bcm_Offline_RelaxesThetaTowardZeroInClosedForm()
    {
        var spec = ConstantRatesSpec(0.8, Rule(PlasticityRule.Bcm, 1.0) with { BcmTauThetaMs = 2_000, BcmThetaInit = 1.5 })
            .Phase("rest", 3_000, offline: true)
            .Build();

        var simulator = RunHeld(spec, 0.8);

        Assert.Equal(1.5 * Math.Exp(-1.5), ((BcmRule)simulator.Network.Rules[0]).Theta[0], 12);
    }

    /// <summary>y = ½ above θ = 0.1 potentiates toward a fixed point beyond max = 1; y = ½ below θ = 2 depresses below min = 0.2.</summary>
    [Theory]
    [InlineData(0.1, 1f)]
    [InlineData(2.0, 0.2f)]
    public void Bcm_WhenLearningWouldPassABound_StopsExactlyAtIt(double theta0, float bound)
    {
        var spec = ConstantRatesSpec(0.8, Rule(PlasticityRule.Bcm, 40.0) with { BcmThetaInit = theta0, BcmTauThetaMs = 1e9 }, rest: 0.5, min: 0.2, max: 1)
            .Phase("learn", 500, inputs: ["x"])
            .Record(1, weights: new WeightRecordSpec("plastic", 10, 0))
            .Build();
        var simulator = new RateSimulator(spec);
        HoldRatesAtFixedPoint(simulator, 0.8);
        var sink = new MemoryRecordSink();

        simulator.Run(sink);

        Assert.All(sink.WeightBlocks, b => Assert.True(b.Min >= 0.2 && b.Max <= 1.0, $"w outside [0.2, 1] at t = {b.TimeMs}: [{b.Min}, {b.Max}]"));
        Assert.Equal(bound, simulator.Network.Projections[0].Weights[0]);
    }
}
