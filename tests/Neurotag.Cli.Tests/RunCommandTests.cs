using System.Globalization;

namespace Neurotag.Cli.Tests;

public sealed class RunCommandTests
{
    private static readonly string[] CsvFiles = ["phases.csv", "tags.csv", "populations.csv", "weights.csv", "weight_hist.csv", "summary.csv"];

    [Fact]
    public void Run_SameSeedTwice_WritesByteIdenticalCsv()
    {
        using var temp = new TempFolder();
        Assert.Equal(0, CliHarness.Run("run", CliHarness.Scenario("chronic-pain.yaml"), "--out", temp.Sub("a"), "--quiet").Exit);
        Assert.Equal(0, CliHarness.Run("run", CliHarness.Scenario("chronic-pain.yaml"), "--out", temp.Sub("b"), "--quiet").Exit);
        AssertSameCsvBytes(temp.Sub("a"), temp.Sub("b"));
    }

    [Fact]
    public void Run_OneProcessorVersusDefault_WritesByteIdenticalCsv()
    {
        using var temp = new TempFolder();
        string scenario = CliHarness.Scenario("chronic-pain.yaml");
        var one = CliHarness.RunProcess(new Dictionary<string, string> { ["DOTNET_PROCESSOR_COUNT"] = "1" }, "run", scenario, "--out", temp.Sub("one"), "--quiet");
        var all = CliHarness.RunProcess(new Dictionary<string, string>(), "run", scenario, "--out", temp.Sub("all"), "--quiet");
        Assert.True(one.Exit == 0, one.Err);
        Assert.True(all.Exit == 0, all.Err);
        AssertSameCsvBytes(temp.Sub("one"), temp.Sub("all"));
    }

    /// <summary>
    /// The kernels reduce in a fixed eight-lane order and never fuse multiply-adds, so the software fallback gives the
    /// same bits as AVX: results do not depend on the CPU's SIMD support.
    /// </summary>
    [Fact]
    public void Run_WithoutHardwareIntrinsics_WritesByteIdenticalCsv()
    {
        using var temp = new TempFolder();
        string scenario = CliHarness.Scenario("chronic-pain.yaml");
        var scalar = CliHarness.RunProcess(new Dictionary<string, string> { ["DOTNET_EnableHWIntrinsic"] = "0" }, "run", scenario, "--out", temp.Sub("scalar"), "--quiet");
        var simd = CliHarness.RunProcess(new Dictionary<string, string>(), "run", scenario, "--out", temp.Sub("simd"), "--quiet");
        Assert.True(scalar.Exit == 0, scalar.Err);
        Assert.True(simd.Exit == 0, simd.Err);
        AssertSameCsvBytes(temp.Sub("scalar"), temp.Sub("simd"));
    }

    [Fact]
    public void Run_UnderCommaDecimalCulture_WritesTheSameBytes()
    {
        using var temp = new TempFolder();
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
            Assert.Equal(0, CliHarness.Run("run", CliHarness.Scenario("chronic-pain.yaml"), "--out", temp.Sub("inv"), "--quiet").Exit);
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            Assert.Equal(0, CliHarness.Run("run", CliHarness.Scenario("chronic-pain.yaml"), "--out", temp.Sub("de"), "--quiet").Exit);
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }

        AssertSameCsvBytes(temp.Sub("inv"), temp.Sub("de"));
    }

    [Fact]
    public void Run_WhenOutputHoldsARun_RefusesWithoutForceAndReplacesWithForce()
    {
        using var temp = new TempFolder();
        string output = temp.Sub("run");
        Assert.Equal(0, CliHarness.Run("run", CliHarness.Scenario("chronic-pain.yaml"), "--out", output, "--quiet").Exit);
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
