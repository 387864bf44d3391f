using System.Globalization;
using System.Text.Json;

namespace Neurotag.Plotting.Data;

/// <summary>
/// Reads a run folder's manifest.json into what the figures need (seed, status, units, the scenario's path and
/// hash, overrides); keys are looked up by name, so manifests of earlier versions read too.
/// </summary>
public static class ManifestReader
{
    /// <summary>Reads manifest.json.</summary>
    /// <exception cref="PlotInputException">It is missing or not a manifest of this tool.</exception>
    public static RunManifestInfo Read(string directory)
    {
        string path = Path.Combine(directory, "manifest.json");
        if (!File.Exists(path))
        {
            throw new PlotInputException($"{directory}: not a run folder: it has no manifest.json", "pass the folder a 'run' wrote (it prints its path), or a sweep folder (with plan.json)");
        }

        try
        {
            using var stream = File.OpenRead(path);
            using var json = JsonDocument.Parse(stream);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("exit_status", out _))
            {
                throw new PlotInputException($"{path}: not a run manifest of neurotag-cli: no 'exit_status'", "pass the folder a 'run' wrote");
            }

            var units = new Dictionary<SeriesKey, string>();
            if (root.TryGetProperty("units", out var unitList) && unitList.ValueKind == JsonValueKind.Array)
            {
                foreach (var u in unitList.EnumerateArray())
                {
                    units.TryAdd(new SeriesKey(Str(u, "kind"), Str(u, "name"), Str(u, "metric"), Str(u, "other")), Str(u, "unit"));
                }
            }

            return new RunManifestInfo(
                Str(root, "exit_status"),
                Str(root, "message"),
                Str(root, "scenario_path"),
                Str(root, "scenario_sha256"),
                root.TryGetProperty("seed", out var seed) && seed.TryGetUInt64(out ulong s) ? s : 0,
                StringMap(root, "sweep_point"),
                Num(root, "dt_ms"),
                Num(root, "end_time_ms"),
                units,
                StringMap(root, "weight_units"));
        }
        catch (JsonException e)
        {
            throw new PlotInputException($"{path}:{e.LineNumber + 1}:{e.BytePositionInLine + 1}: not valid JSON: {e.Message}", "the manifest was edited or cut short; rerun the scenario", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PlotInputException($"{path}: cannot be read: {e.Message}", "check the file's permissions", e);
        }
    }

    private static string Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";

    private static double Num(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : 0;

    private static Dictionary<string, string> StringMap(JsonElement e, string name)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in v.EnumerateObject())
            {
                map[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText();
            }
        }

        return map;
    }
}
