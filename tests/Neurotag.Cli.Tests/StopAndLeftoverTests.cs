namespace Neurotag.Cli.Tests;

/// <summary>
/// Issue #11, defect 5: SIGTERM (Slurm's time limit, <c>timeout</c>, <c>docker stop</c>) ended a run with exit 143, no
/// message and <c>.tmp-*</c> folders left behind, even after a successful resume. It now stops as cleanly as Ctrl-C,
/// and every run removes the stale temporaries of killed earlier runs into the same output — never those of a run
/// still in progress. The runs are real child processes, sent real signals.
/// </summary>
public sealed class StopAndLeftoverTests
{
    /// <summary>A practice phase long enough (minutes of CPU) that the run is still in progress when it is signalled.</summary>
    private const string Long = "2000 s";

    private static bool HasStaging(string parent, string name) =>
        Directory.Exists(parent) && Directory.GetDirectories(parent, $".{name}.tmp-*").Length > 0;

    [Fact]
    public void Run_OnSigterm_ExitsWith143AndAMessage_AndLeavesNothing()
    {
        using var temp = new TempFolder();
        string scenario = TinyScenario.Write(temp.Path, practice: Long);
        string parent = temp.Sub("runs");
        using var child = CliProcess.Start("run", scenario, "--out", Path.Combine(parent, "long"), "--quiet");
        Assert.True(child.WaitUntil(() => HasStaging(parent, "long")), "the run never started writing");

        child.Signal("TERM");
        var (exit, stdout, stderr) = child.WaitForExit();

        Assert.True(exit == 143, $"exit {exit}: {stderr}");
        Assert.Contains("terminated (SIGTERM): stopped cleanly, nothing was written", stderr, StringComparison.Ordinal);
        Assert.Empty(stdout);
        Assert.Empty(Directory.GetFileSystemEntries(parent)); // no run folder, staging folder or lock file
    }

    [Fact]
    public void Sweep_OnSigterm_ExitsWith143_KeepsFinishedPoints_AndItsResumeLeavesNoTemporaries()
    {
        using var temp = new TempFolder();
        string rates = string.Join(", ", Enumerable.Range(1, 30).Select(i => (0.001 * i).ToString("0.000", System.Globalization.CultureInfo.InvariantCulture)));
        string scenario = TinyScenario.Write(temp.Path, sweep: $"  grid:\n    {TinyScenario.Rate}: [{rates}]");
        string dir = temp.Sub("sweep");
        string points = Path.Combine(dir, "points");
        string[] args = ["sweep", scenario, "--out", dir, "--jobs", "1", "--quiet"];
        using var child = CliProcess.Start(args);

        // Signalled once the first point is complete: 29 points of a fraction of a second each remain.
        Assert.True(child.WaitUntil(() => Directory.Exists(points) && Directory.EnumerateFiles(points, "manifest.json", SearchOption.AllDirectories).Any()), "no point finished");
        child.Signal("TERM");
        var (exit, _, stderr) = child.WaitForExit();

        Assert.True(exit == 143, $"exit {exit}: {stderr}");
        Assert.Contains("terminated (SIGTERM):", stderr, StringComparison.Ordinal);
        Assert.Contains("rerun the same command to resume", stderr, StringComparison.Ordinal);
        var finished = Directory.GetDirectories(points);
        Assert.InRange(finished.Length, 1, 29);
        Assert.All(finished, f => Assert.True(File.Exists(Path.Combine(f, "manifest.json")), f + " is incomplete"));
        Assert.Empty(TinyScenario.Temporaries(dir));
        Assert.False(File.Exists(Path.Combine(dir, "index.csv")));

        var kept = finished.ToDictionary(f => f, f => File.ReadAllText(Path.Combine(f, "manifest.json")));
        var resumed = CliHarness.Run(args);
        Assert.True(resumed.Exit == 0, resumed.Err);
        Assert.Equal(30, Directory.GetDirectories(points).Length);
        Assert.All(kept, k => Assert.Equal(k.Value, File.ReadAllText(Path.Combine(k.Key, "manifest.json"))));
        Assert.Empty(TinyScenario.Temporaries(dir));
    }

    [Fact]
    public void Run_AfterAnEarlierRunWasKilledWithSigkill_RemovesItsStaleStagingFolder()
    {
        using var temp = new TempFolder();
        string scenario = TinyScenario.Write(temp.Path, practice: Long);
        string parent = temp.Sub("runs");
        string output = Path.Combine(parent, "out");
        using (var child = CliProcess.Start("run", scenario, "--out", output, "--quiet"))
        {
            Assert.True(child.WaitUntil(() => HasStaging(parent, "out")), "the run never started writing");
            child.KillHard();
            child.WaitForExit();
        }

        var left = Directory.GetFileSystemEntries(parent).Select(Path.GetFileName).ToList();
        Assert.Contains(left, n => n!.StartsWith(".out.tmp-", StringComparison.Ordinal) && !n.EndsWith(".lock", StringComparison.Ordinal));

        // A foreign file of a similar name is not ours and stays.
        File.WriteAllText(Path.Combine(parent, ".out.tmp-notes.txt"), "mine");

        var rerun = CliHarness.Run("run", scenario, "--out", output, "--set", TinyScenario.Duration + "=1 s");

        Assert.True(rerun.Exit == 0, rerun.Err);
        Assert.Contains("removed 1 stale temporary folder(s) left by a killed earlier run", rerun.Err, StringComparison.Ordinal);
        Assert.Equal([".out.tmp-notes.txt", "out"], Directory.GetFileSystemEntries(parent).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Run_IntoTheSameOutputAsARunInProgress_DoesNotRemoveItsStagingFolder()
    {
        using var temp = new TempFolder();
        string scenario = TinyScenario.Write(temp.Path, practice: Long);
        string parent = temp.Sub("runs");
        string output = Path.Combine(parent, "shared");
        using var live = CliProcess.Start("run", scenario, "--out", output, "--quiet");
        Assert.True(live.WaitUntil(() => HasStaging(parent, "shared")), "the run never started writing");
        var liveStaging = Directory.GetDirectories(parent, ".shared.tmp-*").Single();

        // Another process (a second Slurm job, a parallel shard) writes the same output while the first still runs.
        var second = CliHarness.Run("run", scenario, "--out", output, "--quiet", "--set", TinyScenario.Duration + "=1 s");

        Assert.True(second.Exit == 0, second.Err);
        Assert.True(Directory.Exists(liveStaging), "the live run's staging folder was removed");
        Assert.True(File.Exists(liveStaging + ".lock"), "the live run's lock file was removed");
        live.Signal("TERM");
        var (exit, _, stderr) = live.WaitForExit();
        Assert.True(exit == 143, $"exit {exit}: {stderr}");
        Assert.Equal(["shared"], Directory.GetFileSystemEntries(parent).Select(Path.GetFileName));
    }
}
