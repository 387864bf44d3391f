using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Neurotag.Cli.Tests;

/// <summary>
/// The reference sweep every comparison starts from: the shortened chronic-pain (<see cref="SharedRuns.ShortChronicPainScenario"/>)
/// with <c>--grid projections.cue-to-pain.plasticity.rate=0.001,0.005 --seeds 2 --jobs 1</c> (4 points), run once per class.
/// </summary>
public sealed class SweepReferenceFixture : IDisposable
{
    private readonly TempFolder _temp = new();

    public SweepReferenceFixture()
    {
        Path = _temp.Sub("reference");
        Result = CliHarness.Run(SweepCommandTests.SweepArgs(Path, "--jobs", "1"));
    }

    public string Path { get; }

    public (int Exit, string Out, string Err) Result { get; }

    public void Dispose() => _temp.Dispose();
}

/// <summary>
/// <c>sweep</c> and <c>merge</c> end to end. Expected folder names, ids and orders follow from the documented rules
/// (last axis fastest, seeds innermost; id = first 10 hex digits of SHA-256 over "path=value\n" lines and "seed=N";
/// folder = label~value_seed~N), not from running the code. The sweeps run the shortened chronic-pain (every simulated
/// phase 10x shorter, same parameter paths and seed): these tests check the sweep machinery, not the scenario's
/// science, and the full scenario made them a third of the suite's time.
/// </summary>
public sealed class SweepCommandTests(SweepReferenceFixture reference) : IClassFixture<SweepReferenceFixture>
{
    private const string Rate = "projections.cue-to-pain.plasticity.rate";

    /// <summary>The four points of the reference sweep in expansion order: rate 0.001 then 0.005, seeds 42 then 43.</summary>
    private static readonly (string Folder, string Rate, ulong Seed)[] Points =
    [
        ("rate~0.001_seed~42", "0.001", 42),
        ("rate~0.001_seed~43", "0.001", 43),
        ("rate~0.005_seed~42", "0.005", 42),
        ("rate~0.005_seed~43", "0.005", 43),
    ];

    private static string Scenario => SharedRuns.ShortChronicPainScenario;

    internal static string[] SweepArgs(string outDir, params string[] extra) =>
        ["sweep", Scenario, "--out", outDir, "--grid", Rate + "=0.001,0.005", "--seeds", "2", "--quiet", .. extra];

    [Fact]
    public void Sweep_Reference_RunsEveryPointAndWritesPlanIndexAndSummary()
    {
        Assert.True(reference.Result.Exit == 0, reference.Result.Err);
        Assert.Equal(Points.Select(p => p.Folder), PointFolders(reference.Path));
        Assert.True(File.Exists(Path.Combine(reference.Path, "plan.json")));

        var index = Csv.Parse(File.ReadAllText(Path.Combine(reference.Path, "index.csv")));
        Assert.Equal(["index", "id", "folder", Rate, "seed", "status", "wall_time_s", "message"], index[0]);
        for (int k = 0; k < Points.Length; k++)
        {
            var (folder, rate, seed) = Points[k];
            string[] row = index[k + 1];
            Assert.Equal([k.ToString(CultureInfo.InvariantCulture), Id(seed, (Rate, rate)), folder, rate, seed.ToString(CultureInfo.InvariantCulture), "ok"], row[..6]);
            Assert.True(double.Parse(row[6], CultureInfo.InvariantCulture) > 0);
            Assert.Equal("", row[7]);
        }

        // summary.csv: every point's rows, in plan order, prefixed by id, rate and seed.
        var summary = Csv.Parse(File.ReadAllText(Path.Combine(reference.Path, "summary.csv")));
        Assert.Equal(["id", Rate, "seed", "phase", "rep", "instance", "kind", "name", "metric", "other", "value", "unit"], summary[0]);
        var expectedRows = Points.SelectMany(p =>
            Csv.Parse(File.ReadAllText(Path.Combine(reference.Path, "points", p.Folder, "summary.csv"))).Skip(1)
                .Select(r => (string[])[Id(p.Seed, (Rate, p.Rate)), p.Rate, p.Seed.ToString(CultureInfo.InvariantCulture), .. r]));
        Assert.Equal(expectedRows, summary.Skip(1));
    }

