using System.Globalization;
using Neurotag.Core.Randomness;
using Neurotag.Core.Specs;
using Neurotag.Core.Spiking.Plasticity;
using Xunit.Abstractions;

namespace Neurotag.Core.Tests.Spiking;

/// <summary>
/// Inhibitory STDP (Vogels, Sprekeler, Zenke, Clopath &amp; Gerstner 2011) on CSR synapses: scripted pairs against the
/// rule's definition, random trains against <see cref="NaiveInhibitoryStdp"/> (shared and per-synapse presynaptic
/// traces), the mean drift under independent Poisson trains against its closed form (zero exactly at the target
/// rate), the offline fast-forward and <c>plasticity: off</c>.
/// </summary>
public sealed class InhibitoryStdpTests(ITestOutputHelper output)
{
    /// <summary>
    /// Scripted spikes, one synapse, η = 0.01, ρ₀ = 5 Hz, τ = 20 ms (α = 0.2), dt = 0.1 ms: a lone presynaptic spike
    /// depresses by η·α; a postsynaptic spike 10 ms later potentiates by η·e^{−10/20}; a presynaptic spike 5 ms after
    /// that changes the weight by η·(e^{−5/20} − α). The symmetric window: post-then-pre and pre-then-post at the same
    /// |Δt| potentiate equally. Tolerance: float32 traces decayed by a rounded factor over ≤ 150 steps (≤ 10⁻⁵ relative).
    /// </summary>
    [Fact]
    public void ScriptedSpikes_ChangeTheWeightAsTheRuleSays()
    {
        var spec = new InhibitoryStdpSpec(0.01, 5, 20);
        var syn = SparseSynapses.FromPairs(1, 1, [(0, 0)], _ => 1f);
        var rule = new InhibitoryStdpSynapses(syn, spec, 0f, 10f, 0.1);
        double expected = 1;
        void Run(int steps)
        {
            for (int t = 0; t < steps; t++)
            {
                rule.DecayTraces();
            }
        }

        rule.OnPreArrivals([0], 1f);
        expected -= 0.01 * 0.2;
        Assert.Equal(expected, syn.Weight[0], 1e-6);
        rule.DecayTraces();
        Run(99); // 10 ms after the pre spike
        rule.OnPostSpikes([0], 1f);
        expected += 0.01 * Math.Exp(-10.0 / 20);
        Assert.Equal(expected, syn.Weight[0], 1e-6);
        rule.DecayTraces();
        Run(49); // 5 ms after the post spike
        rule.OnPreArrivals([0], 1f);
        expected += 0.01 * (Math.Exp(-5.0 / 20) - 0.2);
        Assert.Equal(expected, syn.Weight[0], 1e-6);

        // Symmetry: post 10 ms before pre gives the same potentiating part as pre 10 ms before post.
        var a = SparseSynapses.FromPairs(1, 1, [(0, 0)], _ => 1f);
        var ruleA = new InhibitoryStdpSynapses(a, spec with { TargetRateHz = 1e-9 }, 0f, 10f, 0.1);
        ruleA.OnPostSpikes([0], 1f);
        for (int t = 0; t < 100; t++)
        {
            ruleA.DecayTraces();
        }

        ruleA.OnPreArrivals([0], 1f);
        Assert.Equal(1 + (0.01 * Math.Exp(-10.0 / 20)), a.Weight[0], 1e-6);
    }

