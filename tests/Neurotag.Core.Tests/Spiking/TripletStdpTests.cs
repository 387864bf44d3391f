using Xunit.Abstractions;
using Neurotag.Core.Randomness;
using Neurotag.Core.Spiking.Plasticity;
using Neurotag.Core.Specs;

namespace Neurotag.Core.Tests.Spiking;

/// <summary>
/// Triplet STDP (Pfister &amp; Gerstner 2006) on CSR synapses: the pairing protocol of Sjöström, Turrigiano &amp; Nelson
/// (2001) against the closed form of the minimal all-to-all model, random trains against <see cref="NaiveTripletStdp"/>
/// (shared and per-synapse presynaptic traces), and the offline fast-forward of the traces.
/// </summary>
public sealed class TripletStdpTests(ITestOutputHelper output)
{
    private const int Pairings = 60;
    private const double OffsetMs = 10;

    /// <summary>
    /// Sjöström et al. (2001) pairing protocol, as fitted by Pfister &amp; Gerstner (2006): 60 pre–post pairings at
    /// frequency f (period T = 1/f), the post spike Δt = ±10 ms after the pre spike, with the paper's minimal
    /// all-to-all visual-cortex parameters (<see cref="TripletStdpSpec.VisualCortexMinimal"/>: A₂⁺ = A₃⁻ = 0, so only
    /// r₁, o₁ and o₂ act).
    /// <para>
    /// Closed form. Pairing k (k = 0…59) puts the pre spike at kT and the post spike at kT + Δt (Δt = +10 ms) or the
    /// post at kT and the pre at kT + 10 ms (Δt = −10 ms). With all-to-all traces (each spike adds 1, decays with τ)
    /// a trace just before a spike is a finite geometric sum over the earlier spikes of a periodic train; write
    /// q_τ = e^{−T/τ} and G_τ(m) = (1 − q_τ^m)/(1 − q_τ) = Σ_{i=0}^{m−1} q_τ^i. Then, for T &gt; 10 ms:
    /// </para>
    /// <para>
    /// Δt = +10: at post k, r₁ = e^{−10/τ₊}·G₊(k+1) (pre spikes 0…k) and o₂ = q_y·G_y(k) (posts 0…k−1, before its own
    /// jump); at pre k, o₁ = e^{+10/τ₋}·q₋·G₋(k) (posts 0…k−1, each 10 ms after its pre).
    /// Δt = −10: at post k, r₁ = e^{+10/τ₊}·q₊·G₊(k) (pres 0…k−1) and o₂ = q_y·G_y(k); at pre k, o₁ = e^{−10/τ₋}·G₋(k+1).
    /// </para>
    /// <para>
    /// Per pairing Δw_k = A₃⁺·r₁·o₂ − A₂⁻·o₁ (× w_max = 1), and the total is Σ_k Δw_k. At low f the triplet term
    /// vanishes (o₂ ≈ 0) and only pair depression at Δt = −10 ms remains (−A₂⁻·e^{−10/τ₋} per pairing); at high f o₂
    /// builds up to q_y/(1 − q_y) and potentiation wins for both signs of Δt — Sjöström's frequency dependence.
    /// </para>
    /// <para>
    /// Tolerance. Spike times are whole multiples of dt = 0.1 ms, so the discrete rule has no discretisation error: a
    /// trace decays by the exact factor e^{−dt/τ} each step. What remains is float32: the decay factor is rounded once
    /// (≤ 6·10⁻⁸ relative), which compounds over the ≤ 10⁴ steps of one period to ≤ 6·10⁻⁴ relative on a trace, plus
    /// the weight's own rounding over 120 updates (≤ 10⁻⁶ absolute). So |simulated − closed| ≤ 10⁻³·Σ_k|terms| + 10⁻⁶.
    /// </para>
    /// </summary>
    [Theory]
    [InlineData(1.0, +10.0)]
    [InlineData(10.0, +10.0)]
    [InlineData(20.0, +10.0)]
    [InlineData(40.0, +10.0)]
    [InlineData(50.0, +10.0)]
    [InlineData(1.0, -10.0)]
    [InlineData(10.0, -10.0)]
    [InlineData(20.0, -10.0)]
    [InlineData(40.0, -10.0)]
    [InlineData(50.0, -10.0)]
    public void PairingProtocol_MatchesTheClosedForm(double frequencyHz, double deltaMs)
    {
        var spec = TripletStdpSpec.VisualCortexMinimal;
        double simulated = SimulatePairings(spec, frequencyHz, deltaMs, dtMs: 0.1);
        double expected = ClosedForm(spec, frequencyHz, deltaMs, out double scale);

        Assert.Equal(expected, simulated, (1e-3 * scale) + 1e-6);
    }

