using System.Text.Json;

namespace Neurotag.Cli.Tests;

/// <summary>
/// <c>check --save-baseline</c> / <c>--baseline</c>: what the file holds, a corrupt file and one from another
/// scenario (exit 2), and end to end on a copy of the bundled spacing scenario against the committed baseline
/// (scenarios/baselines/central-claims.json, recorded with seeds 11–15): a changed learning rate is flagged (exit 4),
/// an unchanged rerun with other seeds is not.
/// </summary>
public sealed class CheckBaselineTests
{
    private static readonly string Committed = Path.Combine(AppContext.BaseDirectory, "scenarios", "baselines", "central-claims.json");

    private static string WriteNoisy(TempFolder temp, string name = "noisy.yaml", string amplitude = "0.8")
    {
        string file = temp.Sub(name);
        File.WriteAllText(file, CheckOverSeedsTests.Noisy.Replace("amplitude: 0.8", "amplitude: " + amplitude, StringComparison.Ordinal)
            + "\n  - { phase: driven, metric: tag.a.activation, over_seeds: 4, effect: { versus: { metric: tag.b.activation } } }\n");
        return file;
    }

    [Fact]
    public void SaveBaseline_StoresPerSeedValuesTheirSummaryAndProvenance()
    {
        using var temp = new TempFolder();
        string file = WriteNoisy(temp), baseline = temp.Sub("base.json");
        var saved = CliHarness.Run("check", file, "--save-baseline", baseline);
        Assert.True(saved.Exit == 0, saved.Err + saved.Out);
        using var json = JsonDocument.Parse(File.ReadAllText(baseline));
        var root = json.RootElement;
        Assert.Equal("neurotag-baseline/1", root.GetProperty("format").GetString());
        Assert.False(string.IsNullOrEmpty(root.GetProperty("tool_commit").GetString()));
        var scenario = root.GetProperty("scenarios")[0];
        Assert.Equal("noisy", scenario.GetProperty("name").GetString());
        Assert.Equal([1UL, 2, 3, 4], scenario.GetProperty("seeds").EnumerateArray().Select(s => s.GetUInt64()));
        var metrics = scenario.GetProperty("metrics").EnumerateArray().ToList();
        Assert.Equal(["a", "b"], metrics.Select(m => m.GetProperty("name").GetString()));
        foreach (var m in metrics)
        {
            double[] values = [.. m.GetProperty("values").EnumerateArray().Select(v => v.GetDouble())];
            Assert.Equal(4, values.Length);
            Assert.Equal(values.Average(), m.GetProperty("mean").GetDouble(), 1e-12);
            Assert.True(m.GetProperty("ci_low").GetDouble() < values.Average() && values.Average() < m.GetProperty("ci_high").GetDouble());
        }

        // The same seeds rerun: identical values, equivalence shown for both metrics.
        var rerun = CliHarness.Run("check", file, "--baseline", baseline);
        Assert.True(rerun.Exit == 0, rerun.Err + rerun.Out);
        Assert.Contains("baseline: 2 same, 0 not shown equivalent, 0 moved", rerun.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Baseline_CorruptOrFromAnotherScenario_ExitsTwo()
    {
        using var temp = new TempFolder();
        string file = WriteNoisy(temp), baseline = temp.Sub("base.json");
        Assert.Equal(0, CliHarness.Run("check", file, "--save-baseline", baseline).Exit);

        string corrupt = temp.Sub("corrupt.json");
        File.WriteAllText(corrupt, File.ReadAllText(baseline)[..200]);
        var truncated = CliHarness.Run("check", file, "--baseline", corrupt);
        Assert.Equal(2, truncated.Exit);
        Assert.Contains("corrupt.json", truncated.Err, StringComparison.Ordinal);
        Assert.Contains("not a readable baseline", truncated.Err, StringComparison.Ordinal);

        File.WriteAllText(corrupt, "{ \"format\": \"something-else\", \"tool_version\": \"1\", \"tool_commit\": \"x\", \"scenarios\": [] }");
        Assert.Equal(2, CliHarness.Run("check", file, "--baseline", corrupt).Exit);

        string changed = WriteNoisy(temp, "changed.yaml", "0.7");
        var refused = CliHarness.Run("check", changed, "--baseline", baseline);
        Assert.Equal(2, refused.Exit);
        Assert.Contains("recorded from another version of this scenario", refused.Err, StringComparison.Ordinal);
        // Told to compare anyway: a = 0.7 instead of 0.8 has moved (exit 4), named with its old and new means and p.
        var told = CliHarness.Run("check", changed, "--baseline", baseline, "--accept-changed-scenario");
        Assert.Equal(4, told.Exit);
        Assert.Matches(@"regression: tag\.a\.activation in driven moved beyond noise: old 0\.7\d+ ± [0-9.E-]+, new 0\.6\d+ ± [0-9.E-]+ \(mean ± 95% CI\), Welch p = ", told.Err);
        Assert.Matches(@"SAME   noisy  baseline  tag\.b\.activation in driven", told.Out);
    }

    [Fact]
    public void Spacing_ChangedLearningRate_IsFlagged_UnchangedRerunWithOtherSeeds_IsNot()
    {
        using var temp = new TempFolder();
        string original = File.ReadAllText(CliHarness.Scenario("spacing.yaml"));
        string unchanged = temp.Sub("spacing.yaml");
        File.WriteAllText(unchanged, original);
        var rerun = CliHarness.Run("check", unchanged, "--baseline", Committed, "--seed", "1000", "--jobs", "2");
        Assert.True(rerun.Exit == 0, rerun.Err + rerun.Out);
        Assert.Contains(" 0 moved", rerun.Out, StringComparison.Ordinal);

        // 20 % slower early learning: a weak session then reaches less (0.0039 instead of 0.0046).
        Assert.Contains("      rate: 0.01\n", original.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        string slower = temp.Sub("spacing-slower.yaml");
        File.WriteAllText(slower, original.ReplaceLineEndings("\n").Replace("      rate: 0.01\n", "      rate: 0.008\n", StringComparison.Ordinal));
        var flagged = CliHarness.Run("check", slower, "--baseline", Committed, "--accept-changed-scenario", "--jobs", "2");
        Assert.Equal(4, flagged.Exit);
        Assert.Matches(@"spacing-slower\.yaml: regression: tag\.spaced-weak\.strength in probe-spaced rep 0 moved beyond noise: old 0\.0046\d* ± .*, new 0\.0038\d* ± .*Welch p = ", flagged.Err);
    }
}