    /// <summary>
    /// Random trains (20 Hz per neuron at dt = 1 ms, 3 s) on a 6 → 4 network with 60 % connectivity, weights starting
    /// near the lower bound 0 so that clipping is exercised: the event-driven rule equals the naive per-synapse,
    /// per-step integration to 10⁻⁵ relative to each synapse's summed update magnitude Σ|Δw|, with shared presynaptic
    /// traces and with per-synapse ones (random delays of 0–5 steps). Float32 traces with a rounded decay factor over
    /// ~τ/dt = 20 steps of memory stay within 10⁻⁶ relative; weights within float32 rounding of ~600 updates.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void RandomTrains_AgreeWithNaivePerStepIntegration(bool perSynapseDelays)
    {
        var spec = new InhibitoryStdpSpec(0.01, 10, 20);
        const int pres = 6, posts = 4, steps = 3000;
        const double dtMs = 1.0, wMin = 0.0, wMax = 0.5;
        var rng = new RandomSource(29);
        var pairs = new List<(int Pre, int Post)>();
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

        var synapses = pairs.OrderBy(p => p.Pre).ThenBy(p => p.Post).ToArray(); // FromPairs' synapse order
        var initial = synapses.Select(_ => 0.02 * rng.NextDouble()).ToArray();
        var delays = synapses.Select(_ => perSynapseDelays ? rng.NextInt(6) : 0).ToArray();
        var preSteps = Trains(pres, steps, 0.02, rng);
        var postSteps = Trains(posts, steps, 0.02, rng);
        var arrivals = synapses.Select((p, s) => preSteps[p.Pre].Select(t => t + delays[s]).ToHashSet()).ToArray();

        var syn = SparseSynapses.FromPairs(pres, posts, synapses, s => (float)initial[s]);
        var rule = new InhibitoryStdpSynapses(syn, spec, (float)wMin, (float)wMax, dtMs, perSynapsePreTrace: perSynapseDelays);
        for (int t = 0; t < steps; t++)
        {
            if (perSynapseDelays)
            {
                rule.OnSynapseArrivals([.. Enumerable.Range(0, synapses.Length).Where(s => arrivals[s].Contains(t))], 1f);
            }
            else
            {
                rule.OnPreArrivals([.. Enumerable.Range(0, pres).Where(j => preSteps[j].Contains(t))], 1f);
            }

            rule.OnPostSpikes([.. Enumerable.Range(0, posts).Where(i => postSteps[i].Contains(t))], 1f);
            rule.DecayTraces();
        }

        var expected = NaiveInhibitoryStdp.Run(synapses, initial, arrivals, postSteps, steps, dtMs, spec, wMin, wMax, out var magnitude);
        for (int s = 0; s < synapses.Length; s++)
        {
            Assert.True(magnitude[s] > 0.1, $"synapse {s} barely learned ({magnitude[s]}): the check would be empty");
            Assert.True(Math.Abs(syn.Weight[s] - expected[s]) <= 1e-5 * magnitude[s],
                $"synapse {s}: rule {syn.Weight[s]}, naive {expected[s]}, Σ|Δw| {magnitude[s]}");
        }
    }

