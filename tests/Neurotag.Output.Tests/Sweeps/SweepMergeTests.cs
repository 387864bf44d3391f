using Neurotag.Output.Sweeps;

namespace Neurotag.Output.Tests.Sweeps;

/// <summary>
/// <see cref="SweepMerge"/> on hand-made sweep folders: plan.json, and per point a run folder under points/ with a
/// manifest.json and (for ok runs) a small summary.csv. The expected CSV text is written out from the documented
/// columns: index.csv = index,id,folder,&lt;paths&gt;,seed,status,wall_time_s,message and summary.csv =
/// id,&lt;paths&gt;,seed,phase,rep,instance,kind,name,metric,other,value,unit.
/// </summary>
public sealed class SweepMergeTests : IDisposable
{
    private const string IndexHeader = "index,id,folder,projections.p.plasticity.rate,protocol.healing.duration,seed,status,wall_time_s,message\n";
    private const string SummaryHeader = "id,projections.p.plasticity.rate,protocol.healing.duration,seed,phase,rep,instance,kind,name,metric,other,value,unit\n";

    private readonly TempDirectory _temp = new();
    private readonly SweepPlanFile _plan = SweepPlanFileTests.Plan();

    public void Dispose() => _temp.Dispose();

    /// <summary>Two summary rows per point; the value encodes the point so rows cannot be confused.</summary>
    private static string PointSummary(int index) =>
        "phase,rep,instance,kind,name,metric,other,value,unit\n"
        + $"baseline,0,0,tag,pain,activation,,0.{index}1,1\n"
        + $"probe,2,7,tag,bend,coupling,pain,0.{index}2,nS\n";

