namespace Neurotag.Cli.Tests;

/// <summary>Spiking runs end to end: byte-identical spikes.csv/state.csv across runs, SIMD support and processor counts; checkers exit 3.</summary>
public sealed class SpikingRunTests
{
    private static readonly string[] Files = ["phases.csv", "spikes.csv", "state.csv", "populations.csv", "tags.csv", "summary.csv"];

    /// <summary>
    /// The COBA benchmark at 1000 neurons and 200 ms (light enough for the software SIMD fallback), recording 100
    /// neurons' spikes and 3 neurons' v; with <paramref name="synapseDelays"/>, per-synapse delays on both projections
    /// and STDP on the excitatory one (the ring of future input and the queue of arriving synapses).
    /// </summary>
    private static string Scenario(TempFolder temp, bool synapseDelays = false)
    {
        string text = File.ReadAllText(CliHarness.Scenario("coba-benchmark.yaml"))
            .Replace("duration: 1 s", "duration: 200 ms", StringComparison.Ordinal)
            .Replace("size: 4000", "size: 1000", StringComparison.Ordinal)
            .Replace("[0, 3199]", "[0, 799]", StringComparison.Ordinal)
            .Replace("[3200, 3999]", "[800, 999]", StringComparison.Ordinal)
            .Replace("  every: 100 ms", "  every: 100 ms\n  spikes: { population: neurons, neurons: 100 }\n  state: { population: neurons, variable: v, neurons: [0, 2], every: 1 ms }", StringComparison.Ordinal);
        text = text[..text.IndexOf("expect:", StringComparison.Ordinal)];
        if (synapseDelays)
        {
            text = text
                .Replace("p: 0.02 }, weight: 6 nS }", "p: 0.02 }, weight: { init: 6 nS, max: 12 nS }, delay: { uniform: [0.5 ms, 2 ms] }, plasticity: { rule: stdp, stdp: { tau_plus: 20 ms, tau_minus: 20 ms, a_plus: 0.005, a_minus: 0.00525 } } }", StringComparison.Ordinal)
                .Replace("weight: 67 nS, sign: inhibitory }", "weight: 67 nS, sign: inhibitory, delay: { normal: [1 ms, 0.2 ms] } }", StringComparison.Ordinal);
            Assert.Contains("delay: { uniform", text, StringComparison.Ordinal);
            Assert.Contains("delay: { normal", text, StringComparison.Ordinal);
        }


        string path = temp.Sub("coba-short.yaml");
        File.WriteAllText(path, text);
        return path;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Run_SpikingTwiceAndWithoutSimdAndOnOneProcessor_WritesByteIdenticalSpikes(bool synapseDelays)
    {
        using var temp = new TempFolder();
        string scenario = Scenario(temp, synapseDelays);
        var a = CliHarness.Run("run", scenario, "--out", temp.Sub("a"), "--quiet");
        var b = CliHarness.Run("run", scenario, "--out", temp.Sub("b"), "--quiet");
        var scalar = CliHarness.RunProcess(new Dictionary<string, string> { ["DOTNET_EnableHWIntrinsic"] = "0" }, "run", scenario, "--out", temp.Sub("scalar"), "--quiet");
        var one = CliHarness.RunProcess(new Dictionary<string, string> { ["DOTNET_PROCESSOR_COUNT"] = "1" }, "run", scenario, "--out", temp.Sub("one"), "--quiet");
        Assert.True(a.Exit == 0, a.Err);
        Assert.True(b.Exit == 0, b.Err);
        Assert.True(scalar.Exit == 0, scalar.Err);
        Assert.True(one.Exit == 0, one.Err);
        Assert.True(new FileInfo(Path.Combine(temp.Sub("a"), "spikes.csv")).Length > 2_000);
        Assert.StartsWith("t_ms,phase,rep,population,neuron\n", File.ReadAllText(Path.Combine(temp.Sub("a"), "spikes.csv")), StringComparison.Ordinal);
        Assert.StartsWith("t_ms,phase,rep,population,neuron,variable,value,unit\n", File.ReadAllText(Path.Combine(temp.Sub("a"), "state.csv")), StringComparison.Ordinal);
        foreach (string other in new[] { "b", "scalar", "one" })
        {
            foreach (string file in Files)
            {
                Assert.True(File.ReadAllBytes(Path.Combine(temp.Sub("a"), file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(temp.Sub(other), file))), $"{file} differs in run '{other}'");
            }
        }
    }

    /// <summary>
    /// state.csv records the Izhikevich recovery variable u: checked step by step against an independent forward-Euler
    /// integration of Izhikevich (2003) in double, with dv/dt = 0.04v² + 5v + 140 − u + I and du/dt = a(bv − u), for
    /// 30 ms (one spike and its reset at I = 10). Tolerance 2e-3 (float32 state; u is about −13).
    /// </summary>
    [Fact]
    public void Run_IzhikevichStateU_FollowsANaiveEulerIntegration()
    {
        using var temp = new TempFolder();
        string path = temp.Sub("izh.yaml");
        File.WriteAllText(path, """
            name: izh
            dt: 0.1 ms
            populations:
              rs: { size: 1, neuron: { model: izhikevich, bias: 10, v_init: -65 mV } }
            protocol:
              - { phase: run, duration: 30 ms }
            record:
              every: 1 ms
              state: { population: rs, variable: u, neurons: [0, 0] }
            """);
        var result = CliHarness.Run("run", path, "--out", temp.Sub("out"), "--quiet");
        Assert.True(result.Exit == 0, result.Err);
        var rows = File.ReadLines(Path.Combine(temp.Sub("out"), "state.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.True(rows.Count >= 301, $"expected a u sample at t = 0 and per step, got {rows.Count}");

        const double a = 0.02, b = 0.2, c = -65, d = 8, input = 10, dt = 0.1;
        var expected = new List<double> { b * -65 };
        double v = -65, u = b * -65;
        bool spiked = false;
        for (int k = 1; k <= 300; k++)
        {
            double dv = (0.04 * v * v) + (5 * v) + 140 - u + input;
            double du = a * ((b * v) - u);
            v += dt * dv;
            u += dt * du;
            if (v >= 30)
            {
                v = c;
                u += d;
                spiked = true;
            }

            expected.Add(u);
        }

        Assert.True(spiked, "the naive model should spike within 30 ms, so the reset u += d is covered");
        foreach (var row in rows)
        {
            Assert.Equal("u", row[5]); // t_ms,phase,rep,population,neuron,variable,value,unit
            int k = (int)Math.Round(double.Parse(row[0], System.Globalization.CultureInfo.InvariantCulture) / dt);
            Assert.Equal(expected[k], double.Parse(row[6], System.Globalization.CultureInfo.InvariantCulture), 2e-3);
        }
    }

    [Fact]
    public void Run_RunawaySpiking_ExitsWithThreeNamingThePopulation()
    {
        using var temp = new TempFolder();
        string path = temp.Sub("hot.yaml");
        File.WriteAllText(path, """
            name: hot
            dt: 0.1 ms
            populations:
              hot: { size: 10, neuron: { model: lif, bias: 100000 mV } }
            protocol:
              - { phase: run, duration: 100 ms }
            """);
        var result = CliHarness.Run("run", path, "--out", temp.Sub("out"), "--quiet");
        Assert.Equal(3, result.Exit);
        Assert.Contains("'hot'", result.Err, StringComparison.Ordinal);
        Assert.Contains("runaway", result.Err, StringComparison.Ordinal);

        // Regression (issue #10): the stopped run keeps what it recorded, marked stopped, and plot draws it and says so.
        Assert.Contains("\"exit_status\": \"stopped\"", File.ReadAllText(temp.Sub("out/manifest.json")), StringComparison.Ordinal);
        Assert.True(File.ReadLines(temp.Sub("out/populations.csv")).Count() >= 2, "the t = 0 sample at least");
        var plot = CliHarness.Run("plot", temp.Sub("out"));
        Assert.True(plot.Exit == 0, plot.Err);
        Assert.Contains("stopped by a checker", plot.Err, StringComparison.Ordinal);
    }

    /// <summary>
    /// A spiking projection with pruning runs through the CLI (the manifest used to look up regrowth counts the spiking
    /// simulator did not report, an internal error), and the manifest's counts agree with the summary rows.
    /// </summary>
    [Fact]
    public void Run_SpikingWithPruning_WritesCountsToManifestAndSummary()
    {
        using var temp = new TempFolder();
        string path = temp.Sub("prune.yaml");
        File.WriteAllText(path, """
            name: prune
            dt: 0.1 ms
            populations:
              cortex: { size: 20, neuron: { model: lif } }
            projections:
              recurrent:
                from: cortex
                to: cortex
                weight: { init: { uniform: [0 nS, 1 nS] }, max: 1 nS }
                plasticity: { rule: stdp, stdp: { a_plus: 0.01, a_minus: 0.0105 } }
                pruning: { below: 0.3, for: 5 ms, every: 1 ms }
            protocol:
              - { phase: run, duration: 20 ms }
            """);

        var result = CliHarness.Run("run", path, "--out", temp.Sub("out"), "--quiet");

        Assert.True(result.Exit == 0, result.Err);
        using var manifest = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(temp.Sub("out"), "manifest.json")));
        long pruned = manifest.RootElement.GetProperty("pruned_synapses").GetProperty("recurrent").GetInt64();
        Assert.Equal(0, manifest.RootElement.GetProperty("regrown_synapses").GetProperty("recurrent").GetInt64());
        var rows = File.ReadAllLines(Path.Combine(temp.Sub("out"), "summary.csv")).Where(l => l.StartsWith("run,0,0,projection,recurrent,", StringComparison.Ordinal)).ToList();
        Assert.Contains($"run,0,0,projection,recurrent,pruned,,{pruned},1", rows);
        Assert.Contains($"run,0,0,projection,recurrent,synapses,,{(20 * 19) - pruned},1", rows);
        Assert.InRange(pruned, 60, 170); // about 30 % of 380 start below 0.3 nS and the silent network never changes them
    }
}
