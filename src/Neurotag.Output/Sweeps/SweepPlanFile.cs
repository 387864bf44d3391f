using System.Text.Json;
using System.Text.Json.Serialization;

namespace Neurotag.Output.Sweeps;

/// <summary>One point of a sweep as written in plan.json.</summary>
/// <param name="Index">Expansion index.</param>
/// <param name="Id">Stable short id.</param>
/// <param name="Folder">Folder under <c>points/</c>.</param>
/// <param name="Seed">Seed of the replicate.</param>
/// <param name="Values">Swept path → value, in axis order.</param>
public sealed record PlannedPoint(int Index, string Id, string Folder, ulong Seed, IReadOnlyList<KeyValuePair<string, string>> Values);

/// <summary>
/// <c>plan.json</c>: every point a sweep expands to. Each shard writes the same plan into the sweep folder, and
/// <c>merge</c> checks the run folders against it, so completeness never depends on a scheduler's exit codes.
/// </summary>
/// <param name="ScenarioPath">The scenario as given.</param>
/// <param name="ScenarioSha256">Its SHA-256.</param>
/// <param name="Paths">The swept parameter paths, in axis order (the extra columns of index.csv and summary.csv).</param>
/// <param name="Points">Every point in expansion order.</param>
public sealed record SweepPlanFile(string ScenarioPath, string ScenarioSha256, IReadOnlyList<string> Paths, IReadOnlyList<PlannedPoint> Points)
{
    /// <summary>The file name.</summary>
    public const string FileName = "plan.json";

    /// <summary>The folder of point run folders inside a sweep folder.</summary>
    public const string PointsFolder = "points";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    /// <summary>The plan as JSON text (stable: same plan, same bytes).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Json).ReplaceLineEndings("\n") + "\n";

    /// <summary>
    /// Whether two plans describe the same sweep: the same scenario content and the same points. The scenario path
    /// is left out, so shards started from another directory, or on nodes that mount the storage elsewhere, agree.
    /// </summary>
    public bool SameSweepAs(SweepPlanFile other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return (this with { ScenarioPath = "" }).ToJson() == (other with { ScenarioPath = "" }).ToJson();
    }

    /// <summary>
    /// Writes the plan into <paramref name="directory"/> (creating it), atomically. If a plan is already there it must
    /// be the same sweep; otherwise an <see cref="OutputFolderException"/> explains the clash.
    /// </summary>
    public void WriteTo(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        string path = Path.Combine(directory, FileName);
        string json = ToJson();
        try
        {
            Directory.CreateDirectory(directory);

            // Every command that writes a sweep folder passes here first: temp files of a killed earlier process go.
            StaleTemporaries.RemoveStaleTempFiles(directory, [FileName, SweepMerge.IndexFile, SweepMerge.SummaryFile]);
            string temp = path + ".tmp-" + Guid.NewGuid().ToString("N");
            File.WriteAllText(temp, json);
            try
            {
                // No overwrite: when shards start together exactly one plan lands, and the others compare with it.
                File.Move(temp, path, overwrite: false);
                return;
            }
            catch (IOException) when (File.Exists(path))
            {
                File.Delete(temp);
            }

            if (TryRead(directory) is not { } existing || !SameSweepAs(existing))
            {
                throw new OutputFolderException($"{directory} already holds a different sweep (its plan.json has another scenario content or other points)", "use another --out, or --force to start this sweep afresh there");
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw StorageFailure.IsDiskFull(e)
                ? StorageFailure.Describe(e, path, "nothing was written")
                : new OutputFolderException($"cannot write {path}: {e.Message}", "check the folder's permissions and free space", e);
        }
    }

    /// <summary>Reads the plan of a sweep folder, or null if absent or unreadable.</summary>
    public static SweepPlanFile? TryRead(string directory)
    {
        try
        {
            return JsonSerializer.Deserialize<SweepPlanFile>(File.ReadAllText(Path.Combine(directory, FileName)), Json);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or NotSupportedException)
        {
            return null;
        }
    }
}