    private static RunManifest Manifest(PlannedPoint point, string status, double wall, string message) => new()
    {
        ToolVersion = "0.1.0",
        ScenarioPath = "scenarios/chronic-pain.yaml",
        ScenarioSha256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        Seed = point.Seed,
        SweepPoint = point.Values.ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal),
        DtMs = 1,
        Steps = 10,
        SimulatedSteps = status == "ok" ? 10 : 0,
        StartTimeMs = 0,
        EndTimeMs = 10,
        WallTimeSeconds = wall,
        ExitStatus = status,
        StartedUtc = "2025-01-31T12:00:00.0000000Z",
        Message = message,
    };

    private string Sweep(string name)
    {
        string dir = _temp.Combine(name);
        _plan.WriteTo(dir);
        return dir;
    }

    private void WritePoint(string sweep, int index, string status = "ok", double wall = 0.25, string message = "", bool summary = true)
    {
        var point = _plan.Points[index];
        string folder = Path.Combine(sweep, SweepPlanFile.PointsFolder, point.Folder);
        Directory.CreateDirectory(folder);
        if (summary)
        {
            File.WriteAllText(Path.Combine(folder, "summary.csv"), PointSummary(index));
        }

        RunManifest.Write(Manifest(point, status, wall, message), folder);
    }

    private static string Read(string dir, string file) => File.ReadAllText(Path.Combine(dir, file));

    [Fact]
    public void Merge_EveryPointOk_WritesIndexAndSummaryInPlanOrder()
    {
        string sweep = Sweep("s");
        WritePoint(sweep, 3, wall: 12);
        WritePoint(sweep, 0, wall: 0.25);
        WritePoint(sweep, 2, wall: 1.5);
        WritePoint(sweep, 1, wall: 0.125);

        var report = SweepMerge.Merge([sweep], sweep);

        Assert.True(report.Complete);
        Assert.Equal(4, report.Ok);
        Assert.Empty(report.Failed);
        Assert.Equal(
            IndexHeader
            + "0,a000000000,rate~0.001_duration~30day_seed~1,0.001,30 day,1,ok,0.25,\n"
            + "1,b111111111,rate~0.001_duration~30day_seed~2,0.001,30 day,2,ok,0.125,\n"
            + "2,c222222222,rate~0.005_duration~30day_seed~1,0.005,30 day,1,ok,1.5,\n"
            + "3,d333333333,rate~0.005_duration~30day_seed~2,0.005,30 day,2,ok,12,\n",
            Read(sweep, SweepMerge.IndexFile));
        Assert.Equal(
            SummaryHeader
            + "a000000000,0.001,30 day,1,baseline,0,0,tag,pain,activation,,0.01,1\n"
            + "a000000000,0.001,30 day,1,probe,2,7,tag,bend,coupling,pain,0.02,nS\n"
            + "b111111111,0.001,30 day,2,baseline,0,0,tag,pain,activation,,0.11,1\n"
            + "b111111111,0.001,30 day,2,probe,2,7,tag,bend,coupling,pain,0.12,nS\n"
            + "c222222222,0.005,30 day,1,baseline,0,0,tag,pain,activation,,0.21,1\n"
            + "c222222222,0.005,30 day,1,probe,2,7,tag,bend,coupling,pain,0.22,nS\n"
            + "d333333333,0.005,30 day,2,baseline,0,0,tag,pain,activation,,0.31,1\n"
            + "d333333333,0.005,30 day,2,probe,2,7,tag,bend,coupling,pain,0.32,nS\n",
            Read(sweep, SweepMerge.SummaryFile));
        Assert.Empty(Directory.GetFiles(sweep, "*.tmp-*"));
    }

    /// <summary>
    /// A point resumed from a run folder written before summary.csv had instance and unit columns (or with its
    /// columns in another order) is merged by column name: the missing columns stay empty, nothing is shifted.
    /// </summary>
    [Fact]
    public void Merge_RunSummaryWithOlderColumns_CopiesByNameAndLeavesMissingOnesEmpty()
    {
        string sweep = Sweep("s");
        for (int i = 1; i < 4; i++)
        {
            WritePoint(sweep, i);
        }

        WritePoint(sweep, 0, summary: false);
        File.WriteAllText(
            Path.Combine(sweep, SweepPlanFile.PointsFolder, _plan.Points[0].Folder, "summary.csv"),
            "phase,rep,kind,name,metric,other,value\nbaseline,0,tag,pain,activation,,0.5\n");

        SweepMerge.Merge([sweep], sweep);

        Assert.StartsWith(
            SummaryHeader + "a000000000,0.001,30 day,1,baseline,0,,tag,pain,activation,,0.5,\n" + "b111111111,",
            Read(sweep, SweepMerge.SummaryFile),
            StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_Twice_WritesTheSameBytes()
    {
        string sweep = Sweep("s");
        for (int i = 0; i < 4; i++)
        {
            WritePoint(sweep, i);
        }

        SweepMerge.Merge([sweep], sweep);
        byte[] index = File.ReadAllBytes(Path.Combine(sweep, SweepMerge.IndexFile));
        byte[] summary = File.ReadAllBytes(Path.Combine(sweep, SweepMerge.SummaryFile));
        SweepMerge.Merge([sweep], sweep);

        Assert.Equal(index, File.ReadAllBytes(Path.Combine(sweep, SweepMerge.IndexFile)));
        Assert.Equal(summary, File.ReadAllBytes(Path.Combine(sweep, SweepMerge.SummaryFile)));
    }

    [Fact]
    public void Merge_MissingPoint_IsListedAndMarkedMissing()
    {
        string sweep = Sweep("s");
        WritePoint(sweep, 0);
        WritePoint(sweep, 1);
        WritePoint(sweep, 3);

        // A staging folder and a folder without manifest are not complete runs.
        Directory.CreateDirectory(Path.Combine(sweep, SweepPlanFile.PointsFolder, "." + _plan.Points[2].Folder + ".tmp-0123"));
        string incomplete = Path.Combine(sweep, SweepPlanFile.PointsFolder, _plan.Points[2].Folder);
        Directory.CreateDirectory(incomplete);
        File.WriteAllText(Path.Combine(incomplete, "summary.csv"), PointSummary(2));

        var report = SweepMerge.Merge([sweep], sweep);

        Assert.False(report.Complete);
        Assert.Equal(3, report.Ok);
        Assert.Equal([2], report.Missing.Select(p => p.Index));
        Assert.Equal(
            IndexHeader
            + "0,a000000000,rate~0.001_duration~30day_seed~1,0.001,30 day,1,ok,0.25,\n"
            + "1,b111111111,rate~0.001_duration~30day_seed~2,0.001,30 day,2,ok,0.25,\n"
            + "2,c222222222,rate~0.005_duration~30day_seed~1,0.005,30 day,1,missing,,\n"
            + "3,d333333333,rate~0.005_duration~30day_seed~2,0.005,30 day,2,ok,0.25,\n",
            Read(sweep, SweepMerge.IndexFile));
        Assert.DoesNotContain("c222222222", Read(sweep, SweepMerge.SummaryFile), StringComparison.Ordinal);
        Assert.Equal(1 + (3 * 2), Read(sweep, SweepMerge.SummaryFile).Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public void Merge_FailedPoints_KeepStatusAndMessageAndStayOutOfTheSummary()
    {
        string sweep = Sweep("s");
        WritePoint(sweep, 0);
        WritePoint(sweep, 1, status: "invalid", wall: 0, message: "--grid x:1:1: x: -5 ms is out of range\nsecond line, \"quoted\"", summary: true);
        WritePoint(sweep, 2, status: "stopped", wall: 0.5, message: "runaway rate", summary: false);
        WritePoint(sweep, 3);

        var report = SweepMerge.Merge([sweep], sweep);

        Assert.True(report.Complete);
        Assert.Equal(2, report.Ok);
        Assert.Equal(
            [(1, "invalid", "--grid x:1:1: x: -5 ms is out of range\nsecond line, \"quoted\""), (2, "stopped", "runaway rate")],
            report.Failed.Select(f => (f.Point.Index, f.Status, f.Message)));
        Assert.Equal(
            IndexHeader
            + "0,a000000000,rate~0.001_duration~30day_seed~1,0.001,30 day,1,ok,0.25,\n"
            + "1,b111111111,rate~0.001_duration~30day_seed~2,0.001,30 day,2,invalid,0,\"--grid x:1:1: x: -5 ms is out of range\nsecond line, \"\"quoted\"\"\"\n"
            + "2,c222222222,rate~0.005_duration~30day_seed~1,0.005,30 day,1,stopped,0.5,runaway rate\n"
            + "3,d333333333,rate~0.005_duration~30day_seed~2,0.005,30 day,2,ok,0.25,\n",
            Read(sweep, SweepMerge.IndexFile));
        Assert.Equal(
            SummaryHeader
            + "a000000000,0.001,30 day,1,baseline,0,0,tag,pain,activation,,0.01,1\n"
            + "a000000000,0.001,30 day,1,probe,2,7,tag,bend,coupling,pain,0.02,nS\n"
            + "d333333333,0.005,30 day,2,baseline,0,0,tag,pain,activation,,0.31,1\n"
            + "d333333333,0.005,30 day,2,probe,2,7,tag,bend,coupling,pain,0.32,nS\n",
            Read(sweep, SweepMerge.SummaryFile));
    }

    [Fact]
    public void Merge_ShardFolders_CombineIntoTheOutFolder()
    {
        string a = Sweep("a"), b = Sweep("b"), c = Sweep("c");
        WritePoint(a, 0);
        WritePoint(a, 3);
        WritePoint(b, 1);
        WritePoint(c, 2);
        string single = Sweep("single");
        for (int i = 0; i < 4; i++)
        {
            WritePoint(single, i);
        }

        string merged = _temp.Combine("out", "merged");
        var report = SweepMerge.Merge([a, b, c], merged);
        SweepMerge.Merge([single], single);

        Assert.True(report.Complete);
        Assert.Equal(4, report.Ok);
        Assert.Equal(Read(single, SweepMerge.IndexFile), Read(merged, SweepMerge.IndexFile));
        Assert.Equal(Read(single, SweepMerge.SummaryFile), Read(merged, SweepMerge.SummaryFile));
        Assert.False(File.Exists(Path.Combine(a, SweepMerge.IndexFile)));
    }

    [Fact]
    public void Merge_PointCompleteInTwoShardFolders_IsDuplicatedNotMerged()
    {
        string a = Sweep("a"), b = Sweep("b");
        WritePoint(a, 0);
        WritePoint(a, 1);
        WritePoint(b, 1, wall: 0.5);
        WritePoint(b, 2);
        WritePoint(b, 3);

        var report = SweepMerge.Merge([a, b], a);

        Assert.False(report.Complete);
        Assert.Empty(report.Missing);
        Assert.Equal(3, report.Ok);
        var (point, folders) = Assert.Single(report.Duplicated);
        Assert.Equal(1, point.Index);
        string inA = Path.Combine(a, SweepPlanFile.PointsFolder, point.Folder);
        string inB = Path.Combine(b, SweepPlanFile.PointsFolder, point.Folder);
        Assert.Equal([inA, inB], folders);

        // The index says what happened to the point: it is neither missing nor merged.
        string[] row = Read(a, SweepMerge.IndexFile).Split('\n')[2].Split(',');
        Assert.Equal(["1", "b111111111", "rate~0.001_duration~30day_seed~2", "0.001", "30 day", "2", "duplicated", "", $"complete in {inA} and {inB}"], row);
        Assert.DoesNotContain("b111111111", Read(a, SweepMerge.SummaryFile), StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_FoldersOfDifferentSweeps_AreRefused()
    {
        string a = Sweep("a");
        string b = _temp.Combine("b");
        SweepPlanFileTests.Plan(firstValue: "0.002").WriteTo(b);

        var e = Assert.Throws<OutputFolderException>(() => SweepMerge.Merge([a, b], a));

        Assert.Contains(b, e.Message, StringComparison.Ordinal);
        Assert.Contains("different sweep", e.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(a, SweepMerge.IndexFile)));
    }

    [Fact]
    public void Merge_FolderWithoutPlan_IsRefused()
    {
        string a = Sweep("a");
        string empty = _temp.Combine("empty");
        Directory.CreateDirectory(empty);

        var e = Assert.Throws<OutputFolderException>(() => SweepMerge.Merge([a, empty], a));

        Assert.Contains(empty, e.Message, StringComparison.Ordinal);
        Assert.Contains(SweepPlanFile.FileName, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_NoFolder_IsRefused()
    {
        Assert.Throws<OutputFolderException>(() => SweepMerge.Merge([], _temp.Path));
    }

    /// <summary>
    /// stats.csv pools each point's seeds: rate 0.001 has seeds 1 and 2 (points 0, 1), rate 0.005 points 2, 3. For
    /// two values a, b: mean (a+b)/2, sd |a−b|/√2, sem |a−b|/2, and the interval mean ± t·sem with
    /// t = tan(0.475π) = 12.706204736174696 (Student's t with 1 df is the Cauchy distribution; python
    /// math.tan(0.475*math.pi); scipy.stats.t.ppf(0.975, 1) gives 12.706204736432095, 2e-11 off the closed form).
    /// Tolerance 1e-12: the file holds round-trip doubles.
    /// </summary>
    [Fact]
    public void Merge_WritesStatsPerPointWithoutTheSeed()
    {
        string sweep = Sweep("s");
        for (int k = 0; k < 4; k++)
        {
            WritePoint(sweep, k);
        }

        SweepMerge.Merge([sweep], sweep);

        var lines = Read(sweep, SweepMerge.StatsFile).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("projections.p.plasticity.rate,protocol.healing.duration,phase,rep,instance,kind,name,metric,other,unit,n,mean,sd,sem,ci95_low,ci95_high", lines[0]);
        Assert.Equal(5, lines.Length);
        var expected = new (string Prefix, double A, double B)[]
        {
            ("0.001,30 day,baseline,0,0,tag,pain,activation,,1,2,", 0.01, 0.11),
            ("0.001,30 day,probe,2,7,tag,bend,coupling,pain,nS,2,", 0.02, 0.12),
            ("0.005,30 day,baseline,0,0,tag,pain,activation,,1,2,", 0.21, 0.31),
            ("0.005,30 day,probe,2,7,tag,bend,coupling,pain,nS,2,", 0.22, 0.32),
        };
        for (int k = 0; k < expected.Length; k++)
        {
            var (prefix, a, b) = expected[k];
            Assert.StartsWith(prefix, lines[k + 1], StringComparison.Ordinal);
            double[] stats = [.. lines[k + 1][prefix.Length..].Split(',').Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture))];
            double mean = (a + b) / 2, sem = Math.Abs(a - b) / 2;
            Assert.Equal(mean, stats[0], 1e-12);
            Assert.Equal(Math.Abs(a - b) / Math.Sqrt(2), stats[1], 1e-12);
            Assert.Equal(sem, stats[2], 1e-12);
            Assert.Equal(mean - (12.706204736174696 * sem), stats[3], 1e-12);
            Assert.Equal(mean + (12.706204736174696 * sem), stats[4], 1e-12);
        }
    }
}
