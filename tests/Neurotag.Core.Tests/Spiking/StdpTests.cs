using Neurotag.Core.Randomness;
using Neurotag.Core.Spiking.Plasticity;
using Neurotag.Core.Specs;

namespace Neurotag.Core.Tests.Spiking;

/// <summary>
/// Pair-based STDP (Song, Miller &amp; Abbott 2000; Morrison, Diesmann &amp; Gerstner 2008) on CSR synapses: scripted pairs
/// against the closed form, random trains against <see cref="NaiveStdp"/>, bounds, eligibility + modulator.
/// </summary>
public sealed class StdpTests
{
    private const double DtMs = 0.1;
    private static readonly StdpSpec Additive = new(20, 20, 0.01, 0.0105, StdpWeightDependence.Additive, StdpPairing.AllToAll);

    /// <summary>
    /// Δt = t_post − t_pre = +10 ms potentiates by a₊·e^{−10/τ₊}; −10 ms depresses by a₋·e^{−10/τ₋}. τ₊ ≠ τ₋ here so a
    /// swapped time constant fails. Tolerance 1e-5 relative: the trace decays by a float factor 100 times (≈ 100 ulp).
    /// </summary>
    [Theory]
    [InlineData(+10.0)]
    [InlineData(-10.0)]
    public void ScriptedPair_ChangesWeightByTheClosedForm(double deltaMs)
    {
        var spec = Additive with { TauPlusMs = 16.8, TauMinusMs = 33.7 };
        var syn = SparseSynapses.FromPairs(1, 1, [(0, 0)], _ => 0.5f);
        var stdp = new StdpSynapses(syn, spec, 0f, 1f, DtMs);
        int first = 5, second = first + (int)Math.Round(Math.Abs(deltaMs) / DtMs);
        for (int t = 0; t <= second + 3; t++)
        {
            stdp.DecayTraces();
            bool pre = t == (deltaMs > 0 ? first : second);
            bool post = t == (deltaMs > 0 ? second : first);
            if (pre)
            {
                stdp.OnPreArrivals([0], 1f);
            }

            if (post)
            {
                stdp.OnPostSpikes([0], 1f);
            }
        }

        double expected = deltaMs > 0
            ? spec.APlus * Math.Exp(-deltaMs / spec.TauPlusMs)
            : -spec.AMinus * Math.Exp(deltaMs / spec.TauMinusMs);
        Assert.Equal(0.5 + expected, syn.Weight[0], (1e-5 * Math.Abs(expected)) + 1e-7);
    }

    /// <summary>
    /// Random Poisson-like trains on a 6 → 4 network with 60 % connectivity, 300 ms: the rule agrees with the naive
    /// history-sum implementation for every mode and pairing, with bounds that bind (w_max close to the initial
    /// weights, large amplitudes). Tolerance 2e-5 absolute on weights in [0, 1] (float vs double over ~100 updates).
    /// </summary>
    [Theory]
    [InlineData(StdpWeightDependence.Additive, StdpPairing.AllToAll)]
    [InlineData(StdpWeightDependence.Additive, StdpPairing.Nearest)]
    [InlineData(StdpWeightDependence.Multiplicative, StdpPairing.AllToAll)]
    [InlineData(StdpWeightDependence.Multiplicative, StdpPairing.Nearest)]
    public void RandomTrains_AgreeWithNaiveImplementation(StdpWeightDependence mode, StdpPairing pairing)
    {
        var spec = new StdpSpec(17, 29, 0.06, 0.07, mode, pairing);
        const int pres = 6, posts = 4, steps = 3000;
        var rng = new RandomSource(11);
        var pairs = new List<(int, int)>();
        for (int j = 0; j < pres; j++)
        {
            for (int i = 0; i < posts; i++)
            {
                if (rng.NextDouble() < 0.6)
                {
                    pairs.Add((j, i));
                }
            }
        }

        var initial = pairs.Select(_ => 0.2 + (0.6 * rng.NextDouble())).ToArray();
        var syn = SparseSynapses.FromPairs(pres, posts, pairs, s => (float)initial[s]);
        var preSteps = Trains(pres, steps, 0.004, rng);   // 40 Hz at dt 0.1 ms
        var postSteps = Trains(posts, steps, 0.004, rng);
        var stdp = new StdpSynapses(syn, spec, 0f, 1f, DtMs);
        var firing = new List<int>();
        for (int t = 0; t < steps; t++)
        {
            stdp.DecayTraces();
            Fire(preSteps, t, firing);
            stdp.OnPreArrivals(firing.ToArray(), 1f);
            Fire(postSteps, t, firing);
            stdp.OnPostSpikes(firing.ToArray(), 1f);
        }

        // FromPairs sorts by (pre, post); the naive run uses the same synapse order.
        var ordered = Enumerable.Range(0, syn.Count).Select(s => (syn.Pre[s], syn.Post[s])).ToArray();
        var initialOrdered = pairs.Select((p, k) => (p, initial[k])).OrderBy(x => x.p.Item1).ThenBy(x => x.p.Item2).Select(x => x.Item2).ToArray();
        var expected = NaiveStdp.Run(ordered, initialOrdered, preSteps, postSteps, steps, DtMs, spec, 0, 1);
        for (int s = 0; s < syn.Count; s++)
        {
            Assert.Equal(expected[s], syn.Weight[s], 2e-5);
        }

        Assert.Contains(expected, w => w != initialOrdered[Array.IndexOf(expected, w)]);
    }

