using Neurotag.Core.Rate;
using Neurotag.Core.Recording;
using Neurotag.Core.Specs;

namespace Neurotag.Core.Tests.Rate.Plasticity;

/// <summary>
/// Structural LTD: a synapse whose weight stays strictly below <c>below</c> for at least <c>for</c> is removed
/// (mask 0, weight 0, never back). Online the condition is checked every <c>check</c> steps; offline it is computed
/// from the closed-form decay trajectory w(t) = r + (w0 − r)·e^{−t/τ}, which crosses b at t* = τ·ln((w0 − r)/(b − r)).
/// </summary>
public sealed class PruningTests
{
    private const long MsPerDay = 86_400_000;

    // 4 pre × 3 post, row-major by post; three entries below 0.1, one exactly at it (not strictly below).
    private static readonly float[] HandWeights =
    [
        0.50f, 0.05f, 0.30f, 0.00f,
        0.10f, 0.90f, 0.099f, 0.40f,
        0.20f, 0.70f, 0.60f, 0.11f,
    ];

    [Fact]
    public void Pruning_Online_RemovesExactlyTheSynapsesBelowTheThresholdForTheRequiredTime()
    {
        var simulator = new RateSimulator(StaticSpec(forMs: 20, checkEverySteps: 5, steps: 20));
        var projection = simulator.Network.Projections[0];
        HandWeights.CopyTo(projection.Weights, 0);

        var result = simulator.Run(new MemoryRecordSink());

        // Independently: every synapse with w < 0.1 has been below from t = 0 to t = 20 ms ≥ for.
        var expectedPruned = Enumerable.Range(0, HandWeights.Length).Where(k => HandWeights[k] < 0.1f).ToHashSet();
        Assert.Equal([1, 3, 6], expectedPruned.Order());
        AssertPrunedExactly(projection, expectedPruned);
        Assert.Equal(3, result.PrunedSynapses["ff"]);
    }

    [Fact]
    public void Pruning_Online_SparesSynapsesThatHaveNotYetBeenBelowForTheRequiredTime()
    {
        // Checks at 5, 10, 15 ms: below for 15 ms < 20 ms.
        var simulator = new RateSimulator(StaticSpec(forMs: 20, checkEverySteps: 5, steps: 19));
        var projection = simulator.Network.Projections[0];
        HandWeights.CopyTo(projection.Weights, 0);

        simulator.Run(new MemoryRecordSink());

        AssertPrunedExactly(projection, []);
        Assert.Equal(HandWeights, projection.Weights);
    }

    [Fact]
    public void Pruning_Online_RequiresTheWeightToStayBelowWithoutInterruption()
    {
        var simulator = new RateSimulator(StaticSpec(forMs: 20, checkEverySteps: 5, steps: 40));
        var projection = simulator.Network.Projections[0];
        HandWeights.CopyTo(projection.Weights, 0);
        var inputs = simulator.Network.Inputs.ToArray();

        for (int step = 1; step <= 20; step++)
        {
            if (step == 11)
            {
                projection.Weights[6] = 0.5f; // above at the 15 ms check: its run below is broken
            }

            if (step == 16)
            {
                projection.Weights[6] = 0.05f; // below again from 15 ms: below at the checks of 20, 25, 30 and 35 ms
            }

            simulator.Step(inputs, learning: true);
        }

        AssertPrunedExactly(projection, [1, 3]);

        for (int step = 21; step <= 30; step++)
        {
            simulator.Step(inputs, learning: true);
        }

        // Below at 20, 25, 30 ms: 15 ms without interruption (the earlier 10 ms do not count).
        AssertPrunedExactly(projection, [1, 3]);

        for (int step = 31; step <= 35; step++)
        {
            simulator.Step(inputs, learning: true);
        }

        AssertPrunedExactly(projection, [1, 3, 6]);
    }

    [Fact]
    public void Pruning_Online_DoesNotRunInPhasesWithoutPlasticity()
    {
        var simulator = new RateSimulator(StaticSpec(forMs: 20, checkEverySteps: 5, steps: 40, plasticity: false));
        var projection = simulator.Network.Projections[0];
        HandWeights.CopyTo(projection.Weights, 0);

        simulator.Run(new MemoryRecordSink());

        AssertPrunedExactly(projection, []);
    }

    [Fact]
    public void Pruning_Offline_WithRestAboveTheThreshold_PrunesOnlySynapsesThatStayBelowForTheRequiredTime()
    {
        // r = 0.5 > b = 0.2: a synapse below b rises and crosses at t* = τ·ln((r − w0)/(r − b)); it is pruned iff it
        // spends min(t*, T) ≥ for below. τ = 10 d, for = 5 d, T = 30 d.
        const double rest = 0.5, below = 0.2, tauDays = 10, forDays = 5, days = 30;
        float[] initial = [0.001f, 0.01f, 0.15f, 0.3f, 0.9f, 0.0f];
        var simulator = new RateSimulator(OfflineSpec(rest, below, tauDays, forDays, days, initial.Length));
        var projection = simulator.Network.Projections[0];
        initial.CopyTo(projection.Weights, 0);

        simulator.Run(new MemoryRecordSink());

        var expected = new HashSet<int>();
        for (int k = 0; k < initial.Length; k++)
        {
            double w0 = initial[k];
            if (w0 >= below)
            {
                continue; // rises away from the threshold: never below
            }

            double crossingDays = tauDays * Math.Log((rest - w0) / (rest - below));
            if (Math.Min(crossingDays, days) >= forDays)
            {
                expected.Add(k);
            }
        }

        // t*: 5.09 d (pruned), 4.91 d (kept), 1.54 d (kept), above (kept), above (kept), 5.11 d (pruned).
        Assert.Equal([0, 5], expected.Order());
        AssertPrunedExactly(projection, expected);

        // Survivors decayed in closed form.
        foreach (int k in new[] { 1, 2, 3, 4 })
        {
            double w = rest + ((initial[k] - rest) * Math.Exp(-days / tauDays));
            Assert.Equal(w, projection.Weights[k], 1e-6);
        }
    }

