using Neurotag.Core.Rate;
using Neurotag.Core.Recording;
using Neurotag.Core.Specs;

namespace Neurotag.Core.Tests.Rate.Plasticity;

/// <summary>
/// Regrowth of pruned capacity: each vacancy refills with probability 1 − e^{−Δt/τ} per interval, at a seeded random
/// vacant location, with the regrowth weight; the synapse count never exceeds the connectivity's capacity.
/// </summary>
public sealed class RegrowthTests
{
    private const int Size = 100;          // 100 → 100 all-to-all: capacity 10 000
    private const int Weak = 5_000;        // synapses set below the threshold before the first offline phase
    private const double RegrowWeight = 0.3;

    [Fact]
    public void Offline_VacanciesOfTheIntervalStart_RegrowBinomially_PrunedOnesWaitForTheNextInterval()
    {
        const double tauMs = 1_000;
        var (simulator, projection) = Prepared(tauMs, seed: 5);
        var sink = new MemoryRecordSink();

        var result = simulator.Run(sink);

        // Phase "prune" (offline, T = for): 5000 pruned, no vacancy at its start, so nothing regrows yet.
        Assert.Equal(0, Count(sink, "prune", "regrown"));
        Assert.Equal(Weak, Count(sink, "prune", "pruned"));
        Assert.Equal(Size * Size - Weak, Count(sink, "prune", "synapses"));

        // Phase "regrow" (offline, T = τ): 5000 vacancies, each refilled with p = 1 − e^{−1} = 0.632: mean 3161,
        // sd √(5000·p·(1 − p)) = 34; ±5 sd.
        double p = 1 - Math.Exp(-1);
        double mean = Weak * p, sd = Math.Sqrt(Weak * p * (1 - p));
        long regrown = result.RegrownSynapses["ff"];
        Assert.InRange(regrown, mean - (5 * sd), mean + (5 * sd));
        Assert.Equal(Size * Size - Weak + regrown, projection.SynapseCount());
        Assert.Equal(regrown, Count(sink, "regrow", "regrown"));
        Assert.Equal(projection.SynapseCount(), Count(sink, "regrow", "synapses"));
        Assert.Equal(regrown, projection.Weights.Count(w => w == (float)RegrowWeight));
    }

    [Fact]
    public void Regrowth_NeverExceedsCapacity_AndFillsEveryVacancyWhenTauIsShort()
    {
        var (simulator, projection) = Prepared(tauMs: 1e-3, seed: 5);

        var result = simulator.Run(new MemoryRecordSink());

        Assert.Equal(Weak, result.RegrownSynapses["ff"]);
        Assert.Equal(Size * Size, projection.SynapseCount());
    }

    [Fact]
    public void Regrowth_Placement_IsDeterministicPerSeed_AndOnlyOnVacantSlots()
    {
        var (first, firstProjection) = Prepared(1_000, seed: 5);
        var (second, secondProjection) = Prepared(1_000, seed: 5);
        var (other, otherProjection) = Prepared(1_000, seed: 6);
        float[] before = (float[])firstProjection.Weights.Clone();

        first.Run(new MemoryRecordSink());
        second.Run(new MemoryRecordSink());
        other.Run(new MemoryRecordSink());

        Assert.Equal(firstProjection.Mask, secondProjection.Mask);
        Assert.Equal(firstProjection.Weights, secondProjection.Weights);
        Assert.NotEqual(firstProjection.Mask, otherProjection.Mask);

        // Every regrown synapse sits where a pruned (weak) one was: all-to-all leaves no other vacant slot.
        for (int k = 0; k < before.Length; k++)
        {
            if (firstProjection.Weights[k] == (float)RegrowWeight)
            {
                Assert.True(before[k] < 0.1f, $"slot {k} regrew but was never vacant");
            }
        }
    }

    [Fact]
    public void Regrowth_Online_KeepsTheCountsConsistent_AndNeverGrowsSelfSynapses()
    {
        // Recurrent 30 neurons, fixed_probability 0.3, no self; all weights below the threshold: everything is pruned
        // after 20 ms and regrows (τ = 50 ms) anywhere vacant except on the diagonal; run long enough to cycle.
        var spec = new SpecBuilder()
            .Population("cortex", 30)
            .Projection(
                "rec",
                "cortex",
                "cortex",
                new WeightSpec(new ConstantDistribution(0.01), 0, 1),
                connectivity: new ConnectivitySpec(ConnectivityRule.FixedProbability, 0.3, 0, false),
                plasticity: new PlasticitySpec(PlasticityRule.Hebbian, 0, null, null, 0),
                pruning: new PruningSpec(0.1, 20, 5) { Regrow = new RegrowthSpec(50, 0.05) })
            .Phase("run", 1_000)
            .Build();
        var simulator = new RateSimulator(spec);
        var projection = simulator.Network.Projections[0];
        long capacity = projection.SynapseCount();
        var inputs = simulator.Network.Inputs.ToArray();
        var pruning = simulator.Network.Prunings[0]!;

        for (int step = 0; step < 1_000; step++)
        {
            simulator.Step(inputs, learning: true);
            Assert.Equal(capacity - pruning.Pruned + pruning.Regrown, projection.SynapseCount());
            Assert.True(projection.SynapseCount() <= capacity);
        }

        Assert.True(pruning.Regrown > capacity, $"regrown {pruning.Regrown}: regrown synapses below threshold are pruned again and replaced");
        for (int i = 0; i < 30; i++)
        {
            Assert.False(projection.Exists((i * 30) + i), $"self-synapse {i} grew");
        }
    }

    /// <summary>
    /// 100 → 100 all-to-all, weights 0.5 except the first 5000 (0.01), pruned below 0.1 after 1 day; no decay.
    /// Phases: "prune" (offline, 1 day), "regrow" (offline, τ).
    /// </summary>
    private static (RateSimulator RateSimulator, DenseProjection Projection) Prepared(double tauMs, ulong seed)
    {
        const double day = 86_400_000;
        var spec = new SpecBuilder()
            .Seed(seed)
            .Population("pre", Size)
            .Population("post", Size)
            .Projection(
                "ff",
                "pre",
                "post",
                new WeightSpec(new ConstantDistribution(0.5), 0, 1),
                plasticity: new PlasticitySpec(PlasticityRule.Hebbian, 0, null, null, 0),
                pruning: new PruningSpec(0.1, day, 1000) { Regrow = new RegrowthSpec(tauMs, RegrowWeight) })
            .Phase("prune", (long)day, offline: true)
            .Phase("regrow", Math.Max(1, (long)tauMs), offline: true)
            .Build();
        var simulator = new RateSimulator(spec);
        var projection = simulator.Network.Projections[0];
        Array.Fill(projection.Weights, 0.01f, 0, Weak);
        return (simulator, projection);
    }

    private static double Count(MemoryRecordSink sink, string phase, string metric) =>
        Assert.Single(sink.Summary, r => r.Phase == phase && r.Kind == "projection" && r.Name == "ff" && r.Metric == metric).Value;
}
