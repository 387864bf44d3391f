namespace Neurotag.Cli.Tests;

/// <summary>
/// Regressions for issue #11's data-loss defect: <c>--force</c> deleted any folder <c>--out</c> named, and a sweep
/// overwrote a user's own index.csv. A tool may replace only what its own marker file shows it wrote.
/// </summary>
public sealed class OutputFolderSafetyTests
{
    private static string Scenario => CliHarness.Scenario("chronic-pain.yaml");

    /// <summary>A project folder: a git repository with sources and a file named like a sweep's output.</summary>
    private static string MakeProject(TempFolder temp)
    {
        string project = temp.Sub("proj");
        Directory.CreateDirectory(Path.Combine(project, ".git"));
        Directory.CreateDirectory(Path.Combine(project, "src"));
        File.WriteAllText(Path.Combine(project, ".git", "HEAD"), "ref: refs/heads/main\n");
        File.WriteAllText(Path.Combine(project, "src", "Program.cs"), "// mine\n");
        File.WriteAllText(Path.Combine(project, "index.csv"), "my,own\n1,2\n");
        return project;
    }

    private static void AssertProjectUntouched(string project)
    {
        Assert.Equal("ref: refs/heads/main\n", File.ReadAllText(Path.Combine(project, ".git", "HEAD")));
        Assert.Equal("// mine\n", File.ReadAllText(Path.Combine(project, "src", "Program.cs")));
        Assert.Equal("my,own\n1,2\n", File.ReadAllText(Path.Combine(project, "index.csv")));
        Assert.Equal([".git", "index.csv", "src"], Directory.GetFileSystemEntries(project).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(["proj"], Directory.GetFileSystemEntries(Path.GetDirectoryName(project)!).Select(Path.GetFileName));
    }

    /// <summary>The exact reported command, in a child process whose working directory is the project.</summary>
    [Fact]
    public void RunForce_WithOutDotInAProjectFolder_ExitsTwoAndDeletesNothing()
    {
        using var temp = new TempFolder();
        string project = MakeProject(temp);

        var result = CliHarness.RunProcessIn(project, new Dictionary<string, string>(), "run", Scenario, "--out", ".", "--force", "--quiet");

        Assert.True(result.Exit == 2, result.Err);
        Assert.Contains("not a neurotag-cli run", result.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("pass --force", result.Err, StringComparison.Ordinal);
        AssertProjectUntouched(project);
    }

    [Fact]
    public void Run_WithoutForceIntoAProjectFolder_HintDoesNotSuggestForce()
    {
        using var temp = new TempFolder();
        string project = MakeProject(temp);

        var result = CliHarness.Run("run", Scenario, "--out", project, "--quiet");

        Assert.Equal(2, result.Exit);
        Assert.DoesNotContain("--force", result.Err, StringComparison.Ordinal);
        AssertProjectUntouched(project);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Sweep_IntoAFolderThatIsNotASweep_ExitsTwoAndKeepsTheUsersIndexCsv(bool force)
    {
        using var temp = new TempFolder();
        string project = MakeProject(temp);
        string[] extra = force ? ["--force"] : [];

        var result = CliHarness.Run(SweepCommandTests.SweepArgs(project, extra));

        Assert.True(result.Exit == 2, result.Err);
        Assert.Contains("not a neurotag-cli sweep folder", result.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("--force", result.Err, StringComparison.Ordinal);
        AssertProjectUntouched(project);
    }

    [Fact]
    public void Sweep_IntoARunFolder_ExitsTwoAndLeavesTheRun()
    {
        using var temp = new TempFolder();
        string run = temp.Sub("run");
        SharedRuns.CopyTo(SharedRuns.ChronicPain().AssertOk(), run);
        var before = Directory.GetFileSystemEntries(run).Order(StringComparer.Ordinal).ToList();

        var result = CliHarness.Run(SweepCommandTests.SweepArgs(run, "--force"));

        Assert.Equal(2, result.Exit);
        Assert.Contains("holds a single run", result.Err, StringComparison.Ordinal);
        Assert.Equal(before, Directory.GetFileSystemEntries(run).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Merge_OutIntoAFolderThatIsNotASweep_ExitsTwoAndKeepsTheUsersIndexCsv()
    {
        using var temp = new TempFolder();
        string project = MakeProject(temp);
        string sweep = temp.Sub("sweep");
        Assert.Equal(0, CliHarness.Run(SweepCommandTests.SweepArgs(sweep, "--shard", "0/1")).Exit);

        var result = CliHarness.Run("merge", sweep, "--out", project, "--quiet");

        Assert.Equal(2, result.Exit);
        Assert.Equal("my,own\n1,2\n", File.ReadAllText(Path.Combine(project, "index.csv")));
        Assert.Equal(["proj", "sweep"], Directory.GetFileSystemEntries(temp.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Merge_OutIntoANewFolder_MarksItAsASweepSoItCanBeMergedIntoAgain()
    {
        using var temp = new TempFolder();
        string sweep = temp.Sub("sweep");
        string merged = temp.Sub("merged");
        Assert.Equal(0, CliHarness.Run(SweepCommandTests.SweepArgs(sweep, "--shard", "0/1")).Exit);

        Assert.Equal(0, CliHarness.Run("merge", sweep, "--out", merged, "--quiet").Exit);
        var again = CliHarness.Run("merge", sweep, "--out", merged, "--quiet");

        Assert.True(again.Exit == 0, again.Err);
        Assert.True(File.Exists(Path.Combine(merged, "plan.json")));
        Assert.True(File.Exists(Path.Combine(merged, "index.csv")));
    }

    [Fact]
    public void Slurm_IntoAFolderThatIsNotASweep_ExitsTwoAndWritesNothing()
    {
        using var temp = new TempFolder();
        string project = MakeProject(temp);

        var result = CliHarness.Run("slurm", Scenario, "--out", project, "--shards", "2", "--grid", "projections.cue-to-pain.plasticity.rate=0.001,0.005");

        Assert.Equal(2, result.Exit);
        AssertProjectUntouched(project);
    }
}
