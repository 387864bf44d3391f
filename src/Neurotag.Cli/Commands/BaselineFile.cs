using System.Text.Json;
using System.Text.Json.Serialization;
using Neurotag.Scenarios.Expectations;

namespace Neurotag.Cli.Commands;

/// <summary>
/// A baseline for <c>check --baseline</c> (written by <c>check --save-baseline</c>): per scenario (by name, with the
/// SHA-256 of the file's bytes) the seeds it ran and, per metric and phase its expectations name, the per-seed
/// values and their summary; the tool's version and commit. JSON, so a reviewer can read the diff.
/// </summary>
internal sealed class BaselineFile
{
    /// <summary>The format tag; a file without it is not a baseline.</summary>
    public const string CurrentFormat = "neurotag-baseline/1";

    private static readonly JsonSerializerOptions Options = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        RespectRequiredConstructorParameters = true,
        RespectNullableAnnotations = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public required string Format { get; init; }

    public required string ToolVersion { get; init; }

    public required string ToolCommit { get; init; }

    public required IReadOnlyList<BaselineScenario> Scenarios { get; init; }

    /// <summary>Writes to a temp name and renames, so a reader never sees half a file.</summary>
    public void Write(string path)
    {
        string full = Path.GetFullPath(path);
        string temp = full + ".tmp-" + Guid.NewGuid().ToString("N");
        File.WriteAllText(temp, JsonSerializer.Serialize(this, Options) + "\n");
        File.Move(temp, full, overwrite: true);
    }

    /// <summary>Reads <paramref name="path"/>; throws <see cref="InvalidDataException"/> saying what is wrong with it.</summary>
    public static BaselineFile Read(string path)
    {
        BaselineFile? file;
        try
        {
            file = JsonSerializer.Deserialize<BaselineFile>(File.ReadAllText(path), Options);
        }
        catch (JsonException e)
        {
            string where = e.LineNumber is { } line ? $":{line + 1}:{(e.BytePositionInLine ?? 0) + 1}" : "";
            throw new InvalidDataException($"{path}{where}: not a readable baseline: {e.Message.Split(" Path:")[0]}", e);
        }

        if (file is null || file.Format != CurrentFormat)
        {
            throw new InvalidDataException($"{path}: not a baseline of this tool (expected \"format\": \"{CurrentFormat}\")");
        }

        foreach (var s in file.Scenarios)
        {
            if (s.Seeds.Count < 2 || s.Metrics.Any(m => m.Values.Count != s.Seeds.Count || m.Values.Any(v => !double.IsFinite(v))))
            {
                throw new InvalidDataException($"{path}: scenario '{s.Name}': a baseline needs at least 2 seeds and one finite value per seed for every metric");
            }
        }

        return file;
    }
}

/// <summary>One scenario of a baseline.</summary>
internal sealed record BaselineScenario(string Name, string File, string ContentSha256, IReadOnlyList<ulong> Seeds, IReadOnlyList<BaselineMetric> Metrics);

/// <summary>One metric in one phase instance: where it is measured, the per-seed values and their summary.</summary>
internal sealed record BaselineMetric(string Phase, int? Rep, string? After, string Kind, string Name, string Metric, string Other, IReadOnlyList<double> Values, int N, double Mean, double Sd, double CiLow, double CiHigh)
{
    /// <summary>The reference that measures it.</summary>
    public MetricRef ToRef() => new(Phase, Rep, After, Kind, Name, Metric, Other);
}