    /// <summary>
    /// Per-synapse delays: the presynaptic trace is charged when the spike arrives at the synapse (NEST's Kplus,
    /// Brian2's per-synapse apre). Random trains on a 6 → 4 network, each synapse with its own delay of 0–80 steps:
    /// the rule fed the arrivals agrees with the naive history sum run on each synapse's arrival train (the
    /// presynaptic train shifted by d_s). Tolerance 2e-5 absolute, as for the per-neuron traces.
    /// </summary>
    [Theory]
    [InlineData(StdpWeightDependence.Additive, StdpPairing.AllToAll)]
    [InlineData(StdpWeightDependence.Multiplicative, StdpPairing.Nearest)]
    public void PerSynapseDelays_TracesFollowArrivalTimes_AgreeWithNaiveImplementation(StdpWeightDependence mode, StdpPairing pairing)
    {
        var spec = new StdpSpec(17, 29, 0.06, 0.07, mode, pairing);
        const int pres = 6, posts = 4, steps = 3000;
        var rng = new RandomSource(12);
        var pairs = new List<(int, int)>();
        for (int j = 0; j < pres; j++)
        {
            for (int i = 0; i < posts; i++)
            {
                if (rng.NextDouble() < 0.6)
                {
                    pairs.Add((j, i));
                }
            }
        }

        var syn = SparseSynapses.FromPairs(pres, posts, pairs, _ => (float)(0.2 + (0.6 * rng.NextDouble())));
        var initial = syn.Weight.Select(w => (double)w).ToArray();
        var delay = Enumerable.Range(0, syn.Count).Select(_ => rng.NextInt(81)).ToArray();
        var preSteps = Trains(pres, steps, 0.004, rng);
        var postSteps = Trains(posts, steps, 0.004, rng);
        // Each synapse's arrival train, as if it were a presynaptic neuron of its own.
        var arrivalSteps = Enumerable.Range(0, syn.Count).Select(s => preSteps[syn.Pre[s]].Select(t => t + delay[s]).Where(t => t < steps).ToList()).ToArray();
        var stdp = new StdpSynapses(syn, spec, 0f, 1f, DtMs, perSynapsePreTrace: true);
        var firing = new List<int>();
        for (int t = 0; t < steps; t++)
        {
            stdp.DecayTraces();
            Fire(arrivalSteps, t, firing);
            stdp.OnSynapseArrivals(firing.ToArray(), 1f);
            Fire(postSteps, t, firing);
            stdp.OnPostSpikes(firing.ToArray(), 1f);
        }

        var naiveSynapses = Enumerable.Range(0, syn.Count).Select(s => (s, syn.Post[s])).ToArray();
        var expected = NaiveStdp.Run(naiveSynapses, initial, arrivalSteps, postSteps, steps, DtMs, spec, 0, 1);
        for (int s = 0; s < syn.Count; s++)
        {
            Assert.Equal(expected[s], syn.Weight[s], 2e-5);
        }

        // The delays matter: the same trains without them end elsewhere.
        var undelayed = NaiveStdp.Run(naiveSynapses, initial, [.. Enumerable.Range(0, syn.Count).Select(s => preSteps[syn.Pre[s]])], postSteps, steps, DtMs, spec, 0, 1);
        Assert.Contains(Enumerable.Range(0, syn.Count), s => Math.Abs(undelayed[s] - expected[s]) > 1e-3);
    }

