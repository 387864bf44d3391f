using Neurotag.Core.Rate;
using Neurotag.Core.Rate.Plasticity;
using Neurotag.Core.Recording;
using Neurotag.Core.Specs;

namespace Neurotag.Core.Tests.Rate.Plasticity;

/// <summary>
/// Shared set-ups of the Oja, BCM and covariance tests. Two ways to drive a rule:
/// <list type="bullet">
/// <item>through the whole simulator with rates held exactly constant (<see cref="ConstantRatesSpec"/>: a linear pre
/// unit started at its fixed point x, a sigmoid post unit with gain 0 whose rate stays ½ whatever its input);</item>
/// <item>directly (<see cref="DirectDrive"/>): the test writes the pre and post rates of each step and calls the rule's
/// <see cref="IProjectionRule.Advance"/>, so inputs can be arbitrary sequences and y can be an instantaneous linear
/// readout y = Σ w·x, as the textbook analyses assume.</item>
/// </list>
/// </summary>
internal static class RuleTestKit
{
    /// <summary>Float32 unit roundoff.</summary>
    public const double U = 1.0 / (1 << 24);

    /// <summary>The post rate of <see cref="ConstantRatesSpec"/>: f(0) = ½ for a sigmoid with gain 0.</summary>
    public const double HeldY = 0.5;

    /// <summary>A plasticity spec with the given rule, no decay and no modulation.</summary>
    public static PlasticitySpec Rule(PlasticityRule rule, double eta, double? decayTauMs = null) => new(rule, eta, decayTauMs, null, 0);

    /// <summary>One linear pre unit driven by input "x", one post unit held at ½, one plastic synapse "plastic".</summary>
    public static SpecBuilder ConstantRatesSpec(double x, PlasticitySpec plasticity, double rest = 0.2, double min = -10, double max = 10) =>
        new SpecBuilder()
            .Population("pre", 1, tauMs: 10)
            .Population("post", 1, tauMs: 10, activation: Activation.Sigmoid, gain: 0)
            .Input("x", "pre", x)
            .Projection("plastic", "pre", "post", new WeightSpec(new ConstantDistribution(rest), min, max), plasticity: plasticity);

    /// <summary>Starts both units of <see cref="ConstantRatesSpec"/> at their fixed points, where exponential Euler keeps them exactly.</summary>
    public static void HoldRatesAtFixedPoint(RateSimulator simulator, double x)
    {
        simulator.Network.Populations[0].Rate[0] = (float)x;
        simulator.Network.Populations[1].Rate[0] = (float)HeldY;
    }

    /// <summary>Runs <paramref name="spec"/> with the rates of <see cref="ConstantRatesSpec"/> held; returns the simulator.</summary>
    public static RateSimulator RunHeld(SimulationSpec spec, double x, float? w0 = null)
    {
        var simulator = new RateSimulator(spec);
        HoldRatesAtFixedPoint(simulator, x);
        if (w0 is { } w)
        {
            simulator.Network.Projections[0].Weights[0] = w;
        }

        simulator.Run(new MemoryRecordSink());
        return simulator;
    }

    /// <summary>
    /// A phase with <c>plasticity: off</c> leaves the weights bit-for-bit unchanged, even away from rest with decay on
    /// (decay would move them if it ran).
    /// </summary>
    public static void AssertPlasticityOffFreezesWeights(PlasticityRule rule)
    {
        var spec = ConstantRatesSpec(0.8, Rule(rule, 5.0, decayTauMs: 20), rest: 0.1)
            .Phase("frozen", 300, inputs: ["x"], plasticity: false)
            .Build();

        var simulator = RunHeld(spec, 0.8, w0: 0.7f);

        Assert.Equal(0.7f, simulator.Network.Projections[0].Weights[0]);
    }

