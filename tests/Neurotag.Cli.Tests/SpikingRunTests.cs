namespace Neurotag.Cli.Tests;

/// <summary>Spiking runs end to end: byte-identical spikes.csv/state.csv across runs, SIMD support and processor counts; checkers exit 3.</summary>
public sealed class SpikingRunTests
{
    private static readonly string[] Files = ["spikes.csv", "state.csv", "populations.csv", "tags.csv", "summary.csv"];

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
        Assert.StartsWith("t_ms,population,neuron\n", File.ReadAllText(Path.Combine(temp.Sub("a"), "spikes.csv")), StringComparison.Ordinal);
        Assert.StartsWith("t_ms,population,neuron,variable,value\n", File.ReadAllText(Path.Combine(temp.Sub("a"), "state.csv")), StringComparison.Ordinal);
        foreach (string other in new[] { "b", "scalar", "one" })
        {
            foreach (string file in Files)
            {
                Assert.True(File.ReadAllBytes(Path.Combine(temp.Sub("a"), file)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(temp.Sub(other), file))), $"{file} differs in run '{other}'");
            }
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
    }
}
