using System.Globalization;
using Neurotag.Core;
using Neurotag.Core.Recording;

namespace Neurotag.Scenarios.Tests;

/// <summary>
/// <c>model: adex</c> through the whole pipeline — YAML text, ScenarioLoader, Simulations.Create, a run into a
/// MemoryRecordSink — for the tonic and adapting sets of Naud, Marcille, Clopath &amp; Gerstner (2008, Biol Cybern
/// 99:335, Table 1): one neuron, dt 0.1 ms, a 500 pA step for 500 ms from v = E_L, w = 0.
/// <para>
/// Spikes: against Brian2 2.5.1 (tests/Neurotag.Core.Tests/Fixtures/adex, same equations, forward Euler, cut-off
/// V_T + 5Δ_T). A spike in Brian2's step n is stamped n·dt (the step's start), neurotag's t = (n + 1)·dt (its end; see
/// the fixture README and AdExPopulation). Tolerance as in the Core tests: the same spike count and every spike within
/// 1 step (Brian2 evaluates the same float64 expressions in another order; scaling I by 1 + 1e-12 in Brian2 moved no
/// spike, so one step of slack only covers a rounding that lands a crossing on the other side of a step boundary).
/// </para>
/// <para>
/// Adaptation: the recorded w must obey its own Euler update, w_k = w_{k−1} + (dt/τ_w)(a(v_{k−1} − E_L) − w_{k−1})
/// + b·[spike in step k], computed here from the recorded v and w (a separate run recording v; the runs are
/// deterministic). It fails if w jumps by anything but b at a spike, jumps when no spike was recorded, or is updated
/// from the new v (forward Euler takes every derivative at the step's start): at a spike v moves by ≈ 18 mV, which
/// would leave a residual of (dt/τ_w)·a·18 mV ≥ 0.012 pA. Tolerance: both w values are float32 roundings of the
/// double state, so the residual may be off by up to one float32 ulp of the largest |w|; v's rounding (≈ 4e-6 mV)
/// enters multiplied by a·dt/τ_w ≤ 0.007 and is negligible. 2 ulp are allowed.
/// </para>
/// </summary>
public sealed class AdExEndToEndTests
{
    private const double DtMs = 0.1;

    /// <summary>Naud et al. (2008) Table 1 rows as adex keys (the fixture README's table); bias is the step current.</summary>
    private static readonly Dictionary<string, string> NaudSets = new(StringComparer.Ordinal)
    {
        ["tonic"] = "c: 200 pF, g_leak: 10 nS, e_leak: -70 mV, v_t: -50 mV, delta_t: 2 mV, a: 2 nS, tau_w: 30 ms, b: 0 pA, v_reset: -58 mV",
        ["adapting"] = "c: 200 pF, g_leak: 12 nS, e_leak: -70 mV, v_t: -50 mV, delta_t: 2 mV, a: 2 nS, tau_w: 300 ms, b: 60 pA, v_reset: -58 mV",
    };

    /// <summary>(a nS, τ_w ms, b pA, E_L mV, V_r mV) of the sets, for the independent w check.</summary>
    private static readonly Dictionary<string, (double A, double TauW, double B, double ELeak, double VReset)> Constants = new(StringComparer.Ordinal)
    {
        ["tonic"] = (2, 30, 0, -70, -58),
        ["adapting"] = (2, 300, 60, -70, -58),
    };

    /// <summary>
    /// The scenario: the step current either as the neuron's own <c>bias:</c> or switched on by the phase's
    /// <c>set: { cell.bias: 500 pA }</c> (the neuron's bias then 0).
    /// </summary>
    private static string Scenario(string set, bool biasBySet, string variable) => $$"""
        name: naud-{{set}}
        dt: 0.1 ms
        populations:
          cell:
            size: 1
            neuron: { model: adex, {{NaudSets[set]}}, bias: {{(biasBySet ? "0 pA" : "500 pA")}} }
        protocol:
          - { phase: step, duration: 500 ms{{(biasBySet ? ", set: { cell.bias: 500 pA }" : "")}} }
        record:
          spikes: { population: cell }
          state: { population: cell, variable: {{variable}}, neurons: [0, 0], every: 0.1 ms }
        """;

