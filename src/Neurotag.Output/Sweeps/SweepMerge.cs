using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace Neurotag.Output.Sweeps;

/// <summary>What <see cref="SweepMerge.Merge"/> found.</summary>
/// <param name="Plan">The plan the folders share.</param>
/// <param name="Ok">Points that ran to the end.</param>
/// <param name="Failed">Points recorded as failed (invalid value or stopped), with their message.</param>
/// <param name="Missing">Points with no complete run folder in any of the folders.</param>
/// <param name="Duplicated">Points with a complete run folder in more than one of the folders.</param>
public sealed record MergeReport(SweepPlanFile Plan, int Ok, IReadOnlyList<(PlannedPoint Point, string Status, string Message)> Failed, IReadOnlyList<PlannedPoint> Missing, IReadOnlyList<(PlannedPoint Point, IReadOnlyList<string> Folders)> Duplicated)
{
    /// <summary>Every point is present exactly once.</summary>
    public bool Complete => Missing.Count == 0 && Duplicated.Count == 0;
}

/// <summary>
/// Builds a sweep's <c>index.csv</c> (one row per point), <c>summary.csv</c> (every point's summary rows with the
/// swept values as extra columns, tidy for pandas or R) and <c>stats.csv</c> (those rows pooled over seeds) from the run folders of one or more sweep folders (shards).
/// Checks that every planned point is present exactly once with a complete manifest. Output files are written to
/// temp names and renamed, so a reader never sees half a file.
/// </summary>
public static class SweepMerge
{
    /// <summary>index.csv.</summary>
    public const string IndexFile = "index.csv";

    /// <summary>summary.csv.</summary>
    public const string SummaryFile = "summary.csv";

    /// <summary>stats.csv: each point's metrics pooled over its seeds (<see cref="SweepStats"/>).</summary>
    public const string StatsFile = SweepStats.FileName;

    /// <summary>The index.csv status of a point complete in more than one folder (it is neither missing nor merged).</summary>
    private const string Duplicated = "duplicated";

    private static readonly string[] IndexLeading = ["index", "id", "folder"];
    private static readonly string[] IndexTrailing = ["seed", "status", "wall_time_s", "message"];
    private static readonly string[] SummaryLeading = ["id"];
    /// <summary>The run summary.csv columns each merged row copies, by name (a column a run's file lacks is left empty).</summary>
    private static readonly string[] RunSummaryColumns = ["phase", "rep", "instance", "kind", "name", "metric", "other", "value", "unit"];
    private static readonly string[] SummaryTrailing = ["seed", .. RunSummaryColumns];

    /// <summary>Merges the sweep folders <paramref name="directories"/> into <paramref name="outDirectory"/>.</summary>
    /// <exception cref="OutputFolderException">
    /// A folder has no plan, the plans differ, the output folder holds something that is not a sweep, or it cannot be written.
    /// </exception>
    public static MergeReport Merge(IReadOnlyList<string> directories, string outDirectory)
    {
        ArgumentNullException.ThrowIfNull(directories);
        SweepPlanFile? plan = null;
        foreach (string dir in directories)
        {
            var p = SweepPlanFile.TryRead(dir) ?? throw new OutputFolderException($"{dir} holds no readable {SweepPlanFile.FileName}", "pass folders written by 'neurotag-cli sweep'");
            if (plan is not null && !p.SameSweepAs(plan))
            {
                throw new OutputFolderException($"{dir} belongs to a different sweep than {directories[0]}", "merge only the shards of one sweep");
            }

            plan ??= p;
        }

        if (plan is null)
        {
            throw new OutputFolderException("no sweep folder given", "name at least one folder");
        }

        var ok = new List<(PlannedPoint Point, string Folder, RunManifest Manifest)>();
        var failed = new List<(PlannedPoint, string, string)>();
        var missing = new List<PlannedPoint>();
        var duplicated = new List<(PlannedPoint, IReadOnlyList<string>)>();
        var statuses = new Dictionary<int, (string Status, double Wall, string Message)>();
        foreach (var point in plan.Points)
        {
            var found = directories
                .Select(d => Path.Combine(d, SweepPlanFile.PointsFolder, point.Folder))
                .Select(f => (Folder: f, Manifest: RunManifest.TryRead(f)))
                .Where(x => x.Manifest is not null)
                .ToList();
            if (found.Count == 0)
            {
                missing.Add(point);
                continue;
            }

            if (found.Count > 1)
            {
                duplicated.Add((point, found.Select(f => f.Folder).ToList()));
                statuses[point.Index] = (Duplicated, double.NaN, "complete in " + string.Join(" and ", found.Select(f => f.Folder)));
                continue;
            }

            var (folder, manifest) = found[0];
            statuses[point.Index] = (manifest!.ExitStatus, manifest.WallTimeSeconds, manifest.Message);
            if (manifest.ExitStatus == "ok")
            {
                ok.Add((point, folder, manifest));
            }
            else
            {
                failed.Add((point, manifest.ExitStatus, manifest.Message));
            }
        }

        // Never over a user's own index.csv: the output must be new, empty or a sweep folder, and it gets the plan
        // (which marks it as a sweep folder for the next merge).
        OutputFolderGuard.RequireSweepFolder(outDirectory);
        plan.WriteTo(outDirectory);
        WriteAtomically(Path.Combine(outDirectory, IndexFile), csv => WriteIndex(csv, plan, statuses));
        var stats = new SweepStats();
        WriteAtomically(Path.Combine(outDirectory, SummaryFile), csv => WriteSummary(csv, plan, ok, stats));
        WriteAtomically(Path.Combine(outDirectory, StatsFile), csv => stats.Write(csv, plan.Paths));
        return new MergeReport(plan, ok.Count, failed, missing, duplicated);
    }