    [Fact]
    public void Sweep_TwoJobs_WritesTheSameBytesAsOneJob()
    {
        using var temp = new TempFolder();
        string two = temp.Sub("two");

        var run = CliHarness.Run(SweepArgs(two, "--jobs", "2"));

        Assert.True(run.Exit == 0, run.Err);
        AssertSameSweep(reference.Path, two);
        Assert.Equal(File.ReadAllBytes(Path.Combine(reference.Path, "plan.json")), File.ReadAllBytes(Path.Combine(two, "plan.json")));
    }

    [Fact]
    public void Sweep_ShardsIntoOneSharedFolder_MergeToTheUnshardedSweep()
    {
        using var temp = new TempFolder();
        string shared = temp.Sub("shared");

        var first = CliHarness.Run(SweepArgs(shared, "--shard", "0/3", "--jobs", "2"));
        Assert.True(first.Exit == 0, first.Err);

        // Shard 0 of 3 takes indices 0 and 3, and shards do not merge.
        Assert.Equal([Points[0].Folder, Points[3].Folder], PointFolders(shared));
        Assert.False(File.Exists(Path.Combine(shared, "index.csv")));
        Assert.False(File.Exists(Path.Combine(shared, "summary.csv")));

        foreach (string shard in new[] { "1/3", "2/3" })
        {
            var run = CliHarness.Run(SweepArgs(shared, "--shard", shard));
            Assert.True(run.Exit == 0, run.Err);
        }

        var merge = CliHarness.Run("merge", shared, "--quiet");

        Assert.True(merge.Exit == 0, merge.Err);
        Assert.Equal(Path.GetFullPath(Path.Combine(shared, "index.csv")), merge.Out.Trim());
        AssertSameSweep(reference.Path, shared);
    }