    /// <summary>
    /// The frequency dependence the rule was fitted to (Sjöström et al. 2001, Fig. 7; Pfister &amp; Gerstner 2006,
    /// Fig. 5): at 1 Hz Δt = −10 ms depresses (closed form −0.317 in units of w_max) and Δt = +10 ms does almost nothing
    /// (+3·10⁻⁵); at 50 Hz both potentiate (+0.763 and +0.749), and Δt = +10 ms potentiation grows with frequency. These
    /// are properties of the simulated totals, checked beside the closed-form test above.
    /// </summary>
    [Fact]
    public void PairingProtocol_DepressesAtLowFrequency_AndPotentiatesAtHigh()
    {
        var spec = TripletStdpSpec.VisualCortexMinimal;
        double[] hz = [1, 10, 20, 40, 50];
        var plus = hz.Select(f => SimulatePairings(spec, f, +10, 0.1)).ToArray();
        var minus = hz.Select(f => SimulatePairings(spec, f, -10, 0.1)).ToArray();
        for (int i = 0; i < hz.Length; i++)
        {
            output.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{hz[i],3} Hz  +10 ms: sim {plus[i]:+0.000000;-0.000000} closed {ClosedForm(spec, hz[i], +10, out _):+0.000000;-0.000000}   -10 ms: sim {minus[i]:+0.000000;-0.000000} closed {ClosedForm(spec, hz[i], -10, out _):+0.000000;-0.000000}"));
        }


        Assert.True(minus[0] < -0.25, $"−10 ms at 1 Hz: {minus[0]}");
        Assert.InRange(plus[0], 0, 1e-3);
        Assert.True(plus[^1] > 0.5 && minus[^1] > 0.5, $"50 Hz: {plus[^1]}, {minus[^1]}");
        for (int i = 1; i < hz.Length; i++)
        {
            Assert.True(plus[i] > plus[i - 1], $"+10 ms potentiation must grow with frequency: {string.Join(", ", plus)}");
        }
    }

    /// <summary>
    /// Random trains (20 Hz per neuron at dt = 1 ms, 3 s) on a 6 → 4 network with 60 % connectivity, the full rule
    /// (all four amplitudes non-zero, enlarged so that every term matters): the event-driven rule equals the naive
    /// per-synapse, per-step integration to 10⁻⁵ relative to each synapse's summed update magnitude Σ|Δw|, with
    /// shared presynaptic traces and with per-synapse ones (random delays of 0–5 steps). dt = 1 ms keeps the float32
    /// decay factors' compounded rounding (≤ 3·10⁻⁸ per step over ~τ/dt ≤ 120 steps of memory) below 4·10⁻⁶.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void RandomTrains_AgreeWithNaivePerStepIntegration(bool perSynapseDelays)
    {
        var spec = new TripletStdpSpec(16.8, 33.7, 101, 125, 2e-3, 6e-3, 7e-3, 2e-3);
        const int pres = 6, posts = 4, steps = 3000;
        const double dtMs = 1.0, wMin = -1.0, wMax = 1.0;
        var rng = new RandomSource(13);
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
        var initial = synapses.Select(_ => 0.2 * (rng.NextDouble() - 0.5)).ToArray();
        var delays = synapses.Select(_ => perSynapseDelays ? rng.NextInt(6) : 0).ToArray();
        var preSteps = Trains(pres, steps, 0.02, rng);
        var postSteps = Trains(posts, steps, 0.02, rng);
        var arrivals = synapses.Select((p, s) => preSteps[p.Pre].Select(t => t + delays[s]).ToHashSet()).ToArray();

        var syn = SparseSynapses.FromPairs(pres, posts, synapses, s => (float)initial[s]);
        var rule = new TripletStdpSynapses(syn, spec, (float)wMin, (float)wMax, dtMs, perSynapsePreTrace: perSynapseDelays);
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

        var expected = NaiveTripletStdp.Run(synapses, initial, arrivals, postSteps, steps, dtMs, spec, wMin, wMax, out var magnitude);
        for (int s = 0; s < synapses.Length; s++)
        {
            Assert.True(magnitude[s] > 0.01, $"synapse {s} barely learned ({magnitude[s]}): the check would be empty");
            Assert.True(Math.Abs(syn.Weight[s] - expected[s]) <= 1e-5 * magnitude[s],
                $"synapse {s}: rule {syn.Weight[s]}, naive {expected[s]}, Σ|Δw| {magnitude[s]}");
        }
    }

