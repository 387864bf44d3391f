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

    /// <summary>
    /// A bound on ANOTHER metric: tag a is neurons 0–9 of the 20, the others receive no input and stay at 0, so the
    /// population rate is exactly half the tag's activation: in the last driven instance 0.8 and 0.4 (float32 sums of
    /// 0.8f: equal to 6 digits, which is what is printed). With by 0.35 the bounds are 0.4 + 0.35 = 0.75 and
    /// 0.8 − 0.35 = 0.45, which hold; with by 0.45 the bound is 0.85, which fails. Had the evaluator taken the
    /// subject's own metric instead, the bounds would print as 1.15, 0.05 and 1.25.
    /// </summary>
    [Fact]
    public void Check_BoundOnAnotherMetric_ComparesWithThatMetricAndPrintsBothValues()
    {
        using var temp = new TempFolder();
        var (exit, stdout, stderr) = Check(temp, """
              - { phase: driven, metric: tag.a.activation, above: { metric: population.cortex.rate, by: 0.35 } }
              - { phase: driven, metric: population.cortex.rate, below: { metric: tag.a.activation, by: 0.35 } }
              - { phase: driven, metric: tag.a.activation, above: { metric: population.cortex.rate, by: 0.45 } }
            """);

        Assert.True(exit == 4, stderr + stdout);
        Assert.Contains("2 passed, 1 failed", stdout, StringComparison.Ordinal);
        Assert.Contains("PASS  tiny  seed 1  tag.a.activation in driven > population.cortex.rate in driven by 0.35  (0.8 > 0.75)", stdout, StringComparison.Ordinal);
        Assert.Contains("PASS  tiny  seed 1  population.cortex.rate in driven < tag.a.activation in driven by 0.35  (0.4 < 0.45)", stdout, StringComparison.Ordinal);
        Assert.Contains("FAIL  tiny  seed 1  tag.a.activation in driven > population.cortex.rate in driven by 0.45  (NOT 0.8 > 0.85)", stdout, StringComparison.Ordinal);
        Assert.Matches(@"tiny\.yaml:\d+:1: expectation failed with seed 1: tag\.a\.activation in driven > population\.cortex\.rate in driven by 0\.45: measured 0\.8 \(NOT 0\.8 > 0\.85\)", stderr);
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

    /// <summary>
    /// Also checks spacing, dopamine-reward, chronic-pain and one-trial-trauma against the committed baseline of their
    /// central claims (the same five seeds the check runs anyway, so it costs no extra run).
    /// </summary>
    [Fact]
    public void Check_BundledScenarios_PassForFiveSeeds()
    {
        string baseline = Path.Combine(AppContext.BaseDirectory, "scenarios", "baselines", "central-claims.json");
        var (exit, stdout, stderr) = CliHarness.Run("check", Path.Combine(AppContext.BaseDirectory, "scenarios"), "--seeds", "5", "--baseline", baseline);
        Assert.True(exit == 0, stderr + stdout);
        Assert.Matches(@"\d+ passed, 0 failed", stdout);
        Assert.Matches(@"baseline: [1-9]\d* same, 0 not shown equivalent, 0 moved", stdout);
        foreach (string claim in new[] { "spacing", "dopamine-reward", "chronic-pain", "one-trial-trauma" })
        {
            Assert.Matches($@"PASS  {claim}  over 5 seeds  difference ", stdout);
        }
    }
}
