using Neurotag.Core.Randomness;
using Neurotag.Core.Rate;
using Neurotag.Core.Recording;
using Neurotag.Core.Specs;

namespace Neurotag.Core.Tests.Rate;

/// <summary>
/// Homeostatic threshold adaptation (Turrigiano 2008), the <c>sensitize</c> and <c>disinhibit</c> phase actions, and
/// tag imprecision.
/// </summary>
public sealed class IntrinsicPlasticityTests
{
    /// <summary>One linear unit (gain g, τ = 1 ms) with constant input I and homeostasis toward r_t.</summary>
    private static SimulationSpec LinearUnit(double gain, double input, double target, double tauHMs, params PhaseSpec[] phases)
    {
        var spec = new SpecBuilder().Population("n", 1, tauMs: 1, gain: gain).Input("drive", "n", input).Build();
        var neuron = (RateNeuronSpec)spec.Populations[0].Neuron;
        return spec with
        {
            Populations = [spec.Populations[0] with { Neuron = neuron with { Homeostasis = new HomeostasisSpec(target, tauHMs) } }],
            Protocol = phases,
        };
    }

    private static PhaseSpec Phase(string name, long steps, bool plasticity = true, bool offline = false) =>
        new(name, 0, steps, offline, offline ? [] : ["drive"], [], plasticity, []);

    /// <summary>
    /// For a linear unit r = g·(I − θ) that is fast against τ_h (τ = 1 ms, τ_h/g = 500 ms), τ_h dθ/dt = r − r_t gives
    /// θ(t) = θ* + (θ0 − θ*)·e^{−g·t/τ_h} with θ* = I − r_t/g: the rate converges to the target. Checked against the
    /// closed form (tolerance 3e-3: the rate lags θ by τ, a relative O(g·τ/τ_h) = 2e-3, plus O(dt/τ_h)) and against a
    /// naive double-precision run of the same discrete scheme (float32 tolerance).
    /// </summary>
    [Fact]
    public void Homeostasis_ConvergesToTheTargetRate_AlongTheClosedForm()
    {
        const double g = 2, input = 1, target = 0.5, tauH = 1000;
        const double thetaStar = input - (target / g);
        foreach (long steps in new long[] { 250, 500, 1000, 5000 })
        {
            var simulator = new Neurotag.Core.Rate.RateSimulator(LinearUnit(g, input, target, tauH, Phase("run", steps)));
            simulator.Run(new MemoryRecordSink());
            double theta = simulator.Network.Populations[0].Threshold[0];

            double closed = thetaStar + ((0 - thetaStar) * Math.Exp(-g * steps / tauH));
            Assert.True(Math.Abs(theta - closed) < 3e-3, $"t = {steps} ms: θ = {theta:R}, closed form {closed:R}");

            // Naive reference of the discrete scheme: exponential Euler for r, then θ += dt/τ_h·(r − r_t).
            double r = 0, th = 0, a = Math.Exp(-1.0);
            for (long k = 0; k < steps; k++)
            {
                double rInf = g * (input - th);
                r = rInf + ((r - rInf) * a);
                th += (r - target) / tauH;
            }

            Assert.True(Math.Abs(theta - th) < 1e-5, $"t = {steps} ms: θ = {theta:R}, naive {th:R}");
        }

        var converged = new Neurotag.Core.Rate.RateSimulator(LinearUnit(g, input, target, tauH, Phase("run", 10_000)));
        converged.Run(new MemoryRecordSink());
        Assert.True(Math.Abs(converged.Network.Populations[0].Rate[0] - target) < 1e-3, "the rate reaches the target");
    }

    [Fact]
    public void Homeostasis_IsFrozenOffline_AndByPlasticityOff()
    {
        var simulator = new Neurotag.Core.Rate.RateSimulator(LinearUnit(2, 1, 0.5, 1000, Phase("learn", 300), Phase("frozen", 300, plasticity: false), Phase("away", 1_000_000, offline: true)));
        var sink = new MemoryRecordSink();
        var reference = new Neurotag.Core.Rate.RateSimulator(LinearUnit(2, 1, 0.5, 1000, Phase("learn", 300)));
        reference.Run(new MemoryRecordSink());

        simulator.Run(sink);

        Assert.Equal(reference.Network.Populations[0].Threshold[0], simulator.Network.Populations[0].Threshold[0]);
    }

