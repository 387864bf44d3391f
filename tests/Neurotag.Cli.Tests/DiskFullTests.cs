using System.Globalization;

namespace Neurotag.Cli.Tests;

/// <summary>
/// Issue #11, defect 2: <c>run</c> and <c>sweep</c> on a full disk exited 1 with "internal error: AggregateException …
/// No space left on device … this is a bug". A full disk is the environment's fault: exit 2, one line naming the
/// folder, nothing half-written, and a sweep keeps its finished points and resumes. The disk is
/// <see cref="LimitedDisk"/>, whose overflow raises the kernel's own ENOSPC error.
/// </summary>
public sealed class DiskFullTests
{
    private static (int Exit, string Out, string Err) Run(LimitedDisk disk, params string[] args)
    {
        using var stdout = new StringWriter(CultureInfo.InvariantCulture);
        using var stderr = new StringWriter(CultureInfo.InvariantCulture);
        using var stop = new StopSignal();
        int exit = CliApp.Run(args, stdout, stderr, stderrIsTerminal: false, stop, disk.Open);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Theory]
    [InlineData(0)] // the first write fails: every CSV fails as it is closed (the reported AggregateException)
    [InlineData(5000)] // the disk fills up part-way through tags.csv
    public void Run_OnAFullDisk_ExitsTwoWithOneLineNamingTheFolder_AndLeavesNothing(long capacity)
    {
        using var temp = new TempFolder();
        string scenario = TinyScenario.Write(temp.Path);
        string parent = temp.Sub("runs");
        string output = Path.Combine(parent, "full");

        var result = Run(new LimitedDisk(capacity), "run", scenario, "--out", output, "--quiet");

        Assert.True(result.Exit == 2, $"exit {result.Exit}: {result.Err}");
        var line = Assert.Single(Lines(result.Err));
        Assert.StartsWith(output + ": disk full", line, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", line, StringComparison.Ordinal);
        Assert.DoesNotContain(".tmp-", line, StringComparison.Ordinal); // names the folder, not its hidden staging
        Assert.Empty(result.Out);
        Assert.Empty(Directory.GetFileSystemEntries(parent)); // no run folder, no staging folder, no lock file
    }

    [Fact]
    public void Sweep_OnAFullDisk_ExitsTwo_KeepsItsFinishedPoints_AndResumesToTheSameResults()
    {
        using var temp = new TempFolder();
        string scenario = TinyScenario.Write(temp.Path, sweep: $"  grid:\n    {TinyScenario.Rate}: [0.006, 0.012, 0.024]");
        string[] Args(string dir) => ["sweep", scenario, "--out", dir, "--jobs", "1", "--quiet"];

        // The reference: the same sweep on a disk with room; the full disk holds its first point and half the second.
        string reference = temp.Sub("reference");
        var complete = CliHarness.Run(Args(reference));
        Assert.True(complete.Exit == 0, complete.Err);
        var folders = Directory.GetDirectories(Path.Combine(reference, "points")).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(3, folders.Count);
        var plan = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(reference, "plan.json")));
        var order = plan.RootElement.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("folder").GetString()!).ToList();
        long first = TinyScenario.Csvs(Path.Combine(reference, "points", order[0])).Values.Sum(b => (long)b.Length);
        long second = TinyScenario.Csvs(Path.Combine(reference, "points", order[1])).Values.Sum(b => (long)b.Length);

        string sweep = temp.Sub("sweep");
        var full = Run(new LimitedDisk(first + (second / 2)), Args(sweep));

        Assert.True(full.Exit == 2, $"exit {full.Exit}: {full.Err}");
        var line = Assert.Single(Lines(full.Err));
        Assert.StartsWith(sweep + ": disk full", line, StringComparison.Ordinal);
        Assert.Contains("point " + order[1], line, StringComparison.Ordinal);
        Assert.Contains("1 finished point(s) are complete", line, StringComparison.Ordinal);
        Assert.Contains("rerun the same command to resume", line, StringComparison.Ordinal);
        Assert.Equal([order[0]], Directory.GetDirectories(Path.Combine(sweep, "points")).Select(Path.GetFileName));
        Assert.Equal(TinyScenario.Csvs(Path.Combine(reference, "points", order[0])), TinyScenario.Csvs(Path.Combine(sweep, "points", order[0])));
        Assert.Empty(TinyScenario.Temporaries(sweep));
        Assert.False(File.Exists(Path.Combine(sweep, "index.csv")));

        // With room again, the same command resumes: the finished point is kept as it was, the rest run.
        string keptManifest = File.ReadAllText(Path.Combine(sweep, "points", order[0], "manifest.json"));
        var resumed = CliHarness.Run(Args(sweep));
        Assert.True(resumed.Exit == 0, resumed.Err);
        Assert.Equal(keptManifest, File.ReadAllText(Path.Combine(sweep, "points", order[0], "manifest.json")));
        foreach (string folder in order)
        {
            Assert.Equal(TinyScenario.Csvs(Path.Combine(reference, "points", folder)), TinyScenario.Csvs(Path.Combine(sweep, "points", folder)));
        }

        Assert.Empty(TinyScenario.Temporaries(sweep));
    }
}