    [Fact]
    public void Pruning_Offline_WithRestBelowTheThreshold_PrunesASynapseStartingAboveOnlyIfItSpendsForBelowBeforeTheEnd()
    {
        // r = 0 < b = 0.2: a synapse above b falls and crosses at t* = τ·ln((w0 − r)/(b − r)); pruned iff T − t* ≥ for.
        // τ = 10 d, for = 10 d, T = 30 d: pruned iff t* ≤ 20 d, i.e. w0 ≤ 0.2·e² ≈ 1.478.
        const double rest = 0.0, below = 0.2, tauDays = 10, forDays = 10, days = 30;
        float[] initial = [1.4f, 1.55f, 0.5f, 0.1f, 1.9f, 1.46f, 1.5f];
        var simulator = new RateSimulator(OfflineSpec(rest, below, tauDays, forDays, days, initial.Length, max: 2));
        var projection = simulator.Network.Projections[0];
        initial.CopyTo(projection.Weights, 0);

        simulator.Run(new MemoryRecordSink());

        var expected = new HashSet<int>();
        for (int k = 0; k < initial.Length; k++)
        {
            double w0 = initial[k];
            double timeBelow = w0 < below ? days : days - Math.Min(days, tauDays * Math.Log((w0 - rest) / (below - rest)));
            if (timeBelow >= forDays)
            {
                expected.Add(k);
            }
        }

        // t*: 19.46 d (pruned), 20.48 d (kept), 9.16 d (pruned), below from the start (pruned), 22.5 d (kept),
        // 19.87 d (pruned), 20.15 d (kept).
        Assert.Equal([0, 2, 3, 5], expected.Order());
        AssertPrunedExactly(projection, expected);
    }

    [Fact]
    public void Pruning_TimeBelowAccumulatedOnline_CountsTowardAnOfflineInterval()
    {
        // No decay: a weight below stays below. 10 ms below online (checks at 5 and 10 ms) + offline time ≥ 25 ms?
        static bool Pruned(long offlineMs)
        {
            var spec = new SpecBuilder()
                .Population("pre", 1)
                .Population("post", 1)
                .Projection(
                    "ff",
                    "pre",
                    "post",
                    new WeightSpec(new ConstantDistribution(0.05), 0, 1),
                    pruning: new PruningSpec(0.1, 25, 5))
                .Phase("awake", 10)
                .Phase("sleep", offlineMs, offline: true)
                .Build();
            var simulator = new RateSimulator(spec);
            simulator.Run(new MemoryRecordSink());
            return !simulator.Network.Projections[0].Exists(0);
        }

        Assert.True(Pruned(15));
        Assert.False(Pruned(14));
    }

    /// <summary>4 → 3 all-to-all fixed weights with online pruning below 0.1.</summary>
    private static SimulationSpec StaticSpec(double forMs, long checkEverySteps, long steps, bool plasticity = true) =>
        new SpecBuilder()
            .Population("pre", 4)
            .Population("post", 3)
            .Input("drive", "pre", 0.5)
            .Projection(
                "ff",
                "pre",
                "post",
                new WeightSpec(new ConstantDistribution(0.5), 0, 1),
                pruning: new PruningSpec(0.1, forMs, checkEverySteps))
            .Phase("run", steps, inputs: ["drive"], plasticity: plasticity)
            .Build();

    /// <summary>1 pre → n post, Hebbian with decay τ toward <paramref name="rest"/>, pruning, then one offline phase.</summary>
    private static SimulationSpec OfflineSpec(double rest, double below, double tauDays, double forDays, double days, int post, double max = 1) =>
        new SpecBuilder()
            .Population("pre", 1)
            .Population("post", post)
            .Projection(
                "ff",
                "pre",
                "post",
                new WeightSpec(new ConstantDistribution(rest), 0, max),
                plasticity: new PlasticitySpec(PlasticityRule.Hebbian, 1, tauDays * MsPerDay, null, 0),
                pruning: new PruningSpec(below, forDays * MsPerDay, 1000))
            .Phase("healing", (long)(days * MsPerDay), offline: true)
            .Build();

    private static void AssertPrunedExactly(DenseProjection projection, IReadOnlyCollection<int> expected)
    {
        for (int k = 0; k < projection.Weights.Length; k++)
        {
            if (expected.Contains(k))
            {
                Assert.False(projection.Exists(k), $"synapse {k} should have been pruned");
                Assert.Equal(0f, projection.Weights[k]);
                Assert.Equal(0f, projection.Mask![k]);
            }
            else
            {
                Assert.True(projection.Exists(k), $"synapse {k} should not have been pruned");
            }
        }
    }
}