    /// <summary>sensitize shifts every threshold of its population and scales its gain; disinhibit scales an inhibitory projection's weights; nothing else changes.</summary>
    [Fact]
    public void SensitizeAndDisinhibit_ChangeExactlyTheStatedParameters()
    {
        var builder = new SpecBuilder()
            .Population("a", 3, gain: 4, threshold: 0.3)
            .Population("b", 2, gain: 5, threshold: 0.6)
            .Projection("inh", "a", "b", new WeightSpec(new UniformDistribution(0.1, 0.9), 0, 1), inhibitory: true)
            .Projection("exc", "a", "b", new WeightSpec(new UniformDistribution(0.1, 0.9), 0, 1));
        var spec = builder.Build();
        var phase = new PhaseSpec("sensitization", 0, 1, Offline: true, [], [], Plasticity: true, [])
        {
            Sensitizations = [new Sensitization("a", -0.2, 1.5)],
            Disinhibitions = [new Disinhibition("inh", 0.5)],
        };
        var simulator = new Neurotag.Core.Rate.RateSimulator(spec with { Protocol = [phase] });
        float[] inhBefore = [.. simulator.Network.Projections[0].Weights];
        float[] excBefore = [.. simulator.Network.Projections[1].Weights];

        simulator.Run(new MemoryRecordSink());

        var a = simulator.Network.Populations[0];
        var b = simulator.Network.Populations[1];
        Assert.All(a.Threshold, t => Assert.Equal((float)(0.3f + -0.2), t));
        Assert.Equal(4 * 1.5, a.Gain);
        Assert.All(b.Threshold, t => Assert.Equal(0.6f, t));
        Assert.Equal(5, b.Gain);
        Assert.Equal(inhBefore.Select(w => w * 0.5f), simulator.Network.Projections[0].Weights);
        Assert.Equal(excBefore, simulator.Network.Projections[1].Weights);
    }

    /// <summary>
    /// Imprecision: round(f·|tag|) non-members, the nearest on the ring (no non-spill non-member is nearer than a spill
    /// neuron), receive the tag's drive; a partial input takes the same fraction of the spill set.
    /// </summary>
    [Theory]
    [InlineData(0.1, 1.0)]
    [InlineData(0.25, 1.0)]
    [InlineData(0.25, 0.5)]
    public void Imprecision_SpillsTheStatedFraction_OntoTheNearestNonMembers(double imprecision, double fraction)
    {
        var spec = new SpecBuilder().Population("cortex", 400).Tag("pain", "cortex", 40).Input("noci", "pain", 1.0, targetIsTag: true, fraction: fraction).Build();
        spec = spec with { Tags = [spec.Tags[0] with { Imprecision = imprecision }] };
        var network = new Neurotag.Core.Rate.RateSimulator(spec).Network;
        var tag = network.Tags[0];
        var members = tag.Members.ToHashSet();

        Assert.Equal((int)Math.Round(imprecision * 40, MidpointRounding.AwayFromZero), tag.Spill.Length);
        Assert.DoesNotContain(tag.Spill, members.Contains);
        int Distance(int n) => members.Min(m => Math.Min(Math.Abs(n - m), 400 - Math.Abs(n - m)));
        int farthestSpill = tag.Spill.Max(Distance);
        Assert.All(Enumerable.Range(0, 400).Where(n => !members.Contains(n) && !tag.Spill.Contains(n)), n => Assert.True(Distance(n) >= farthestSpill));

        var driven = network.Inputs[0].Neurons;
        int drivenMembers = driven.Count(members.Contains);
        int drivenSpill = driven.Count(tag.Spill.Contains);
        Assert.Equal((int)Math.Round(fraction * 40), drivenMembers);
        Assert.Equal((int)Math.Round(fraction * tag.Spill.Length), drivenSpill);
        Assert.Equal(driven.Count, drivenMembers + drivenSpill);
        Assert.Equal((double)drivenSpill / drivenMembers, imprecision, 0.02);
    }

    /// <summary>For an explicit range the spill set is the ring neighbours on both sides, nearest first.</summary>
    [Fact]
    public void Imprecision_OfARange_TakesTheNeighboursOnBothSides()
    {
        int[] members = Enumerable.Range(100, 60).ToArray();

        var spill = TagImprecision.Spill(members, 200, 0.25, RandomSource.ForName(1, "imprecision:pain"));

        Assert.Equal(15, spill.Length);
        Assert.Subset(Enumerable.Range(92, 8).Concat(Enumerable.Range(160, 8)).ToHashSet(), spill.ToHashSet());
        Assert.Superset(Enumerable.Range(93, 7).Concat(Enumerable.Range(160, 7)).ToHashSet(), spill.ToHashSet());
    }
}