    [Fact]
    public void Sweep_ShardsIntoSeparateFolders_MergeWithOut_AndAPartialSetIsRefused()
    {
        using var temp = new TempFolder();
        string a = temp.Sub("a"), b = temp.Sub("b"), c = temp.Sub("c"), merged = temp.Sub("merged");
        Assert.Equal(0, CliHarness.Run(SweepArgs(a, "--shard", "0/3", "--jobs", "2")).Exit);
        Assert.Equal(0, CliHarness.Run(SweepArgs(c, "--shard", "2/3")).Exit);

        // Shard 1 has not run: point 1 is missing (shard 0 holds points 0 and 3, shard 2 holds point 2).
        var partial = CliHarness.Run("merge", a, c, "--out", merged);
        Assert.Equal(2, partial.Exit);
        Assert.Contains($"missing: point 1 ({Points[1].Folder})", partial.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("missing: point 0", partial.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("missing: point 2", partial.Err, StringComparison.Ordinal);
        Assert.DoesNotContain("missing: point 3", partial.Err, StringComparison.Ordinal);
        Assert.Contains("1 missing", partial.Err, StringComparison.Ordinal);

        Assert.Equal(0, CliHarness.Run(SweepArgs(b, "--shard", "1/3")).Exit);
        var merge = CliHarness.Run("merge", a, b, c, "--out", merged, "--quiet");

        Assert.True(merge.Exit == 0, merge.Err);
        Assert.Equal(File.ReadAllBytes(Path.Combine(reference.Path, "summary.csv")), File.ReadAllBytes(Path.Combine(merged, "summary.csv")));
        Assert.Equal(IndexWithoutWallTime(reference.Path), IndexWithoutWallTime(merged));
        Assert.False(File.Exists(Path.Combine(a, "index.csv")));
    }

    [Fact]
    public void Merge_OnlyOneShardOfThree_ExitsTwoNamingEveryMissingPoint()
    {
        using var temp = new TempFolder();
        string only = temp.Sub("only");
        Assert.Equal(0, CliHarness.Run(SweepArgs(only, "--shard", "2/3")).Exit);

        var merge = CliHarness.Run("merge", only);

        Assert.Equal(2, merge.Exit);
        foreach (int k in new[] { 0, 1, 3 })
        {
            Assert.Contains($"missing: point {k} ({Points[k].Folder}) has no complete run folder", merge.Err, StringComparison.Ordinal);
        }

        Assert.Contains("merged 1 of 4 points ok, 0 failed, 3 missing, 0 duplicated", merge.Err, StringComparison.Ordinal);
        var index = Csv.Parse(File.ReadAllText(Path.Combine(only, "index.csv")));
        Assert.Equal(["missing", "missing", "ok", "missing"], index.Skip(1).Select(r => r[5]));
    }

    [Fact]
    public void Sweep_Rerun_SkipsCompletePoints_RerunsADeletedOne_AndForceRerunsAll()
    {
        using var temp = new TempFolder();
        string dir = temp.Sub("resume");
        CopyDirectory(reference.Path, dir);
        var before = Manifests(dir);

        var again = CliHarness.Run(NotQuiet(SweepArgs(dir)));
        Assert.True(again.Exit == 0, again.Err);
        Assert.Contains("4 points: 0 ran, 4 already complete, 0 failed", again.Err, StringComparison.Ordinal);
        Assert.Equal(before, Manifests(dir));

        Directory.Delete(Path.Combine(dir, "points", Points[2].Folder), recursive: true);
        var one = CliHarness.Run(NotQuiet(SweepArgs(dir)));
        Assert.True(one.Exit == 0, one.Err);
        Assert.Contains("4 points: 1 ran, 3 already complete, 0 failed", one.Err, StringComparison.Ordinal);
        var afterOne = Manifests(dir);
        foreach (int k in new[] { 0, 1, 3 })
        {
            Assert.Equal(before[Points[k].Folder], afterOne[Points[k].Folder]);
        }

        Assert.NotEqual(before[Points[2].Folder], afterOne[Points[2].Folder]);
        AssertSameSweep(reference.Path, dir);

        var forced = CliHarness.Run(NotQuiet(SweepArgs(dir, "--force", "--jobs", "2")));
        Assert.True(forced.Exit == 0, forced.Err);
        Assert.Contains("4 points: 4 ran, 0 already complete, 0 failed", forced.Err, StringComparison.Ordinal);
        var afterForce = Manifests(dir);
        Assert.All(Points, p => Assert.NotEqual(afterOne[p.Folder], afterForce[p.Folder]));
        AssertSameSweep(reference.Path, dir);
    }

    [Fact]
    public void Sweep_SweepSectionInTheFile_GivesTheSamePointsAsTheCommandLineGrid()
    {
        using var temp = new TempFolder();
        string scenario = temp.Sub("with-sweep.yaml");
        File.WriteAllText(scenario, File.ReadAllText(Scenario) + $"\nsweep:\n  seeds: 2\n  grid:\n    {Rate}: [0.001, 0.005]\n");

        var run = CliHarness.Run("sweep", scenario, "--out", temp.Sub("out"), "--jobs", "4", "--quiet");

        Assert.True(run.Exit == 0, run.Err);
        Assert.Equal(Points.Select(p => p.Folder), PointFolders(temp.Sub("out")));
        Assert.Equal(File.ReadAllBytes(Path.Combine(reference.Path, "summary.csv")), File.ReadAllBytes(Path.Combine(temp.Sub("out"), "summary.csv")));
    }

    [Fact]
    public void Sweep_ValueThatFailsValidation_FailsOnlyItsPointWithExitThree()
    {
        using var temp = new TempFolder();
        string dir = temp.Sub("failing");

        var run = CliHarness.Run("sweep", Scenario, "--out", dir, "--grid", "populations.context.neuron.tau=10 ms,-5 ms", "--quiet");

        Assert.Equal(3, run.Exit);
        Assert.Equal(["tau~10ms_seed~42", "tau~-5ms_seed~42"], PointFolders(dir));
        var index = Csv.Parse(File.ReadAllText(Path.Combine(dir, "index.csv")));
        Assert.Equal(3, index.Count);
        Assert.Equal(["0", Id(42, ("populations.context.neuron.tau", "10 ms")), "tau~10ms_seed~42", "10 ms", "42", "ok"], index[1][..6]);
        Assert.Equal("", index[1][7]);
        Assert.Equal(["1", Id(42, ("populations.context.neuron.tau", "-5 ms")), "tau~-5ms_seed~42", "-5 ms", "42", "invalid", "0"], index[2][..7]);
        Assert.StartsWith("--grid populations.context.neuron.tau:1:1: populations.context.neuron.tau: -5 ms is out of range", index[2][7], StringComparison.Ordinal);
        Assert.Contains("failed: point 1 (tau~-5ms_seed~42): invalid:", run.Err, StringComparison.Ordinal);

        // The failed point's folder holds only its manifest and the scenario copy that reproduces the error; summary.csv has the ok point only.
        Assert.Equal(["manifest.json", "scenario.yaml"], Directory.GetFiles(Path.Combine(dir, "points", "tau~-5ms_seed~42")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.All(Csv.Parse(File.ReadAllText(Path.Combine(dir, "summary.csv"))).Skip(1), row => Assert.Equal("10 ms", row[1]));
    }

    [Fact]
    public void Sweep_UnknownPath_ExitsTwoWithTheNearestPathAndWritesNothing()
    {
        using var temp = new TempFolder();
        string dir = temp.Sub("out");

        var run = CliHarness.Run("sweep", Scenario, "--out", dir, "--grid", "projections.cue-to-pian.plasticity.rate=0.001,0.005");

        Assert.Equal(2, run.Exit);
        Assert.Contains("the scenario has no parameter 'projections.cue-to-pian.plasticity.rate'", run.Err, StringComparison.Ordinal);
        Assert.Contains($"did you mean '{Rate}'?", run.Err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir));
    }

    [Theory]
    [InlineData("projections.cue-to-pain.plasticity.rat=0.001,0.005", "did you mean 'rate'")]
    [InlineData("protocol.healing.duratoin=30 day,120 day", "did you mean 'duration'")]
    [InlineData("populations.context.neuron.taau=10 ms", "did you mean 'tau'")]
    public void Sweep_MisspelledLastKey_ExitsTwoWithTheSpellingAndWritesNothing(string grid, string hint)
    {
        using var temp = new TempFolder();
        string dir = temp.Sub("out");

        var run = CliHarness.Run("sweep", Scenario, "--out", dir, "--grid", grid);

        Assert.Equal(2, run.Exit);
        Assert.Contains(hint, run.Err, StringComparison.Ordinal);
        Assert.Contains("nothing was run", run.Err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir));
    }

    [Fact]
    public void Sweep_UnknownSetPath_ExitsTwoAndWritesNothing()
    {
        using var temp = new TempFolder();
        string dir = temp.Sub("out");

        var run = CliHarness.Run("sweep", Scenario, "--out", dir, "--grid", Rate + "=0.001", "--set", "populations.contxt.size=10");

        Assert.Equal(2, run.Exit);
        Assert.Contains("did you mean 'populations.context.size'?", run.Err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir));
    }

    [Theory]
    [InlineData("--shard", "3/3")]
    [InlineData("--shard", "x")]
    [InlineData("--jobs", "0")]
    [InlineData("--seeds", "0")]
    [InlineData("--grid", "nothing-to-sweep")]
    public void Sweep_BadArgument_ExitsTwoAndWritesNothing(string flag, string value)
    {
        using var temp = new TempFolder();
        string dir = temp.Sub("out");

        var run = CliHarness.Run("sweep", Scenario, "--out", dir, "--grid", Rate + "=0.001", flag, value);

        Assert.Equal(2, run.Exit);
        Assert.Contains(flag, run.Err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(dir));
    }

    [Fact]
    public void Sweep_DifferentSweepIntoAFolderHoldingAPlan_IsRefused()
    {
        using var temp = new TempFolder();
        string dir = temp.Sub("out");

        // One point (index 0) and shard 1/2: nothing runs, only plan.json is written.
        Assert.Equal(0, CliHarness.Run("sweep", Scenario, "--out", dir, "--grid", Rate + "=0.001", "--shard", "1/2", "--quiet").Exit);
        Assert.False(Directory.Exists(Path.Combine(dir, "points")) && Directory.EnumerateDirectories(Path.Combine(dir, "points")).Any());
        string plan = File.ReadAllText(Path.Combine(dir, "plan.json"));

        var other = CliHarness.Run("sweep", Scenario, "--out", dir, "--grid", Rate + "=0.002", "--shard", "1/2", "--quiet");

        Assert.Equal(2, other.Exit);
        Assert.Contains("different sweep", other.Err, StringComparison.Ordinal);
        Assert.Equal(plan, File.ReadAllText(Path.Combine(dir, "plan.json")));
    }

    /// <summary>
    /// Cancelled as the first point completes: the progress line that reports it (stderr without --quiet) cancels the
    /// token from inside the sweep, so no later point can start. With one job the cancel falls between points; with
    /// three, the other two are mid-run. 12 points, so the sweep cannot finish first (at most 1 + 2 × (jobs − 1) points
    /// can complete), whatever the machine's load.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Sweep_Cancelled_ExitsInterruptedLeavingOnlyCompletePointFolders(int jobs)
    {
        using var temp = new TempFolder();
        string dir = temp.Sub("cancel");
        string points = Path.Combine(dir, "points");
        string[] args = ["sweep", Scenario, "--out", dir, "--grid", Rate + "=0.001,0.002,0.003,0.004,0.005,0.006", "--seeds", "2", "--jobs", jobs.ToString(CultureInfo.InvariantCulture)];
        using var cts = new CancellationTokenSource();
        using var stdout = new StringWriter(CultureInfo.InvariantCulture);
        using var stderr = new CancellingWriter(cts, trigger: "1/12 points");

        int exit = CliApp.Run(args, stdout, stderr, false, cts.Token);

        Assert.True(stderr.Triggered, $"no progress line reported the first point: {stderr}");
        Assert.True(exit == 130, $"exit {exit}: {stderr}");
        Assert.Contains("interrupted", stderr.ToString(), StringComparison.Ordinal);
        var folders = Directory.GetDirectories(points);
        Assert.NotEmpty(folders);
        Assert.True(folders.Length < 12, "the sweep finished before it was cancelled");
        Assert.All(folders, f => Assert.True(File.Exists(Path.Combine(f, "manifest.json")), f + " is incomplete"));
        Assert.Empty(Directory.GetFileSystemEntries(points, "*.tmp-*", SearchOption.AllDirectories));
        Assert.Empty(Directory.GetFileSystemEntries(dir, "*.tmp-*", SearchOption.AllDirectories));
        Assert.False(File.Exists(Path.Combine(dir, "index.csv")));

        // Rerunning resumes: the finished points are kept as they are.
        var finished = Manifests(dir);
        var resumed = CliHarness.Run([.. args, "--quiet"]);
        Assert.True(resumed.Exit == 0, resumed.Err);
        var after = Manifests(dir);
        Assert.Equal(12, after.Count);
        Assert.All(finished, m => Assert.Equal(m.Value, after[m.Key]));
    }

    private static string[] NotQuiet(string[] args) => [.. args.Where(a => a != "--quiet")];

    /// <summary>The documented id: SHA-256 over "path=value\n" lines and "seed=N", first 10 hex digits.</summary>
    private static string Id(ulong seed, params (string Path, string Value)[] values)
    {
        string text = string.Concat(values.Select(v => $"{v.Path}={v.Value}\n")) + "seed=" + seed.ToString(CultureInfo.InvariantCulture);
        return string.Concat(SHA256.HashData(Encoding.UTF8.GetBytes(text)).Take(5).Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));
    }

