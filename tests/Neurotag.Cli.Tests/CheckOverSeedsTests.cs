using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Neurotag.Cli.Tests;

/// <summary>
/// <c>check</c> with <c>over_seeds:</c>: the printed statistic and interval against a naive recomputation from the
/// per-seed values <c>check</c> prints; an effect that holds and one that cannot; JUnit properties; bad input (exit 2
/// at file:line:col). A noisy two-tag rate scenario (σ = 0.05 per unit) makes the seeds differ; 200 ms runs keep it fast.
/// </summary>
public sealed partial class CheckOverSeedsTests
{
    internal const string Noisy = """
        name: noisy
        dt: 1 ms
        populations:
          cortex: { size: 20, neuron: { model: rate, tau: 10 ms, activation: linear, gain: 1.0, threshold: 0.0, noise: 0.05 } }
        tags:
          a: { population: cortex, neurons: [0, 9] }
          b: { population: cortex, neurons: [10, 19] }
        inputs:
          drive: { target: a, kind: current, amplitude: 0.8 }
          weak: { target: b, kind: current, amplitude: 0.4 }
        protocol:
          - phase: driven
            duration: 200 ms
            inputs: [drive, weak]
        record:
          every: 10 ms
          tags: [activation, recall]
        expect:
        """;

    private static (int Exit, string Out, string Err) Check(TempFolder temp, string expectations, params string[] extra)
    {
        string file = temp.Sub("noisy.yaml");
        File.WriteAllText(file, Noisy + "\n" + expectations);
        return CliHarness.Run(["check", file, .. extra]);
    }

