namespace Neurotag.Cli.Tests;

public sealed class ValidateAndDescribeTests
{
    [Fact]
    public void Validate_ReportsEveryFileAndExitsTwoIfAnyIsInvalid()
    {
        using var temp = new TempFolder();
        string bad = temp.Sub("bad.yaml");
        File.WriteAllText(bad, "name: bad\npopulations: []\nprotocl: []\n");
        var (exit, stdout, stderr) = CliHarness.Run("validate", CliHarness.Scenario("chronic-pain.yaml"), bad);
        Assert.Equal(2, exit);
        Assert.Contains("chronic-pain.yaml: ok", stdout, StringComparison.Ordinal);
        Assert.Contains($"{bad}:2:14: populations: expected a mapping", stderr, StringComparison.Ordinal);
        Assert.Contains($"{bad}:3:1: protocl: unknown key 'protocl' (hint: did you mean 'protocol'?)", stderr, StringComparison.Ordinal);
        Assert.Contains($"{bad}:1:1: protocol: missing required key 'protocol'", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BundledScenarios_AreAllValid()
    {
        var files = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "scenarios"), "*.yaml");
        Assert.NotEmpty(files);
        var (exit, _, stderr) = CliHarness.Run(["validate", .. files]);
        Assert.True(exit == 0, stderr);
    }

    /// <summary>
    /// The paper scenarios (scenarios/papers/*.yaml) are too long to run in the suite, but they must stay valid; the
    /// distal-reward pair must be among them (the glob would pass on an empty folder otherwise).
    /// </summary>
    [Fact]
    public void Validate_PaperScenarios_AreAllValid()
    {
        var files = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "scenarios", "papers"), "*.yaml");
        Assert.Contains(files, f => Path.GetFileName(f) == "izhikevich-2007-distal-reward.yaml");
        Assert.Contains(files, f => Path.GetFileName(f) == "izhikevich-2007-distal-reward-control.yaml");
        var (exit, _, stderr) = CliHarness.Run(["validate", .. files]);
        Assert.True(exit == 0, stderr);
    }

    /// <summary>
    /// A named synapse that the seed's random connectivity did not draw is bad input found when the network is built:
    /// exit 2 with the position where it was named.
    /// </summary>
    [Fact]
    public void Run_NamedSynapseMissingFromTheConnectivity_ExitsTwoAtItsPosition()
    {
        string dir = Directory.CreateTempSubdirectory("neurotag-synapse-").FullName;
        try
        {
            string file = Path.Combine(dir, "missing.yaml");
            File.WriteAllText(file, """
                name: missing
                dt: 1 ms
                populations:
                  src: { size: 3, neuron: { model: poisson, rate: 10 Hz } }
                  cell: { size: 3, neuron: { model: izhikevich } }
                projections:
                  feed:
                    from: src
                    to: cell
                    connectivity: { rule: fixed_probability, p: 0.0 }
                    weight: 1
                    synapses: { s: { pre: 0, post: 1 } }
                protocol:
                  - { phase: run, duration: 5 ms }
                """);
            var (exit, _, stderr) = CliHarness.Run("run", file, "-o", Path.Combine(dir, "out"), "-q");
            Assert.Equal(2, exit);
            Assert.True(stderr.Contains($"{file}:12:20: error: synapse 's': projection 'feed' has no synapse from pre 0 to post 1", StringComparison.Ordinal), stderr);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Describe_ChronicPain_ShowsTagsProjectionsAndTimeline()
    {
        var (exit, stdout, stderr) = CliHarness.Run("describe", CliHarness.Scenario("chronic-pain.yaml"));
        Assert.True(exit == 0, stderr);
        Assert.Contains("pain", stdout, StringComparison.Ordinal);
        // all_to_all from 300 context neurons onto 200 pain-area neurons: 60 000 synapses.
        Assert.Contains("60,000 synapses", stdout, StringComparison.Ordinal);
        Assert.Contains("healing", stdout, StringComparison.Ordinal);
        Assert.Contains("60 day", stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0, "0 ms")]
    [InlineData(1500.0, "1.5 s")]
    [InlineData(86_400_000.0 * 60, "60 day")]
    [InlineData((86_400_000.0 * 60) + 10_000, "60 day + 10 s")]
    public void Describe_TimelineDurations_ReadAsTheScenarioWritesThem(double ms, string expected) =>
        Assert.Equal(expected, Commands.DescribeCommand.Duration(ms));
}