    /// <summary>
    /// The mean drift under independent Poisson trains (Vogels et al. 2011, SOM): each presynaptic spike adds
    /// η·(⟨x_post⟩ − α) with ⟨x_post⟩ = ρ_post·τ, each postsynaptic spike η·⟨x_pre⟩ = η·ρ_pre·τ, so
    /// dw/dt = η·ρ_pre·(2·ρ_post·τ − α), zero exactly at ρ_post = ρ₀. On the grid (spikes Bernoulli with p = ρ·dt per
    /// step, decay d = e^{−dt/τ} per step, arrivals before post spikes and the decay at the step's end) the exact mean per
    /// step is η·p_pre·(p_post·(1 + d)/(1 − d) − α), which differs from the continuous form by O((dt/τ)²) (0.02 % here).
    /// 100 × 100 all-to-all synapses, ρ_pre = 10 Hz, ρ₀ = 3 Hz, τ = 20 ms, dt = 1 ms, 200 s, bounds that never bind.
    /// Tolerance: the per-synapse change has standard deviation ≈ 11·η over 200 s (Poisson counts times trace variance
    /// ρτ/2); the mean over synapses sharing 200 trains has ≈ 1.1·η, so at ρ_post = 2ρ₀ (closed form 240·η) 5 % is about
    /// ten standard deviations, and at ρ_post = ρ₀ the drift stays below 5 % of the 2ρ₀ drift.
    /// </summary>
    [Theory]
    [InlineData(1.5)]
    [InlineData(3.0)]
    [InlineData(6.0)]
    public void PoissonTrains_DriftAsTheClosedForm_ZeroAtTheTargetRate(double postHz)
    {
        const double preHz = 10, targetHz = 3, tauMs = 20, dtMs = 1, eta = 1e-3, seconds = 200;
        const int n = 100;
        int steps = (int)(seconds * 1000 / dtMs);
        var spec = new InhibitoryStdpSpec(eta, targetHz, tauMs);
        var pairs = new List<(int, int)>();
        for (int j = 0; j < n; j++)
        {
            for (int i = 0; i < n; i++)
            {
                pairs.Add((j, i));
            }
        }

        var syn = SparseSynapses.FromPairs(n, n, pairs, _ => 1f);
        var rule = new InhibitoryStdpSynapses(syn, spec, 0f, 10f, dtMs);
        var rng = new RandomSource(2011);
        double pPre = preHz * dtMs / 1000, pPost = postHz * dtMs / 1000;
        var pre = new List<int>();
        var post = new List<int>();
        for (int t = 0; t < steps; t++)
        {
            pre.Clear();
            post.Clear();
            for (int j = 0; j < n; j++)
            {
                if (rng.NextDouble() < pPre)
                {
                    pre.Add(j);
                }
            }

            for (int i = 0; i < n; i++)
            {
                if (rng.NextDouble() < pPost)
                {
                    post.Add(i);
                }
            }

            rule.OnPreArrivals(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(pre), 1f);
            rule.OnPostSpikes(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(post), 1f);
            rule.DecayTraces();
        }

        double meanChange = syn.Weight.Average(w => w - 1.0);
        double d = Math.Exp(-dtMs / tauMs);
        double grid = eta * pPre * ((pPost * (1 + d) / (1 - d)) - spec.Alpha) * steps;
        double continuous = eta * preHz * ((2 * postHz * tauMs / 1000) - spec.Alpha) * seconds;
        double scale = eta * preHz * ((2 * 2 * targetHz * tauMs / 1000) - spec.Alpha) * seconds; // the drift at 2ρ₀
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ρ_post {postHz} Hz: simulated {meanChange:G5}, grid {grid:G5}, continuous {continuous:G5}"));

        Assert.True(syn.Weight.All(w => w > 0f && w < 10f), "the bounds must not bind");
        Assert.Equal(continuous, grid, 1e-3 * scale);
        Assert.Equal(grid, meanChange, 0.05 * scale);
        if (postHz == targetHz)
        {
            Assert.Equal(0, continuous, 1e-12);
        }
        else
        {
            Assert.Equal(Math.Sign(postHz - targetHz), Math.Sign(meanChange));
        }
    }

    /// <summary>An offline interval decays both traces in closed form: the same as as many silent steps (≤ 10⁻⁴ relative).</summary>
    [Fact]
    public void FastForward_EqualsSilentSteps()
    {
        var spec = new InhibitoryStdpSpec(0.01, 3, 20);
        InhibitoryStdpSynapses Charged()
        {
            var rule = new InhibitoryStdpSynapses(SparseSynapses.FromPairs(1, 1, [(0, 0)], _ => 0f), spec, 0f, 1f, 0.1);
            rule.OnPreArrivals([0], 0f);
            rule.OnPostSpikes([0], 0f);
            return rule;
        }

        var stepped = Charged();
        var jumped = Charged();
        for (int t = 0; t < 300; t++)
        {
            stepped.DecayTraces();
        }

        jumped.FastForward(30);
        Assert.Equal(jumped.PreTrace[0], stepped.PreTrace[0], 1e-4 * jumped.PreTrace[0]);
        Assert.Equal(jumped.PostTrace[0], stepped.PostTrace[0], 1e-4 * jumped.PostTrace[0]);
        Assert.True(jumped.PreTrace[0] > 0.2f, "the traces must still be visible after 30 ms");
    }

    /// <summary><c>plasticity: off</c> (scale 0): the weight holds while the traces follow the spikes.</summary>
    [Fact]
    public void PlasticityOff_HoldsTheWeight_AndRunsTheTraces()
    {
        var syn = SparseSynapses.FromPairs(1, 1, [(0, 0)], _ => 0.5f);
        var rule = new InhibitoryStdpSynapses(syn, new InhibitoryStdpSpec(0.01, 3, 20), 0f, 1f, 0.1);
        rule.OnPreArrivals([0], 0f);
        rule.OnPostSpikes([0], 0f);

        Assert.Equal(0.5f, syn.Weight[0]);
        Assert.Equal((1f, 1f), (rule.PreTrace[0], rule.PostTrace[0]));
    }

    private static HashSet<int>[] Trains(int count, int steps, double pPerStep, RandomSource rng)
    {
        var trains = new HashSet<int>[count];
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
}