    [Fact]
    public void Mean_PrintsTheMeanAndStudentInterval_OfThePerSeedValues()
    {
        using var temp = new TempFolder();
        var (exit, stdout, stderr) = Check(temp, """
              - { phase: driven, metric: tag.a.activation, above: 0 }
              - { phase: driven, metric: tag.a.activation, over_seeds: 5, above: 0.5 }
            """, "--seeds", "5");
        Assert.True(exit == 0, stderr + stdout);
        // The five per-seed values as check prints them (G6), and a naive mean and t interval of them:
        // t_{0.975, 4} = 2.7764451051977987 (scipy.stats.t.ppf(0.975, 4)).
        double[] values = [.. PerSeed().Matches(stdout).Select(m => double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))];
        Assert.Equal(5, values.Length);
        Assert.True(values.Distinct().Count() > 1, "the seeds should differ: " + stdout);
        double mean = values.Average();
        double sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / 4);
        double half = 2.7764451051977987 * sd / Math.Sqrt(5);
        var line = MeanLine().Match(stdout);
        Assert.True(line.Success, stdout);
        // G6 printing on both sides: agreement to 1e-5 relative.
        Assert.Equal(mean, Parse(line.Groups[1]), mean * 1e-5);
        Assert.Equal(mean - half, Parse(line.Groups[2]), mean * 1e-5);
        Assert.Equal(mean + half, Parse(line.Groups[3]), mean * 1e-5);
        Assert.Contains("n = 5", line.Value, StringComparison.Ordinal);
        Assert.Contains("6 passed, 0 failed", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Effect_ThatHolds_Passes_AndOneThatCannot_ExitsFourNamingTheLine()
    {
        using var temp = new TempFolder();
        // Tag a is driven at 0.8, b at 0.4: a − b ≈ 0.4 clears a margin of 0.1 and cannot clear one of 0.6.
        var (exit, stdout, stderr) = Check(temp, """
              - { phase: driven, metric: tag.a.activation, over_seeds: 5, effect: { versus: { metric: tag.b.activation }, margin: 0.1, min_d: 1 } }
              - { phase: driven, metric: tag.a.activation, over_seeds: 4, effect: { versus: { metric: tag.b.activation }, margin: 0.6, test: mann_whitney } }
            """, "--junit", "junit.xml");
        Assert.Equal(4, exit);
        Assert.Matches(@"PASS  noisy  over 5 seeds  difference tag\.a\.activation in driven vs tag\.b\.activation in driven > 0\.1 .*mean difference 0\.3\d+ \[95% CI .*Welch t \(greater\) p = .*n = 5", stdout);
        Assert.Matches(@"FAIL  noisy  over 4 seeds  .*Mann–Whitney U \(exact\) \(greater\) p = 1, n = 4", stdout);
        Assert.Matches(@"noisy\.yaml:20:1: expectation over seeds failed: difference tag\.a\.activation", stderr);
        Assert.Contains("1 passed, 1 failed", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void JUnit_CarriesStatisticIntervalTestPAndN_AsProperties()
    {
        using var temp = new TempFolder();
        string junit = temp.Sub("check.xml");
        var (exit, stdout, stderr) = Check(temp, """
              - { phase: driven, metric: tag.a.activation, over_seeds: 3, effect: { versus: { metric: tag.b.activation } } }
            """, "--junit", junit);
        Assert.True(exit == 0, stderr + stdout);
        var properties = XDocument.Load(junit).Descendants("testcase").Single().Element("properties")!.Elements("property")
            .ToDictionary(p => (string)p.Attribute("name")!, p => (string)p.Attribute("value")!);
        Assert.Equal("mean difference", properties["statistic"]);
        Assert.Equal("Welch t (greater)", properties["test"]);
        Assert.Equal("3", properties["n"]);
        Assert.True(Parse(properties["ci_low"]) < Parse(properties["estimate"]) && Parse(properties["estimate"]) < Parse(properties["ci_high"]));
        Assert.InRange(Parse(properties["p"]), 0, 0.05);
    }

    [Fact]
    public void Effect_AgainstAnotherScenario_RunsItsSeeds()
    {
        using var temp = new TempFolder();
        // The other scenario drives tag a at 0.4: its activation is lower, as b's is here.
        File.WriteAllText(temp.Sub("weaker.yaml"), (Noisy + "\n  - { phase: driven, metric: tag.a.activation, above: 0 }\n").Replace("amplitude: 0.8", "amplitude: 0.4", StringComparison.Ordinal));
        var (exit, stdout, stderr) = Check(temp, """
              - { phase: driven, metric: tag.a.activation, over_seeds: 3, effect: { versus: { scenario: weaker.yaml }, margin: 0.2 } }
            """);
        Assert.True(exit == 0, stderr + stdout);
        Assert.Contains("vs tag.a.activation in driven of weaker.yaml > 0.2 over 3 seeds", stdout, StringComparison.Ordinal);
        Assert.Contains("1 passed, 0 failed", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void BadInput_ExitsTwoWithFileLineColumn()
    {
        using var temp = new TempFolder();
        var (exit, _, stderr) = Check(temp, """
              - { phase: driven, metric: tag.a.activation, over_seeds: 1, above: 0.5 }
              - { phase: driven, metric: tag.a.activation, over_seeds: 5, effect: { versus: { metric: tag.b.recall } } }
              - { phase: driven, metric: tag.a.activation, effect: { versus: { metric: tag.b.activation } } }
              - { phase: driven, metric: tag.a.activation, over_seeds: 5, fraction: 0.8 }
            """);
        Assert.Equal(2, exit);
        Assert.Matches(@"noisy\.yaml:19:\d+: expect\[0\]\.over_seeds: over_seeds is 1: .*at least 2 seeds", stderr);
        Assert.Matches(@"noisy\.yaml:20:\d+: expect\[1\]\.effect\.versus\.metric: an effect compares like with like: tag\.a\.activation measures activity \(1\), tag\.b\.recall measures fraction \(1\)", stderr);
        Assert.Matches(@"noisy\.yaml:21:\d+: expect\[2\]\.effect: an effect is tested across seeds and needs 'over_seeds:'", stderr);
        Assert.Matches(@"noisy\.yaml:22:\d+: expect\[3\]: 'fraction:' counts the seeds that meet a bound", stderr);
    }

    [Fact]
    public void BadInput_AnotherScenarioOfDifferentUnits_ExitsTwo()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.Sub("other.yaml"), Noisy + "\n  - { phase: driven, metric: tag.a.activation, above: 0 }\n");
        var (exit, _, stderr) = Check(temp, """
              - { phase: driven, metric: tag.a.activation, over_seeds: 3, effect: { versus: { scenario: other.yaml, metric: tag.a.recall } } }
            """);
        Assert.Equal(2, exit);
        Assert.Matches(@"noisy\.yaml:19:\d+: effect\.versus\.metric: an effect compares like with like: tag\.a\.activation measures activity \(1\), tag\.a\.recall of 'other\.yaml' measures fraction \(1\)", stderr);
    }

    private static double Parse(Group g) => Parse(g.Value);

    private static double Parse(string s) => double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"PASS  noisy  seed \d+  tag\.a\.activation in driven > 0  \(([0-9.]+) > 0\)")]
    private static partial Regex PerSeed();

    [GeneratedRegex(@"PASS  noisy  over 5 seeds  mean of tag\.a\.activation in driven > 0\.5 over 5 seeds  \(mean ([0-9.]+) \[95% CI ([0-9.]+), ([0-9.]+)\].*")]
    private static partial Regex MeanLine();
}