    private static void WriteIndex(CsvWriter csv, SweepPlanFile plan, Dictionary<int, (string Status, double Wall, string Message)> statuses)
    {
        foreach (string h in IndexLeading.Concat(plan.Paths).Concat(IndexTrailing))
        {
            csv.WriteField(h);
        }

        csv.NextRecord();
        foreach (var point in plan.Points)
        {
            csv.WriteField(point.Index.ToString(CultureInfo.InvariantCulture));
            csv.WriteField(point.Id);
            csv.WriteField(point.Folder);
            foreach (var (_, value) in point.Values)
            {
                csv.WriteField(value);
            }

            csv.WriteField(point.Seed.ToString(CultureInfo.InvariantCulture));
            var hasStatus = statuses.TryGetValue(point.Index, out var s);
            csv.WriteField(hasStatus ? s.Status : "missing");
            csv.WriteField(hasStatus && !double.IsNaN(s.Wall) ? s.Wall.ToString("R", CultureInfo.InvariantCulture) : "");
            csv.WriteField(hasStatus ? s.Message : "");
            csv.NextRecord();
        }
    }

    private static void WriteSummary(CsvWriter csv, SweepPlanFile plan, List<(PlannedPoint Point, string Folder, RunManifest Manifest)> ok, SweepStats stats)
    {
        foreach (string h in SummaryLeading.Concat(plan.Paths).Concat(SummaryTrailing))
        {
            csv.WriteField(h);
        }

        csv.NextRecord();
        foreach (var (point, folder, _) in ok)
        {
            string file = Path.Combine(folder, SummaryFile);
            if (!File.Exists(file))
            {
                continue;
            }

            using var reader = new StreamReader(file);
            using var rows = new CsvReader(reader, CultureInfo.InvariantCulture);
            rows.Read();
            rows.ReadHeader();
            var header = rows.HeaderRecord ?? [];
            int[] columns = [.. RunSummaryColumns.Select(c => Array.IndexOf(header, c))];
            string[] pointValues = [.. point.Values.Select(v => v.Value)];
            while (rows.Read())
            {
                string Field(string name) => columns[Array.IndexOf(RunSummaryColumns, name)] is var k and >= 0 ? rows.GetField(k) ?? "" : "";
                stats.Add(pointValues, [Field("phase"), Field("rep"), Field("instance"), Field("kind"), Field("name"), Field("metric"), Field("other"), Field("unit")], Field("value"));
                csv.WriteField(point.Id);
                foreach (var (_, value) in point.Values)
                {
                    csv.WriteField(value);
                }

                csv.WriteField(point.Seed.ToString(CultureInfo.InvariantCulture));
                foreach (int column in columns)
                {
                    csv.WriteField(column < 0 ? "" : rows.GetField(column));
                }

                csv.NextRecord();
            }
        }
    }

    private static void WriteAtomically(string path, Action<CsvWriter> write)
    {
        string temp = path + ".tmp-" + Guid.NewGuid().ToString("N");
        try
        {
            using (var writer = new StreamWriter(temp, append: false, new System.Text.UTF8Encoding(false), 1 << 16))
            using (var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { NewLine = "\n" }))
            {
                write(csv);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch (Exception e) when (StorageFailure.IsStorageFailure(e)) // CsvHelper may wrap the IOException
        {
            File.Delete(temp);
            throw StorageFailure.IsDiskFull(e)
                ? StorageFailure.Describe(e, path, "the previous file, if any, is unchanged")
                : new OutputFolderException($"cannot write {path}: {e.Message.ReplaceLineEndings(" ")}", "check the folder's permissions and free space", e);
        }
    }
}