    /// <summary>
    /// An offline phase applies only the closed-form decay w_rest + (w − w_rest)·e^{−T/τ} to the weights (the
    /// learning term needs activity), and nothing at all without decay.
    /// </summary>
    public static void AssertOfflineAppliesOnlyDecay(PlasticityRule rule)
    {
        const double rest = 0.3, tauMs = 2_000, offlineMs = 5_000;
        float[] initial = [0.9f, 0.05f, 0.3f, 0.55f, 0.0f, 1.0f];
        foreach (bool withDecay in new[] { true, false })
        {
            var spec = new SpecBuilder()
                .Population("pre", 3)
                .Population("post", 2)
                .Projection(
                    "plastic",
                    "pre",
                    "post",
                    new WeightSpec(new ConstantDistribution(rest), 0, 1),
                    plasticity: Rule(rule, 50, withDecay ? tauMs : null))
                .Phase("rest", (long)offlineMs, offline: true)
                .Build();
            var simulator = new RateSimulator(spec);
            var weights = simulator.Network.Projections[0].Weights;
            initial.CopyTo(weights, 0);

            simulator.Run(new MemoryRecordSink());

            // T/τ = 2.5; float tolerance: a few ulps of O(1) weights.
            for (int k = 0; k < initial.Length; k++)
            {
                double expected = withDecay ? rest + ((initial[k] - rest) * Math.Exp(-offlineMs / tauMs)) : initial[k];
                Assert.True(Math.Abs(weights[k] - expected) <= 4e-7, $"{rule}, decay {withDecay}: w[{k}] = {weights[k]:R}, closed form {expected:R}");
            }
        }
    }

    /// <summary>Cosine of the angle between two vectors.</summary>
    public static double Cosine(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        double dot = 0, na = 0, nb = 0;
        for (int i = 0; i < a.Count; i++)
        {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }

        return dot / Math.Sqrt(na * nb);
    }
}

/// <summary>
/// Drives one rule directly: a network of <c>pre</c> (n linear units) → <c>post</c> (m linear units) with one
/// all-to-all projection "plastic"; each <see cref="Step"/> writes the rates, gathers them into the projection and
/// calls the rule, exactly as step 3 of the simulator's cycle does (populations are not integrated). A modulator named
/// by the plasticity spec is declared with baseline 0.
/// </summary>
internal sealed class DirectDrive
{
    public DirectDrive(int preCount, int postCount, PlasticitySpec plasticity, WeightSpec weight, ulong seed = 1)
    {
        var builder = new SpecBuilder()
            .Seed(seed)
            .Population("pre", preCount)
            .Population("post", postCount)
            .Projection("plastic", "pre", "post", weight, plasticity: plasticity)
            .Phase("drive", 1);
        if (plasticity.ModulatedBy is { } modulator)
        {
            builder.Modulator(modulator, 0.0, null); // its level is set by the test through Network.Modulators
        }

        Network = new RateSimulator(builder.Build()).Network;
    }

    public RateNetwork Network { get; }

    public DenseProjection Projection => Network.Projections[0];

    public IProjectionRule Rule => Network.Rules[0];

    public float[] Weights => Projection.Weights;

    /// <summary>One learning step with presynaptic rates <paramref name="x"/> and postsynaptic rates <paramref name="y"/>; returns the post input it produced.</summary>
    public float[] Step(ReadOnlySpan<double> x, ReadOnlySpan<double> y, bool learning = true)
    {
        var pre = Network.Populations[0];
        var post = Network.Populations[1];
        for (int i = 0; i < x.Length; i++)
        {
            pre.Rate[i] = (float)x[i];
        }

        for (int j = 0; j < y.Length; j++)
        {
            post.Rate[j] = (float)y[j];
        }

        Array.Clear(post.Input);
        Projection.GatherPreRates();
        Rule.Advance(learning);
        return post.Input;
    }

    /// <summary>The linear readout y_j = Σ_i w_ji·x_i of the current weights, in double precision.</summary>
    public double LinearReadout(int row, ReadOnlySpan<double> x)
    {
        double y = 0;
        var w = Projection.Row(row);
        for (int i = 0; i < x.Length; i++)
        {
            y += w[i] * x[i];
        }

        return y;
    }
}
