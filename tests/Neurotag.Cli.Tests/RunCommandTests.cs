using System.Globalization;

namespace Neurotag.Cli.Tests;

/// <summary>
/// <c>run</c> end to end. Every byte-identity test compares one new run against the shared in-process run of the same
/// scenario (<see cref="SharedRuns"/>), so each costs one run, not two; child processes only where the environment
/// must differ (processor count, SIMD switched off).
/// </summary>
public sealed class RunCommandTests
{
    private static readonly string[] CsvFiles = ["phases.csv", "tags.csv", "populations.csv", "weights.csv", "weight_hist.csv", "summary.csv"];

    [Fact]
    public void Run_SameSeedTwice_WritesByteIdenticalCsv()
    {
        // The shared run passed --seed 42, this one takes the scenario's own seed (42): the same run twice.
        using var temp = new TempFolder();
        Assert.Equal(0, CliHarness.Run("run", CliHarness.Scenario("chronic-pain.yaml"), "--out", temp.Sub("b"), "--quiet").Exit);
        AssertSameCsvBytes(SharedRuns.ChronicPain().AssertOk(), temp.Sub("b"));
    }

    [Fact]
    public void Run_OneProcessorVersusDefault_WritesByteIdenticalCsv()
    {
        using var temp = new TempFolder();
        string scenario = CliHarness.Scenario("chronic-pain.yaml");
        var one = CliHarness.RunProcess(new Dictionary<string, string> { ["DOTNET_PROCESSOR_COUNT"] = "1" }, "run", scenario, "--out", temp.Sub("one"), "--quiet");
        Assert.True(one.Exit == 0, one.Err);
        AssertSameCsvBytes(temp.Sub("one"), SharedRuns.ChronicPain().AssertOk()); // in process: all the machine's processors
    }

    /// <summary>
    /// The kernels reduce in a fixed eight-lane order and never fuse multiply-adds, so the software fallback gives the
    /// same bits as AVX: results do not depend on the CPU's SIMD support. On the shortened chronic-pain (every
    /// simulated phase 10x shorter, same network, rules, threat gating, offline phase and recording): the full scenario
    /// takes 36 s of CPU under the software fallback, and every kernel runs from the first step of its phase.
    /// </summary>
    [Fact]
    public void Run_WithoutHardwareIntrinsics_WritesByteIdenticalCsv()
    {
        using var temp = new TempFolder();
        var scalar = CliHarness.RunProcess(new Dictionary<string, string> { ["DOTNET_EnableHWIntrinsic"] = "0" }, "run", SharedRuns.ShortChronicPainScenario, "--out", temp.Sub("scalar"), "--quiet");
        Assert.True(scalar.Exit == 0, scalar.Err);
        AssertSameCsvBytes(temp.Sub("scalar"), SharedRuns.ShortChronicPain.AssertOk()); // in process, with SIMD
    }

    [Fact]
    public void Run_UnderCommaDecimalCulture_WritesTheSameBytes()
    {
        // The shared run was made under the invariant culture.
        using var temp = new TempFolder();
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            Assert.Equal(0, CliHarness.Run("run", CliHarness.Scenario("chronic-pain.yaml"), "--out", temp.Sub("de"), "--quiet").Exit);
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }

        AssertSameCsvBytes(SharedRuns.ChronicPain().AssertOk(), temp.Sub("de"));
    }

    [Fact]
    public void Run_WhenOutputHoldsARun_RefusesWithoutForceAndReplacesWithForce()
    {
        using var temp = new TempFolder();
        string output = temp.Sub("run");
        SharedRuns.CopyTo(SharedRuns.ChronicPain().AssertOk(), output);
        var refused = CliHarness.Run("run", CliHarness.Scenario("chronic-pain.yaml"), "--out", output, "--quiet");
        Assert.Equal(2, refused.Exit);
        Assert.Contains("--force", refused.Err, StringComparison.Ordinal);
        Assert.Equal(0, CliHarness.Run("run", CliHarness.Scenario("chronic-pain.yaml"), "--out", output, "--quiet", "--force", "--seed", "3").Exit);
        Assert.Contains("\"seed\": 3", File.ReadAllText(Path.Combine(output, "manifest.json")), StringComparison.Ordinal);
    }

    [Fact]
    public void Run_WhenScenarioIsInvalid_ExitsTwoWithFileLineColumnAndWritesNothing()
    {
        using var temp = new TempFolder();
        string scenario = temp.Sub("bad.yaml");
        File.WriteAllText(scenario, "name: bad\npopulations:\n  cortex:\n    size: 10\n    neuron: { model: rate, tau: 20 mV }\nprotocol:\n  - phase: run\n    duration: 1 s\n    inputs: [nope]\n");
        var (exit, _, stderr) = CliHarness.Run("run", scenario, "--out", temp.Sub("out"));
        Assert.Equal(2, exit);
        Assert.Contains($"{scenario}:5:33: populations.cortex.neuron.tau:", stderr, StringComparison.Ordinal);
        Assert.Contains($"{scenario}:9:14: protocol[0].inputs[0]:", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(temp.Sub("out")));
    }

    [Theory]
    [InlineData("run")]
    [InlineData("run", "x.yaml", "--seed", "not-a-number")]
    [InlineData("run", "x.yaml", "--seed", "-1")]
    [InlineData("run", "x.yaml", "--no-such-flag")]
    [InlineData("frobnicate")]
    public void BadArguments_ExitTwoWithAHint(params string[] args)
    {
        var (exit, _, stderr) = CliHarness.Run(args);
        Assert.Equal(2, exit);
        Assert.Contains("hint:", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_WhenScenarioFileIsMissing_ExitsTwoNamingIt()
    {
        var (exit, _, stderr) = CliHarness.Run("run", "does-not-exist.yaml");
        Assert.Equal(2, exit);
        Assert.Contains("does-not-exist.yaml:1:1: file not found", stderr, StringComparison.Ordinal);
    }

    private static void AssertSameCsvBytes(string runA, string runB)
    {
        foreach (string file in CsvFiles)
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(runA, file)), File.ReadAllBytes(Path.Combine(runB, file)));
        }
    }
}
