using Neurotag.Core.Protocol;
using Neurotag.Core.Rate.Plasticity;
using Neurotag.Core.Specs;
using Neurotag.Core.Spiking.Plasticity;

namespace Neurotag.Core.Tests.Spiking;

/// <summary>STDP as a projection's rule: modulation, plasticity off, normalization and pruning on sparse weights.</summary>
public sealed class StdpPlasticityTests
{
    private const double DtMs = 0.1;
    private static readonly StdpSpec Additive = new(20, 20, 0.01, 0.0105, StdpWeightDependence.Additive, StdpPairing.AllToAll);

    /// <summary>Without an eligibility trace a modulator level m scales the pair update by 1 + g·m (rate rules' three-factor factor).</summary>
    [Fact]
    public void Modulator_ScalesPairUpdateByOnePlusGainTimesLevel()
    {
        var modulators = new ModulatorState([new ModulatorSpec("dopamine", 1.5, null)], DtMs);
        var plasticity = Rule(new PlasticitySpec(PlasticityRule.Stdp, 1, null, "dopamine", 2.0) { Stdp = Additive }, out var syn, modulators);
        Pair(plasticity, learning: true);
        double expected = 0.5 + ((1 + (2.0 * 1.5)) * 0.01 * Math.Exp(-0.5));
        Assert.Equal(expected, syn.Weight[0], 1e-6);
    }

    /// <summary><c>plasticity: off</c> leaves the weight unchanged but the traces still follow the spikes.</summary>
    [Fact]
    public void LearningOff_FreezesWeightsButKeepsTraces()
    {
        var plasticity = Rule(new PlasticitySpec(PlasticityRule.Stdp, 1, null, null, 1) { Stdp = Additive }, out var syn, null);
        Pair(plasticity, learning: false);
        Assert.Equal(0.5f, syn.Weight[0]);
        Assert.True(plasticity.Synapses.PostTrace[0] > 0.99f);
    }

    /// <summary>Normalization per post: after a check every column sums to the total (bounds not binding), exact to float rounding.</summary>
    [Fact]
    public void Normalization_ConservesEachPostsIncomingSum()
    {
        var pairs = new List<(int, int)> { (0, 0), (1, 0), (2, 0), (1, 1), (2, 1) };
        var syn = SparseSynapses.FromPairs(3, 2, pairs, s => 0.1f + (0.1f * s));
        var spec = Projection(new PlasticitySpec(PlasticityRule.Stdp, 1, null, null, 1) { Stdp = Additive }) with
        {
            Normalization = new NormalizationSpec(NormalizePer.Post, 1.0, 1),
        };
        var plasticity = new StdpPlasticity(syn, spec, new ModulatorState([], DtMs), DtMs);
        plasticity.EndStep(learning: true);
        for (int i = 0; i < 2; i++)
        {
            double sum = 0;
            for (int k = syn.ColStart[i]; k < syn.ColStart[i + 1]; k++)
            {
                sum += syn.Weight[syn.ColSynapse[k]];
            }

            Assert.Equal(1.0, sum, 1e-6);
        }
    }

    /// <summary>
    /// Pruning with the dense semantics: a synapse below threshold for `for` (3 checks of 1 ms) is removed — weight 0,
    /// and STDP never touches it again; offline, a synapse decaying below threshold is pruned once the closed-form time
    /// below reaches `for`.
    /// </summary>
    [Fact]
    public void Pruning_RemovesWeakSynapsesOnlineAndOffline()
    {
        var syn = SparseSynapses.FromPairs(3, 1, [(0, 0), (1, 0), (2, 0)], s => s switch { 0 => 0.01f, 1 => 0.5f, _ => 0.3f });
        var spec = Projection(new PlasticitySpec(PlasticityRule.Stdp, 1, 1000, null, 1) { Stdp = Additive }) with
        {
            Weight = new WeightSpec(new ConstantDistribution(0.0), 0, 1),
            Pruning = new PruningSpec(0.05, 3, 10),
        };
        var plasticity = new StdpPlasticity(syn, spec, new ModulatorState([], DtMs), DtMs);
        for (int t = 0; t < 30; t++)
        {
            plasticity.EndStep(learning: true);
        }

        Assert.Equal(0f, syn.Weight[0]);
        Assert.Equal(1, plasticity.Pruned);
        plasticity.OnPostSpikes([0], learning: true);
        plasticity.OnPreSpikes([0], learning: true);
        Assert.Equal(0f, syn.Weight[0]);

        // Offline 5 s with decay τ = 1 s toward 0: 0.3 → 0.05 at τ·ln(6) ≈ 1.79 s; 0.5 at τ·ln(10) ≈ 2.30 s: both below for > 3 ms.
        plasticity.FastForward(5000);
        Assert.Equal(3, plasticity.Pruned);
    }