    private static MemoryRecordSink Run(string text)
    {
        var result = ScenarioLoader.LoadText(text, "naud.yaml", null);
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var sink = new MemoryRecordSink();
        Simulations.Create(result.Spec!).Run(sink);
        return sink;
    }

    private static long Step(double timeMs) => (long)Math.Round(timeMs / DtMs);

    /// <summary>The Brian2 <c>step</c> column of a fixture file, + 1: the neurotag step of each spike.</summary>
    private static List<long> ExpectedSteps(string set) =>
        File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Fixtures", "adex", $"brian2-naud-{set}-dt0.1.csv"))
            .Skip(1)
            .Where(l => l.Length > 0)
            .Select(l => long.Parse(l.Split(',')[1], CultureInfo.InvariantCulture) + 1)
            .ToList();

    [Theory]
    [InlineData("tonic", false)]
    [InlineData("tonic", true)]
    [InlineData("adapting", false)]
    [InlineData("adapting", true)]
    public void NaudSet_SpikeStepsMatchBrian2(string set, bool biasBySet)
    {
        var expected = ExpectedSteps(set);
        Assert.Equal(set == "tonic" ? 51 : 10, expected.Count); // the fixture README's counts at dt 0.1 ms

        var sink = Run(Scenario(set, biasBySet, "w"));

        Assert.All(sink.Spikes, s => Assert.Equal(("cell", 0, "step"), (s.Population, s.Neuron, s.Phase)));
        var actual = sink.Spikes.Select(s => Step(s.TimeMs)).ToList();
        string trains = $"expected [{string.Join(' ', expected)}], actual [{string.Join(' ', actual)}]";
        Assert.True(expected.Count == actual.Count, trains);
        long worst = expected.Zip(actual, (e, a) => Math.Abs(a - e)).Max();
        Assert.True(worst <= 1, $"largest deviation {worst} steps; {trains}");
    }

    [Theory]
    [InlineData("tonic")]
    [InlineData("adapting")]
    public void RecordedW_FollowsItsEulerUpdate_AndJumpsByBAtEachSpike(string set)
    {
        var (a, tauW, b, eLeak, vReset) = Constants[set];
        var wRun = Run(Scenario(set, biasBySet: false, "w"));
        var vRun = Run(Scenario(set, biasBySet: false, "v"));
        var w = wRun.States.ToDictionary(s => Step(s.TimeMs), s => s.Value);
        var v = vRun.States.ToDictionary(s => Step(s.TimeMs), s => s.Value);
        var spikes = wRun.Spikes.Select(s => Step(s.TimeMs)).ToHashSet();
        Assert.Equal(spikes, vRun.Spikes.Select(s => Step(s.TimeMs)).ToHashSet());
        Assert.Equal(5001, w.Count); // t = 0 and the end of each of the 5000 steps
        Assert.Equal(w.Keys.Order(), v.Keys.Order());

        // The sample at t = 0 is the initial state, the reader's defaults v = E_L, w = 0.
        Assert.Equal((eLeak, 0.0), (v[0], w[0]));
        double maxW = w.Values.Max(Math.Abs);
        double tolerance = 2 * (MathF.BitIncrement((float)maxW) - (float)maxW);
        int jumps = 0;
        double worst = 0;
        for (long k = 1; k <= 5000; k++)
        {
            double predicted = w[k - 1] + (DtMs / tauW * ((a * (v[k - 1] - eLeak)) - w[k - 1]));
            double residual = w[k] - predicted;
            bool spiked = spikes.Contains(k);
            worst = Math.Max(worst, Math.Abs(residual - (spiked ? b : 0)));
            if (spiked)
            {
                jumps++;
                Assert.Equal(vReset, v[k], 12); // the recorded v after a spike step is the reset potential
            }
        }

        Assert.Equal(spikes.Count, jumps);
        Assert.True(spikes.Count >= 10, $"{spikes.Count} spikes");
        Assert.True(worst <= tolerance, $"largest |residual − b·spike| {worst} pA > {tolerance} pA (max |w| {maxW} pA)");
        if (b == 0)
        {
            // Tonic: no spike-triggered adaptation, but w is not 0 — it follows a(v − E_L) (a = 2 nS).
            Assert.True(maxW > 10, $"max |w| {maxW} pA");
        }
    }
}
