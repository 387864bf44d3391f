using System.Xml.Linq;

namespace Neurotag.Cli.Tests;

/// <summary>
/// `check`: every comparison operator, a deliberately failing expectation (exit 4, measured value in the message),
/// JUnit output, invalid expectations. A tiny one-population scenario keeps it fast; its values follow from the
/// closed form of a rate unit (exact under exponential Euler): linear activation, gain 1, threshold 0, τ = 10 ms,
/// samples every 10 ms = τ. From rest under input I = 0.8 the k-th sample is 0.8(1 − e^{−k}), so the first driven
/// phase (rep 0) averages 0.8(1 − Σe^{−k}/100) = 0.8(1 − 0.582/100) ≈ 0.795; rep 1 starts at 0.8 and stays (0.8f
/// ≈ 0.80000001). The final quiet phase decays from 0.8: mean 0.8·0.582/100 ≈ 0.0047.
/// </summary>
public sealed class CheckCommandTests
{
    private const string Scenario = """
        name: tiny
        dt: 1 ms
        populations:
          cortex: { size: 20, neuron: { model: rate, tau: 10 ms, activation: linear, gain: 1.0, threshold: 0.0 } }
        tags:
          a: { population: cortex, neurons: [0, 9] }
        inputs:
          drive: { target: a, kind: current, amplitude: 0.8 }
        protocol:
          - phase: quiet
            duration: 1 s
          - repeat: 2
            name: block
            phases:
              - phase: driven
                duration: 1 s
                inputs: [drive]
          - phase: quiet
            duration: 1 s
        record:
          every: 10 ms
          tags: [activation]
          populations: [rate]
        expect:
        """;

    private static (int Exit, string Out, string Err) Check(TempFolder temp, string expectations, params string[] extra)
    {
        string file = temp.Sub("tiny.yaml");
        File.WriteAllText(file, Scenario + "\n" + expectations);
        return CliHarness.Run(["check", file, .. extra]);
    }

    [Fact]
    public void Check_EveryOperatorThatHolds_PassesWithExitZero()
    {
        using var temp = new TempFolder();
        var (exit, stdout, stderr) = Check(temp, """
              - { phase: driven, metric: tag.a.activation, above: 0.7 }                 # the last driven instance (rep 1): 0.8
              - { phase: driven, metric: tag.a.activation, below: 0.81 }
              - { phase: driven, rep: 0, metric: tag.a.activation, between: [0.79, 0.80] }   # ≈ 0.795
              - { phase: driven, rep: 0, metric: tag.a.activation, above: { phase: quiet, by: 0.5 } }
              - { phase: quiet, after: block, metric: tag.a.activation, below: 0.01 }    # ≈ 0.0047
              - { phase: quiet, metric: population.cortex.rate, below: { phase: driven, by: 0.3 } }  # driven: half the neurons at 0.8 → 0.4
            """);
        Assert.True(exit == 0, stderr + stdout);
        Assert.Contains("6 passed, 0 failed", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_WhenAnExpectationFails_ExitsFourWithTheMeasuredValue()
    {
        using var temp = new TempFolder();
        var (exit, stdout, stderr) = Check(temp, """
              - { phase: driven, metric: tag.a.activation, above: 0.9 }
              - { phase: driven, metric: tag.a.activation, below: 0.9 }
            """);
        Assert.Equal(4, exit);
        Assert.Contains("1 passed, 1 failed", stdout, StringComparison.Ordinal);
        Assert.Contains("FAIL  tiny", stdout, StringComparison.Ordinal);
        // The last driven instance holds at 0.8 (see the class comment), printed with the expectation's line.
        Assert.Matches(@"tiny\.yaml:\d+:1: expectation failed with seed 1: tag\.a\.activation in driven > 0\.9: measured 0\.8 ", stderr);
    }

    [Fact]
    public void Check_WithSeedsAndJUnit_RunsEverySeedAndWritesTheReport()
    {
        using var temp = new TempFolder();
        string junit = temp.Sub("report.xml");
        var (exit, stdout, _) = Check(temp, "  - { phase: driven, metric: tag.a.activation, above: 0.9 }\n", "--seeds", "3", "--junit", junit);
        Assert.Equal(4, exit);
        Assert.Contains("0 passed, 3 failed", stdout, StringComparison.Ordinal);
        var suite = XDocument.Load(junit).Root!.Element("testsuite")!;
        Assert.Equal("3", suite.Attribute("tests")!.Value);
        Assert.Equal("3", suite.Attribute("failures")!.Value);
        Assert.Equal(3, suite.Elements("testcase").Count(c => c.Element("failure")?.Attribute("message")?.Value.StartsWith("measured 0.8:", StringComparison.Ordinal) == true));
    }

    [Fact]
    public void Check_WhenAnExpectationIsMalformed_ExitsTwoNamingEachProblem()
    {
        using var temp = new TempFolder();
        var (exit, _, stderr) = Check(temp, """
              - { phase: drivn, metric: tag.a.activation, above: 0.5 }
              - { phase: driven, metric: tag.b.activation, above: 0.5 }
              - { phase: driven, metric: tag.a.strength, above: 0.5 }
              - { phase: driven, metric: tag.a.activation }
              - { phase: quiet, after: nothing, metric: tag.a.activation, below: 0.5 }
            """);
        Assert.Equal(2, exit);
        Assert.Contains("expect[0].phase: no phase named 'drivn' (hint: did you mean 'driven'?)", stderr, StringComparison.Ordinal);
        Assert.Contains("expect[1].metric: no tag named 'b'", stderr, StringComparison.Ordinal);
        Assert.Contains("expect[2].metric: 'strength' is not recorded", stderr, StringComparison.Ordinal);
        Assert.Contains("expect[3]: an expectation needs 'above:', 'below:' or 'between:'", stderr, StringComparison.Ordinal);
        Assert.Contains("expect[4].after: no phase or repeat block named 'nothing'", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_BundledScenarios_PassForFiveSeeds()
    {
        var (exit, stdout, stderr) = CliHarness.Run("check", Path.Combine(AppContext.BaseDirectory, "scenarios"), "--seeds", "5");
        Assert.True(exit == 0, stderr + stdout);
        Assert.Matches(@"\d+ passed, 0 failed", stdout);
    }
}