    /// <summary>
    /// Online passive decay with τ of days: the per-step factor e^(−dt/τ) rounds to 1 in float32, so a per-step
    /// update would leave the weight unchanged forever. Applied in batches it follows the closed form
    /// w_rest + (w₀ − w_rest)·e^(−t/τ); tolerance 2e-7 absolute (float32 rounding near 0.9), while the decay itself
    /// is 0.4·(1 − e^(−t/τ)) ≈ 8e-5 here, so a lost decay fails the test.
    /// </summary>
    [Fact]
    public void OnlineDecay_WithTauOfDays_FollowsTheClosedForm()
    {
        const double tauMs = 10 * 86_400_000.0; // 10 days
        long k = StdpPlasticity.DecayBatchSteps(DtMs, tauMs);
        Assert.Equal(864_000, k); // 10⁻⁴·τ/dt
        var syn = SparseSynapses.FromPairs(1, 1, [(0, 0)], _ => 0.9f);
        var plasticity = new StdpPlasticity(syn, Projection(new PlasticitySpec(PlasticityRule.Stdp, 1, tauMs, null, 1) { Stdp = Additive }), new ModulatorState([], DtMs), DtMs);
        long steps = (2 * k) + 3; // two batches applied, 3 steps pending
        for (long t = 0; t < steps; t++)
        {
            plasticity.EndStep(learning: true);
        }

        double applied = 0.5 + (0.4 * Math.Exp(-(2 * k) * DtMs / tauMs));
        Assert.Equal(applied, syn.Weight[0], 2e-7);
        Assert.True(syn.Weight[0] < 0.89995f, $"the weight did not decay: {syn.Weight[0]}");
    }

    /// <summary>
    /// Offline phases first apply the online steps still pending, then the closed form over the phase: after 7 online
    /// steps (K = 10 at τ = 10 s) and 1 s offline the weight is w_rest + (w₀ − w_rest)·e^(−(0.7 ms + 1 s)/τ). The 0.7 ms
    /// matter: dropping them moves the weight by 2.5e-5, far above the 1e-7 tolerance.
    /// </summary>
    [Fact]
    public void FastForward_IncludesPendingOnlineDecay()
    {
        const double tauMs = 10_000;
        Assert.Equal(10, StdpPlasticity.DecayBatchSteps(DtMs, tauMs));
        var syn = SparseSynapses.FromPairs(1, 1, [(0, 0)], _ => 0.9f);
        var plasticity = new StdpPlasticity(syn, Projection(new PlasticitySpec(PlasticityRule.Stdp, 1, tauMs, null, 1) { Stdp = Additive }), new ModulatorState([], DtMs), DtMs);
        for (int t = 0; t < 7; t++)
        {
            plasticity.EndStep(learning: true);
        }

        Assert.Equal(0.9f, syn.Weight[0]); // nothing applied before the batch is full
        plasticity.FastForward(1000);
        Assert.Equal(0.5 + (0.4 * Math.Exp(-(0.7 + 1000) / tauMs)), syn.Weight[0], 1e-7);
    }

    private static void Pair(StdpPlasticity plasticity, bool learning)
    {
        for (int t = 0; t <= 100; t++)
        {
            if (t == 0)
            {
                plasticity.OnPreSpikes([0], learning);
            }

            if (t == 100)
            {
                plasticity.OnPostSpikes([0], learning);
            }

            plasticity.EndStep(learning);
        }
    }

    private static StdpPlasticity Rule(PlasticitySpec spec, out SparseSynapses syn, ModulatorState? modulators)
    {
        syn = SparseSynapses.FromPairs(1, 1, [(0, 0)], _ => 0.5f);
        return new StdpPlasticity(syn, Projection(spec), modulators ?? new ModulatorState([], DtMs), DtMs);
    }

    private static ProjectionSpec Projection(PlasticitySpec plasticity) => new(
        "input", "a", false, "b", false, new ConnectivitySpec(ConnectivityRule.AllToAll, 1, 0, true),
        new WeightSpec(new UniformDistribution(0, 1), 0, 1), false, plasticity, null, null);
}