    /// <summary>Strong additive learning on a dense random network keeps every weight within [w_min, w_max], and both bounds are reached.</summary>
    [Fact]
    public void Weights_StayWithinHardBounds()
    {
        var spec = new StdpSpec(20, 20, 0.3, 0.3, StdpWeightDependence.Additive, StdpPairing.AllToAll);
        var rng = new RandomSource(5);
        var pairs = Enumerable.Range(0, 20).SelectMany(j => Enumerable.Range(0, 5).Select(i => (j, i))).ToList();
        var syn = SparseSynapses.FromPairs(20, 5, pairs, _ => 0.5f);
        var stdp = new StdpSynapses(syn, spec, 0.1f, 0.9f, DtMs);
        var pre = Trains(20, 20_000, 0.003, rng);
        var post = Trains(5, 20_000, 0.003, rng);
        var firing = new List<int>();
        for (int t = 0; t < 20_000; t++)
        {
            stdp.DecayTraces();
            Fire(pre, t, firing);
            stdp.OnPreArrivals(firing.ToArray(), 1f);
            Fire(post, t, firing);
            stdp.OnPostSpikes(firing.ToArray(), 1f);
        }

        Assert.All(syn.Weight, w => Assert.InRange(w, 0.1f, 0.9f));
        Assert.Contains(0.1f, syn.Weight);
        Assert.Contains(0.9f, syn.Weight);
    }

    /// <summary>
    /// Three-factor (Izhikevich 2007): a +10 ms pair charges e₀ = a₊·e^{−10/τ₊} and leaves w unchanged; a constant
    /// conversion factor c per step then adds c·e₀·Σ_{k=1..n} a_eᵏ (a_e = e^{−dt/τ_e}), whose continuous limit
    /// η·g·m·e₀·τ_e·(1 − e^{−T/τ_e}) it matches within dt/τ_e relative (the left-Riemann offset of one step).
    /// </summary>
    [Fact]
    public void Eligibility_ConvertedByModulator_MatchesClosedForm()
    {
        const double tauE = 200, eta = 2.0, gainTimesM = 0.5; // η per second
        var syn = SparseSynapses.FromPairs(1, 1, [(0, 0)], _ => 0.3f);
        var stdp = new StdpSynapses(syn, Additive, 0f, 1f, DtMs, eligibilityTauMs: tauE);
        for (int t = 0; t <= 100; t++)
        {
            stdp.DecayTraces();
            if (t == 0)
            {
                stdp.OnPreArrivals([0], 1f);
            }

            if (t == 100)
            {
                stdp.OnPostSpikes([0], 1f);
            }
        }

        double e0 = Additive.APlus * Math.Exp(-10 / Additive.TauPlusMs);
        Assert.Equal(0.3f, syn.Weight[0]);
        Assert.Equal(e0, stdp.Eligibility![0], 1e-5 * e0); // float trace after 100 decays: ~100 ulp
        double c = eta * gainTimesM * DtMs / 1000;
        const int n = 5000; // 500 ms
        for (int k = 0; k < n; k++)
        {
            stdp.DecayTraces();
            stdp.ConvertEligibility((float)c);
        }

        double ae = Math.Exp(-DtMs / tauE);
        double discrete = 0.3 + (c * e0 * ae * (1 - Math.Pow(ae, n)) / (1 - ae));
        double continuous = 0.3 + (eta * gainTimesM * e0 * (tauE / 1000) * (1 - Math.Exp(-n * DtMs / tauE)));
        Assert.Equal(discrete, syn.Weight[0], 1e-6);
        Assert.Equal(continuous - 0.3, discrete - 0.3, (continuous - 0.3) * DtMs / tauE * 1.01);
    }

    /// <summary>A trace left alone decays to exactly 0 (never subnormal), vector and scalar tails alike.</summary>
    [Fact]
    public void Traces_SnapToZeroBeforeSubnormal()
    {
        var syn = SparseSynapses.FromPairs(11, 1, Enumerable.Range(0, 11).Select(j => (j, 0)).ToList(), _ => 0.5f);
        var stdp = new StdpSynapses(syn, Additive, 0f, 1f, 1.0);
        stdp.OnPreArrivals(Enumerable.Range(0, 11).ToArray(), 1f);
        for (int t = 0; t < 2000; t++)
        {
            stdp.DecayTraces();
            Assert.All(stdp.PreTrace, x => Assert.True(x == 0f || x >= StdpSynapses.SnapBelow, "subnormal or below the snap"));
        }

        Assert.All(stdp.PreTrace, x => Assert.Equal(0f, x));
    }

    private static List<int>[] Trains(int count, int steps, double pPerStep, RandomSource rng)
    {
        var trains = new List<int>[count];
        for (int n = 0; n < count; n++)
        {
            trains[n] = [];
            for (int t = 0; t < steps; t++)
            {
                if (rng.NextDouble() < pPerStep)
                {
                    trains[n].Add(t);
                }
            }
        }

        return trains;
    }

    private static void Fire(List<int>[] trains, int t, List<int> firing)
    {
        firing.Clear();
        for (int n = 0; n < trains.Length; n++)
        {
            if (trains[n].Contains(t))
            {
                firing.Add(n);
            }
        }
    }
}