    /// <summary>Point folder names in plan order (folders are compared against <see cref="Points"/>'s order).</summary>
    private static List<string> PointFolders(string sweep)
    {
        string plan = File.ReadAllText(Path.Combine(sweep, "plan.json"));
        return [.. Directory.GetDirectories(Path.Combine(sweep, "points")).Select(Path.GetFileName).OfType<string>()
            .OrderBy(f => plan.IndexOf($"\"folder\": \"{f}\"", StringComparison.Ordinal))];
    }

    /// <summary>Each point folder → its manifest's bytes and last write time.</summary>
    private static Dictionary<string, (string Text, DateTime Written)> Manifests(string sweep) =>
        Directory.GetDirectories(Path.Combine(sweep, "points")).ToDictionary(
            f => Path.GetFileName(f),
            f => (File.ReadAllText(Path.Combine(f, "manifest.json")), File.GetLastWriteTimeUtc(Path.Combine(f, "manifest.json"))),
            StringComparer.Ordinal);

    /// <summary>Same point folders with byte-identical CSVs, same summary.csv bytes, same index.csv but for wall times.</summary>
    private static void AssertSameSweep(string expected, string actual)
    {
        var folders = PointFolders(expected);
        Assert.Equal(folders, PointFolders(actual));
        foreach (string folder in folders)
        {
            string a = Path.Combine(expected, "points", folder), b = Path.Combine(actual, "points", folder);
            var csvs = Directory.GetFiles(a, "*.csv").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();
            Assert.Equal(["phases.csv", "populations.csv", "summary.csv", "tags.csv", "weight_hist.csv", "weights.csv"], csvs);
            Assert.Equal(csvs, Directory.GetFiles(b, "*.csv").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal));
            foreach (string csv in csvs)
            {
                Assert.True(File.ReadAllBytes(Path.Combine(a, csv)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(b, csv))), $"{folder}/{csv} differs");
            }
        }

        Assert.True(File.ReadAllBytes(Path.Combine(expected, "summary.csv")).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(actual, "summary.csv"))), "summary.csv differs");
        Assert.Equal(IndexWithoutWallTime(expected), IndexWithoutWallTime(actual));
    }

    private static List<string> IndexWithoutWallTime(string sweep)
    {
        var rows = Csv.Parse(File.ReadAllText(Path.Combine(sweep, "index.csv")));
        int wall = Array.IndexOf(rows[0], "wall_time_s");
        Assert.True(wall >= 0);
        return [.. rows.Select(r => string.Join("\u001f", r.Where((_, i) => i != wall)))];
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (string file in Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (string dir in Directory.GetDirectories(from))
        {
            CopyDirectory(dir, Path.Combine(to, Path.GetFileName(dir)));
        }
    }

    /// <summary>A stderr that cancels <paramref name="cts"/> when a line containing <paramref name="trigger"/> is written (from any thread).</summary>
    private sealed class CancellingWriter(CancellationTokenSource cts, string trigger) : StringWriter(CultureInfo.InvariantCulture)
    {
        private readonly Lock _gate = new();

        public bool Triggered { get; private set; }

        public override void WriteLine(string? value)
        {
            lock (_gate)
            {
                base.WriteLine(value);
                if (!Triggered && value is not null && value.Contains(trigger, StringComparison.Ordinal))
                {
                    Triggered = true;
                    cts.Cancel();
                }
            }
        }

        public override string ToString()
        {
            lock (_gate)
            {
                return base.ToString();
            }
        }
    }

    /// <summary>A small RFC 4180 reader (quoted fields, doubled quotes, newlines inside quotes).</summary>
    private static class Csv
    {
        public static List<string[]> Parse(string text)
        {
            var rows = new List<string[]>();
            var row = new List<string>();
            var field = new StringBuilder();
            bool quoted = false;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (quoted)
                {
                    if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                    {
                        field.Append('"');
                        i++;
                    }
                    else if (c == '"')
                    {
                        quoted = false;
                    }
                    else
                    {
                        field.Append(c);
                    }
                }
                else if (c == '"')
                {
                    quoted = true;
                }
                else if (c == ',')
                {
                    row.Add(field.ToString());
                    field.Clear();
                }
                else if (c == '\n')
                {
                    row.Add(field.ToString());
                    field.Clear();
                    rows.Add([.. row]);
                    row.Clear();
                }
                else
                {
                    field.Append(c);
                }
            }

            if (field.Length > 0 || row.Count > 0)
            {
                row.Add(field.ToString());
                rows.Add([.. row]);
            }

            return rows;
        }
    }
}
