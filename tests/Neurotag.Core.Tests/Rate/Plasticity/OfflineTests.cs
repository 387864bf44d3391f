using Neurotag.Core.Rate;
using Neurotag.Core.Recording;
using Neurotag.Core.Specs;

namespace Neurotag.Core.Tests.Rate.Plasticity;

/// <summary>Offline phases: no activity, closed-form decay of weights and modulators, and time still advances.</summary>
public sealed class OfflineTests
{
    private const long MsPerDay = 86_400_000;

    [Fact]
    public void Offline_Over60Days_DecaysEveryWeightTowardRestInClosedForm()
    {
        const double rest = 0.3, tauDays = 20;
        float[] initial = [0.9f, 0.05f, 0.3f, 0.55f, 0.0f, 1.0f];
        var spec = new SpecBuilder()
            .Population("pre", 3)
            .Population("post", 2)
            .Projection(
                "hebb",
                "pre",
                "post",
                new WeightSpec(new ConstantDistribution(rest), 0, 1),
                plasticity: new PlasticitySpec(PlasticityRule.Hebbian, 1, tauDays * MsPerDay, null, 0))
            .Phase("healing", 60 * MsPerDay, offline: true)
            .Build();
        var simulator = new RateSimulator(spec);
        var weights = simulator.Network.Projections[0].Weights;
        initial.CopyTo(weights, 0);

        simulator.Run(new MemoryRecordSink());

        // w(T) = w_rest + (w0 − w_rest)·e^{−T/τ}, T/τ = 3. Float tolerance: a few ulps of O(1) weights.
        for (int k = 0; k < initial.Length; k++)
        {
            double expected = rest + ((initial[k] - rest) * Math.Exp(-60.0 / tauDays));
            Assert.True(Math.Abs(weights[k] - expected) <= 4e-7, $"w[{k}] = {weights[k]:R}, closed form {expected:R}");
        }
    }

    [Fact]
    public void Offline_WithoutDecay_LeavesWeightsUnchanged()
    {
        var spec = new SpecBuilder()
            .Population("pre", 2)
            .Population("post", 2)
            .Projection(
                "hebb",
                "pre",
                "post",
                new WeightSpec(new UniformDistribution(0.1, 0.9), 0, 1),
                plasticity: new PlasticitySpec(PlasticityRule.Hebbian, 1, null, null, 0))
            .Phase("rest", 60 * MsPerDay, offline: true)
            .Build();
        var simulator = new RateSimulator(spec);
        var before = (float[])simulator.Network.Projections[0].Weights.Clone();

        simulator.Run(new MemoryRecordSink());

        Assert.Equal(before, simulator.Network.Projections[0].Weights);
    }

    [Fact]
    public void Offline_SplitIntoTwoIntervals_GivesTheSameWeightsAsOneInterval()
    {
        // e^{−(T1+T2)/τ} = e^{−T1/τ}·e^{−T2/τ}: the closed form composes (to float rounding).
        static float Run(params long[] days)
        {
            var builder = new SpecBuilder()
                .Population("pre", 1)
                .Population("post", 1)
                .Projection(
                    "hebb",
                    "pre",
                    "post",
                    new WeightSpec(new ConstantDistribution(0.1), 0, 1),
                    plasticity: new PlasticitySpec(PlasticityRule.Hebbian, 1, 10 * MsPerDay, null, 0));
            foreach (long d in days)
            {
                builder.Phase("gap", d * MsPerDay, offline: true);
            }

            var simulator = new RateSimulator(builder.Build());
            simulator.Network.Projections[0].Weights[0] = 0.8f;
            simulator.Run(new MemoryRecordSink());
            return simulator.Network.Projections[0].Weights[0];
        }

        Assert.Equal(Run(25), Run(10, 15), 1e-6f);
        Assert.Equal(0.1 + (0.7 * Math.Exp(-2.5)), Run(25), 1e-6);
    }

    [Fact]
    public void Offline_ModulatorsWithATimeConstantRelaxInClosedForm_AndHeldOnesReturnToBaseline()
    {
        const double tauMs = 2 * MsPerDay, baseline = 0.1, level = 1.5;
        var spec = new SpecBuilder()
            .Population("p", 1)
            .Modulator("threat", baseline, tauMs)
            .Modulator("held", 0.0, null)
            .Phase("sleep", 3 * MsPerDay, offline: true, modulators: [new ModulatorLevel("threat", level), new ModulatorLevel("held", 2.0)])
            .Build();
        var simulator = new RateSimulator(spec);

        simulator.Run(new MemoryRecordSink());

        // m(T) = baseline + (m0 − baseline)·e^{−T/τ}, computed in double: tolerance 1e-12.
        var levels = simulator.Network.Modulators.Levels;
        Assert.Equal(baseline + ((level - baseline) * Math.Exp(-1.5)), levels[0], 1e-12);
        Assert.Equal(0.0, levels[1]);
    }

    [Fact]
    public void Offline_ModulatorSetOnline_KeepsRelaxingThroughTheOfflinePhase()
    {
        const double tauMs = 100, level = 1.0;
        var spec = new SpecBuilder()
            .Population("p", 1)
            .Modulator("da", 0.0, tauMs)
            .Phase("reward", 50, modulators: [new ModulatorLevel("da", level)])
            .Phase("rest", 150, offline: true)
            .Build();
        var simulator = new RateSimulator(spec);

        simulator.Run(new MemoryRecordSink());

        // 50 online steps of e^{−dt/τ} then e^{−150/τ} in one go: e^{−200/τ} in total (double rounding only).
        Assert.Equal(level * Math.Exp(-2.0), simulator.Network.Modulators.Levels[0], 1e-12);
    }

    [Fact]
    public void Offline_AdvancesTimeByItsDuration_AndLeavesTheNetworkAtRest()
    {
        var spec = new SpecBuilder()
            .Population("p", 2)
            .TagRange("t", "p", 0, 1)
            .Input("drive", "p", 1.0)
            .Phase("awake", 20, inputs: ["drive"])
            .Phase("healing", 60 * MsPerDay, offline: true)
            .Phase("after", 10)
            .Record(10, [TagMetric.Activation], populationRate: true)
            .Build();
        var simulator = new RateSimulator(spec);
        var sink = new MemoryRecordSink();

        var result = simulator.Run(sink);

        // The offline phase is sampled once, at its end: 20 ms + 60 days; the next phase continues from there.
        double end = 20 + (60.0 * MsPerDay);
        var offline = Assert.Single(sink.Populations, s => s.Phase == "healing");
        Assert.Equal(end, offline.TimeMs);
        Assert.Equal(0.0, offline.Value); // at rest
        Assert.Equal(end + 10, sink.Populations[^1].TimeMs);
        Assert.Equal(end + 10, result.EndTimeMs);
        Assert.Equal(30, result.SimulatedSteps);
        Assert.Equal(30 + (60 * MsPerDay), result.Steps);
        Assert.Equal(new[] { 0.0, 10.0, 20.0, end, end + 10 }, sink.Tags.Select(s => s.TimeMs)); // t = 0: the network as built
        Assert.Equal(
            [new PhaseSample("awake", 0, 0, 0, 20, false, 20), new PhaseSample("healing", 0, 1, 20, end, true, 60 * MsPerDay), new PhaseSample("after", 0, 2, end, end + 10, false, 10)],
            sink.Phases);
    }
}