    /// <summary>
    /// An offline interval decays the four traces in closed form: the same as as many silent steps (float32: ≤ 10⁻⁴
    /// relative over 500 compounded per-step factors).
    /// </summary>
    [Fact]
    public void FastForward_EqualsSilentSteps()
    {
        var spec = new TripletStdpSpec(16.8, 33.7, 101, 125, 2e-3, 6e-3, 7e-3, 2e-3);
        TripletStdpSynapses Charged()
        {
            var rule = new TripletStdpSynapses(SparseSynapses.FromPairs(1, 1, [(0, 0)], _ => 0f), spec, -1f, 1f, 0.1);
            rule.OnPreArrivals([0], 0f);
            rule.OnPostSpikes([0], 0f);
            return rule;
        }

        var stepped = Charged();
        var jumped = Charged();
        for (int t = 0; t < 500; t++)
        {
            stepped.DecayTraces();
        }

        jumped.FastForward(50);
        foreach (var (a, b) in new[] { (stepped.PreTrace1, jumped.PreTrace1), (stepped.PreTrace2, jumped.PreTrace2), (stepped.PostTrace1, jumped.PostTrace1), (stepped.PostTrace2, jumped.PostTrace2) })
        {
            Assert.Equal(b[0], a[0], 1e-4 * b[0]);
        }
    }

    /// <summary>The closed form of <see cref="PairingProtocol_MatchesTheClosedForm"/>; <paramref name="scale"/> is Σ|terms|.</summary>
    private static double ClosedForm(TripletStdpSpec p, double frequencyHz, double deltaMs, out double scale)
    {
        double period = 1000.0 / frequencyHz;
        double qPlus = Math.Exp(-period / p.TauPlusMs), qMinus = Math.Exp(-period / p.TauMinusMs), qY = Math.Exp(-period / p.TauYMs);
        static double G(double q, int m) => (1 - Math.Pow(q, m)) / (1 - q);
        double total = 0;
        scale = 0;
        for (int k = 0; k < Pairings; k++)
        {
            double o2 = qY * G(qY, k);
            double r1 = deltaMs > 0 ? Math.Exp(-OffsetMs / p.TauPlusMs) * G(qPlus, k + 1) : Math.Exp(OffsetMs / p.TauPlusMs) * qPlus * G(qPlus, k);
            double o1 = deltaMs > 0 ? Math.Exp(OffsetMs / p.TauMinusMs) * qMinus * G(qMinus, k) : Math.Exp(-OffsetMs / p.TauMinusMs) * G(qMinus, k + 1);
            double ltp = p.A3Plus * r1 * o2, ltd = p.A2Minus * o1;
            total += ltp - ltd;
            scale += ltp + ltd;
        }

        return total;
    }

    /// <summary>One synapse, w_max = 1, bounds that never bind; returns the total weight change of the protocol.</summary>
    private static double SimulatePairings(TripletStdpSpec spec, double frequencyHz, double deltaMs, double dtMs)
    {
        var syn = SparseSynapses.FromPairs(1, 1, [(0, 0)], _ => 0f);
        var rule = new TripletStdpSynapses(syn, spec, -2f, 1f, dtMs);
        long period = (long)Math.Round(1000.0 / frequencyHz / dtMs), offset = (long)Math.Round(OffsetMs / dtMs);
        const long start = 100;
        long preOffset = deltaMs > 0 ? 0 : offset, postOffset = deltaMs > 0 ? offset : 0;
        long end = start + ((Pairings - 1) * period) + offset;
        for (long t = 0; t <= end; t++)
        {
            long phase = t - start;
            bool inProtocol = phase >= 0 && phase / period < Pairings;
            if (inProtocol && phase % period == preOffset)
            {
                rule.OnPreArrivals([0], 1f);
            }

            if (inProtocol && phase % period == postOffset)
            {
                rule.OnPostSpikes([0], 1f);
            }

            rule.DecayTraces();
        }

        return syn.Weight[0];
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
