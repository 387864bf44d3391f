using Neurotag.Core.Protocol;
using Neurotag.Core.Recording;
using Neurotag.Core.Specs;
using Neurotag.Core.Spiking;

namespace Neurotag.Core.Tests.Spiking;

/// <summary>Sparse projections: delivery time and weight, connectivity statistics, CSR invariants.</summary>
public sealed class ProjectionTests
{
    private static readonly ConnectivitySpec OneToOne = new(ConnectivityRule.OneToOne, 1, 0, AllowSelf: true);

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(15)]
    public void SingleSpike_ArrivesExactlyDelayLaterWithTheWeight(int delaySteps)
    {
        // One Poisson source at a rate so high it spikes every step until silenced: use a LIF driver instead,
        // which spikes once (at the step its closed-form first-passage time falls in) and is refractory after.
        var driver = SpikingSpecs.Lif(bias: 15, tRefMs: 1000);
        var target = SpikingSpecs.Lif();
        var spec = SpikingSpecs.Spec(
            [new PopulationSpec("pre", 1, driver), new PopulationSpec("post", 1, target)],
            [SpikingSpecs.Projection("p", "pre", "post", OneToOne, 3.5, delaySteps)],
            [SpikingSpecs.Phase("run", 1000)]);
        var sim = new SpikingSimulator(spec);
        var pre = sim.Network.Populations[0];
        var post = sim.Network.Populations[1];
        long spikeStep = -1;
        for (long k = 1; k <= 1000; k++)
        {
            float before = post.Ge[0];
            sim.Step(learning: false);
            if (pre.SpikeCount > 0)
            {
                spikeStep = k;
            }

            float expectedDecayed = before * (float)Math.Exp(-0.1 / 5);
            if (spikeStep > 0 && k == spikeStep + delaySteps)
            {
                Assert.Equal(expectedDecayed + 3.5f, post.Ge[0], 1e-5f);
                return;
            }

            Assert.Equal(0f, post.Ge[0]);
        }

        Assert.Fail("no spike arrived");
    }

    /// <summary>
    /// Per-synapse delays uniform on [0, 30] steps, weights uniform on [1, 5] nS, one presynaptic neuron onto 200
    /// targets: after its single spike at step t₀, target j's g_e is exactly Snap(previous·e^{−dt/τ_e}) every step and
    /// gains exactly w_s at step t₀ + d_s of its synapse s (bitwise: each target has one synapse, so there is no
    /// summation order to differ). Static projections sum into the ring of future input, plastic ones queue synapses:
    /// both must agree.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void PerSynapseDelays_SingleSpikeArrivesAtEverySynapseExactlyItsDelayLaterWithItsWeight(bool plastic)
    {
        const int targets = 200, maxDelay = 30;
        var projection = SpikingSpecs.Projection("p", "pre", "post", new ConnectivitySpec(ConnectivityRule.AllToAll, 1, 0, true), 5) with
        {
            Weight = new WeightSpec(new UniformDistribution(1, 5), 0, 5),
            SynapseDelaySteps = new UniformDistribution(0, maxDelay),
            MaxSynapseDelaySteps = maxDelay,
            Plasticity = plastic ? new PlasticitySpec(PlasticityRule.Stdp, 1, null, null, 0) { Stdp = new StdpSpec(20, 20, 0.01, 0.0105, StdpWeightDependence.Additive, StdpPairing.AllToAll) } : null,
        };
        var spec = SpikingSpecs.Spec(
            [new PopulationSpec("pre", 1, SpikingSpecs.Lif(bias: 15, tRefMs: 1000)), new PopulationSpec("post", targets, SpikingSpecs.Lif())],
            [projection],
            [SpikingSpecs.Phase("run", 1000)]);
        var sim = new SpikingSimulator(spec);
        var p = sim.Network.Projections[0];
        Assert.True(p.HasSynapseDelays);
        Assert.Equal(targets, p.Count);
        Assert.Equal(Enumerable.Range(0, maxDelay + 1), p.SynapseDelays.ToArray().Distinct().Order()); // every whole step occurs
        var weights = (float[])p.Weight.Clone(); // all-to-all from one neuron: synapse s targets neuron s
        var pre = sim.Network.Populations[0];
        var post = sim.Network.Populations[1];
        float decay = (float)Math.Exp(-0.1 / 5);
        long spikeStep = -1;
        var arrived = new bool[targets];
        for (long k = 1; k <= 1000 && (spikeStep < 0 || k <= spikeStep + maxDelay + 2); k++)
        {
            var before = (float[])post.Ge.Clone();
            sim.Step(learning: false);
            if (pre.SpikeCount > 0)
            {
                Assert.Equal(-1, spikeStep); // the driver spikes once
                spikeStep = k;
            }

            for (int j = 0; j < targets; j++)
            {
                bool arrives = spikeStep > 0 && k == spikeStep + p.SynapseDelays[j];
                float expected = SpikingKernels.Snap(before[j] * decay) + (arrives ? weights[j] : 0f);
                Assert.Equal(expected, post.Ge[j]);
                arrived[j] |= arrives;
            }
        }

        Assert.True(spikeStep > 0, "the driver never spiked");
        Assert.All(arrived, Assert.True);
        Assert.Equal(weights, p.Weight); // no postsynaptic spikes and learning off: weights untouched
    }

    /// <summary>
    /// Delivery reads fixed projections in a compact layout (one weight when all are equal, 2-byte post indices up
    /// to 65 536 targets) and plastic ones from the full arrays: every layout adds exactly the weights of the
    /// arriving rows, checked against a naive sum over the (pre, post, weight) lists with the same per-target order.
    /// </summary>
    [Theory]
    [InlineData(1000, false, false)]   // compact indices, one weight
    [InlineData(1000, true, false)]    // compact indices, per-synapse weights
    [InlineData(70_000, false, false)] // 4-byte indices, one weight
    [InlineData(70_000, true, false)]  // 4-byte indices, per-synapse weights
    [InlineData(1000, true, true)]     // plastic: full arrays
    public void Deliver_AddsExactlyTheArrivingRowsWeights_InEveryLayout(int targets, bool randomWeights, bool plastic)
    {
        var projection = SpikingSpecs.Projection("p", "pre", "post", new ConnectivitySpec(ConnectivityRule.FixedProbability, 20.0 / targets, 0, true), 2) with
        {
            Weight = new WeightSpec(randomWeights ? new UniformDistribution(0.5, 2) : new ConstantDistribution(2), 0, 2),
            Plasticity = plastic ? new PlasticitySpec(PlasticityRule.Stdp, 1, null, null, 0) { Stdp = new StdpSpec(20, 20, 0.01, 0.0105, StdpWeightDependence.Additive, StdpPairing.AllToAll) } : null,
        };
        var spec = SpikingSpecs.Spec(
            [new PopulationSpec("pre", 300, SpikingSpecs.Lif()), new PopulationSpec("post", targets, SpikingSpecs.Lif())],
            [projection],
            [SpikingSpecs.Phase("run", 1)]);
        var p = SpikingNetwork.Build(spec).Projections[0];
        int[] arriving = [3, 17, 18, 150, 299];
        var expected = new float[targets];
        for (int s = 0; s < p.Count; s++)
        {
            if (arriving.Contains(p.Pre[s]))
            {
                expected[p.Post[s]] += p.Weight[s]; // rows ascending, as Deliver visits them
            }
        }

        Array.Clear(p.Target);
        p.Deliver(arriving);
        Assert.Equal(expected, p.Target);
        Assert.Contains(expected, x => x != 0f);
    }

    /// <summary>The same seed draws the same per-synapse delays; another seed draws others (stream delay:NAME).</summary>
    [Fact]
    public void PerSynapseDelays_AreDeterminedByTheSeed()
    {
        SimulationSpec Spec(ulong seed) => SpikingSpecs.Spec(
            [new PopulationSpec("n", 300, SpikingSpecs.Lif())],
            [SpikingSpecs.Projection("p", "n", "n", new ConnectivitySpec(ConnectivityRule.FixedProbability, 0.1, 0, false), 1) with
            {
                SynapseDelaySteps = new NormalDistribution(20, 5),
                MaxSynapseDelaySteps = 45,
            }],
            [SpikingSpecs.Phase("run", 1)],
            seed: seed);
        var a = SpikingNetwork.Build(Spec(3)).Projections[0].SynapseDelays.ToArray();
        var b = SpikingNetwork.Build(Spec(3)).Projections[0].SynapseDelays.ToArray();
        var c = SpikingNetwork.Build(Spec(4)).Projections[0].SynapseDelays.ToArray();
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.All(a, d => Assert.InRange(d, 0, 45));
        // Normal(20, 5) steps: the sample mean of ~9000 draws is within 0.2 of 20 (over 3 standard errors).
        Assert.InRange(a.Average(), 19.8, 20.2);
    }

    [Fact]
    public void FixedProbability_HasBinomialSynapseCountAndSortedRows()
    {
        var pop = new PopulationSpec("n", 1000, SpikingSpecs.Lif());
        var spec = SpikingSpecs.Spec([pop], [SpikingSpecs.Projection("p", "n", "n", new ConnectivitySpec(ConnectivityRule.FixedProbability, 0.05, 0, false), 1)], [SpikingSpecs.Phase("run", 1)]);
        var p = SpikingNetwork.Build(spec).Projections[0];
        double n = 1000.0 * 999;
        double mean = n * 0.05, sd = Math.Sqrt(n * 0.05 * 0.95);
        Assert.InRange(p.Count, mean - (5 * sd), mean + (5 * sd));
        for (int i = 0; i < p.PreCount; i++)
        {
            for (int s = p.RowStart[i]; s < p.RowStart[i + 1]; s++)
            {
                Assert.Equal(i, p.Pre[s]);
                Assert.NotEqual(i, p.Post[s]);
                Assert.True(s == p.RowStart[i] || p.Post[s - 1] < p.Post[s]);
            }
        }

        for (int j = 0; j < p.PostCount; j++)
        {
            for (int k = p.ColStart[j]; k < p.ColStart[j + 1]; k++)
            {
                Assert.Equal(j, p.Post[p.ColSynapse[k]]);
                Assert.True(k == p.ColStart[j] || p.Pre[p.ColSynapse[k - 1]] < p.Pre[p.ColSynapse[k]]);
            }
        }
    }

    [Fact]
    public void FixedIndegree_GivesEveryPostExactlyKDistinctPre()
    {
        var pop = new PopulationSpec("n", 200, SpikingSpecs.Lif());
        var spec = SpikingSpecs.Spec([pop], [SpikingSpecs.Projection("p", "n", "n", new ConnectivitySpec(ConnectivityRule.FixedIndegree, 1, 17, false), 1)], [SpikingSpecs.Phase("run", 1)]);
        var p = SpikingNetwork.Build(spec).Projections[0];
        for (int j = 0; j < p.PostCount; j++)
        {
            Assert.Equal(17, p.ColStart[j + 1] - p.ColStart[j]);
        }
    }

    [Fact]
    public void RunawayRate_StopsTheRunNamingThePopulation()
    {
        // No refractory period and a drive far above threshold: the neuron fires at every step (10 kHz).
        var spec = SpikingSpecs.Spec([new PopulationSpec("hot", 3, SpikingSpecs.Lif(bias: 1e6))], [], [SpikingSpecs.Phase("run", 1000)]);
        var e = Assert.Throws<SimulationStoppedException>(() => new SpikingSimulator(spec).Run(new MemoryRecordSink()));
        Assert.Equal("hot", e.Population);
        Assert.Contains("runaway", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NonFiniteState_StopsTheRun()
    {
        var neuron = SpikingSpecs.Lif() with { VInit = new ConstantDistribution(double.NaN) };
        var spec = SpikingSpecs.Spec([new PopulationSpec("bad", 3, neuron)], [], [SpikingSpecs.Phase("run", 1000)]);
        var e = Assert.Throws<SimulationStoppedException>(() => new SpikingSimulator(spec).Run(new MemoryRecordSink()));
        Assert.Contains("non-finite", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PoissonPopulation_FiresAtItsRate()
    {
        var spec = SpikingSpecs.Spec([new PopulationSpec("src", 1000, new PoissonNeuronSpec(20))], [], [SpikingSpecs.Phase("run", 10_000)]);
        var sink = new MemoryRecordSink();
        new SpikingSimulator(spec).Run(sink);
        // 1000 trains × 1 s at 20 Hz: 20 000 expected spikes, sd ≈ 141, so ±3 % is over 4 sd.
        Assert.InRange(sink.Summary.Single(r => r.Metric == "rate").Value, 19.4, 20.6);
    }

    [Fact]
    public void SameSeed_GivesIdenticalSpikes()
    {
        var record = new RecordSpec(100, [], true, null) { Spikes = new SpikeRecordSpec("n", 500) };
        var pop = new PopulationSpec("n", 500, SpikingSpecs.Lif(bias: 9, tRefMs: 2) with { VInit = new UniformDistribution(-60, -50) });
        var input = new PoissonInputSpec("drive", "n", false, 50, 2, 1, false);
        var spec = SpikingSpecs.Spec([pop], [SpikingSpecs.Projection("p", "n", "n", new ConnectivitySpec(ConnectivityRule.FixedProbability, 0.05, 0, false), 1.5, 10)],
            [SpikingSpecs.Phase("run", 3000, "drive")], record: record, inputs: [input]);
        var a = new MemoryRecordSink();
        var b = new MemoryRecordSink();
        new SpikingSimulator(spec).Run(a);
        new SpikingSimulator(spec).Run(b);
        Assert.True(a.Spikes.Count > 1000);
        Assert.Equal(a.Spikes, b.Spikes);
    }
}
