namespace Neurotag.Cli.Tests;

/// <summary>
/// scenarios/papers/frey-morris-1997-tagging.yaml (weak before strong with the published late phase of Clopath et al.
/// 2008 / Luboeinski &amp; Tetzlaff 2021). Paper scenarios are not in the bundled five-seed check; this one is small
/// (4 × 3 rate units, offline gaps), so its claims are checked here as well as its validity.
/// </summary>
public sealed class LatePhaseScenarioTests
{
    private static string Paper => CliHarness.Scenario(Path.Combine("papers", "frey-morris-1997-tagging.yaml"));

    [Fact]
    public void FreyMorrisTagging_Validates()
    {
        var (exit, stdout, stderr) = CliHarness.Run("validate", Paper);
        Assert.True(exit == 0, stderr);
        Assert.Contains("frey-morris-1997-tagging.yaml: ok", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void FreyMorrisTagging_PaperClaimsHold()
    {
        var (exit, stdout, stderr) = CliHarness.Run("check", Paper, "--jobs", "1");
        Assert.True(exit == 0, stdout + stderr);
        Assert.Contains("8 passed, 0 failed", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void FreyMorrisTagging_DescribeShowsThePublishedLatePhase()
    {
        var (exit, stdout, stderr) = CliHarness.Run("describe", Paper);
        Assert.True(exit == 0, stderr);
        Assert.Contains("late phase (h0 mean initial weight, tau_early 688.4 s", stdout, StringComparison.Ordinal);
    }
}
