using Neurotag.Core.Recording;
using Neurotag.Core.Specs;
using Neurotag.Core.Spiking;

namespace Neurotag.Core.Tests.Spiking;

/// <summary>LIF dynamics against closed forms (Dayan &amp; Abbott 2001, §5.4; Gerstner et al. 2014, §1.3).</summary>
public sealed class LifTests
{
    private static SpikingSimulator Single(LifNeuronSpec neuron, long steps, long dtNs = 100_000) =>
        new(SpikingSpecs.Spec([new PopulationSpec("n", 1, neuron)], [], [SpikingSpecs.Phase("run", steps)], dtNs));

    [Fact]
    public void SubthresholdRelaxation_FollowsTheExponentialToRestPlusBias()
    {
        // bias 8 mV keeps v below threshold: v(t) = v_inf + (v0 − v_inf)·e^{−t/τ}; float32 state, 2000 steps.
        var sim = Single(SpikingSpecs.Lif(bias: 8, vInit: -70), 2000);
        var v = sim.Network.Populations[0].V!;
        for (int k = 1; k <= 2000; k++)
        {
            sim.Step(learning: false);
            double t = k * 0.1;
            double expected = -52 + ((-70 + 52) * Math.Exp(-t / 20));
            Assert.InRange(v[0], expected - 2e-4, expected + 2e-4);
        }
    }

    [Fact]
    public void CubaRelaxation_MatchesTheExactPropagator()
    {
        var sim = Single(SpikingSpecs.Lif(bias: 5, vInit: -65, synapse: SynapseKind.Current), 500);
        var v = sim.Network.Populations[0].V!;
        for (int k = 1; k <= 500; k++)
        {
            sim.Step(learning: false);
            double expected = -55 + ((-65 + 55) * Math.Exp(-k * 0.1 / 20));
            Assert.InRange(v[0], expected - 1e-4, expected + 1e-4);
        }
    }

    [Fact]
    public void TimeToFirstSpike_IsTheClosedFormWithinOneStep()
    {
        // From v_rest with drive RI = 15 mV: T = τ ln(RI / (RI − (v_thresh − v_rest))) = 20 ln 3 ms.
        var sim = Single(SpikingSpecs.Lif(bias: 15), 1000);
        var population = sim.Network.Populations[0];
        double expected = 20 * Math.Log(15.0 / 5.0);
        for (int k = 1; k <= 1000; k++)
        {
            sim.Step(learning: false);
            if (population.SpikeCount > 0)
            {
                double t = k * 0.1;
                Assert.InRange(t, expected, expected + 0.1);
                return;
            }
        }

        Assert.Fail("no spike");
    }

    [Theory]
    [InlineData(12.0, 2.0)]
    [InlineData(15.0, 5.0)]
    [InlineData(25.0, 2.0)]
    [InlineData(40.0, 5.0)]
    public void FiringRate_MatchesTheFICurveWithinOnePercent(double drive, double tRefMs)
    {
        // f = 1 / (t_ref + τ ln(RI / (RI − (v_thresh − v_rest)))). dt = 0.01 ms so the threshold crossing is
        // resolved to 0.01 ms of ISIs of several ms: the discretisation error stays well below 1 %.
        const long dtNs = 10_000;
        const int steps = 200_000; // 2 s
        var sim = Single(SpikingSpecs.Lif(bias: drive, tRefMs: tRefMs), steps, dtNs);
        var spikes = new List<int>();
        for (int k = 1; k <= steps; k++)
        {
            sim.Step(learning: false);
            if (sim.Network.Populations[0].SpikeCount > 0)
            {
                spikes.Add(k);
            }
        }

        double isiMs = (spikes[^1] - spikes[0]) * 0.01 / (spikes.Count - 1);
        double expected = tRefMs + (20 * Math.Log(drive / (drive - 10)));
        Assert.InRange(isiMs, expected * 0.99, expected * 1.01);
    }

    [Fact]
    public void Conductances_DecayAsExpMinusTOverTau()
    {
        var neuron = SpikingSpecs.Lif() with { GeInit = new ConstantDistribution(50), GiInit = new ConstantDistribution(80) };
        var sim = Single(neuron, 1000);
        var population = sim.Network.Populations[0];
        for (int k = 1; k <= 1000; k++)
        {
            sim.Step(learning: false);
            double t = k * 0.1;
            Assert.Equal(50 * Math.Exp(-t / 5), population.Ge[0], 50 * 1e-5 + 1e-30);
            Assert.Equal(80 * Math.Exp(-t / 10), population.Gi[0], 80 * 1e-5);
        }
    }

    [Fact]
    public void DecayingConductance_IsSnappedToZeroBeforeItTurnsSubnormal()
    {
        var neuron = SpikingSpecs.Lif() with { GeInit = new ConstantDistribution(50) };
        var sim = Single(neuron, 60_000); // 6 s = 1200 τ_e: e^{−1200} is far below float's normal range
        var population = sim.Network.Populations[0];
        for (int k = 0; k < 60_000; k++)
        {
            sim.Step(learning: false);
            float ge = population.Ge[0];
            Assert.True(ge == 0 || float.IsNormal(ge), $"subnormal g_e {ge} at step {k}");
        }

        Assert.Equal(0f, population.Ge[0]);
    }

    [Fact]
    public void Refractory_HoldsVAtResetForTRef()
    {
        var sim = Single(SpikingSpecs.Lif(bias: 40, tRefMs: 2), 2000);
        var population = sim.Network.Populations[0];
        int spikeStep = -1;
        for (int k = 1; k <= 2000; k++)
        {
            sim.Step(learning: false);
            if (spikeStep < 0 && population.SpikeCount > 0)
            {
                spikeStep = k;
            }
            else if (spikeStep > 0 && k - spikeStep <= 20)
            {
                Assert.Equal(-60f, population.V![0]);
            }
            else if (spikeStep > 0)
            {
                Assert.True(population.V![0] > -60f);
                return;
            }
        }
    }

    [Fact]
    public void Recorder_WritesSpikesOfTheFirstNeuronsOnly()
    {
        var record = new RecordSpec(100, [], true, null) { Spikes = new SpikeRecordSpec("n", 2) };
        var spec = SpikingSpecs.Spec([new PopulationSpec("n", 4, SpikingSpecs.Lif(bias: 30))], [], [SpikingSpecs.Phase("run", 1000)], record: record);
        var sink = new MemoryRecordSink();
        new SpikingSimulator(spec).Run(sink);
        Assert.NotEmpty(sink.Spikes);
        Assert.All(sink.Spikes, s => Assert.InRange(s.Neuron, 0, 1));
        double rate = sink.Summary.Single(r => r.Metric == "rate").Value;
        double expected = 1000.0 / (20 * Math.Log(30.0 / 20.0)); // bias 30 mV, threshold 10 mV above rest, no t_ref
        Assert.InRange(rate, expected * 0.97, expected * 1.03);
    }
}
