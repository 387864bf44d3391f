using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Neurotag.Output;

/// <summary>
/// What a run folder's <c>manifest.json</c> records about the run: which tool and scenario
/// produced it, with which seed and sweep point, how far it got, and how it ended.
/// Written last, so its presence marks a completed run. Keys are snake_case
/// (<c>tool_version</c>, <c>scenario_sha256</c>, <c>dt_ms</c>, ...).
/// </summary>
public sealed record RunManifest
{
    /// <summary>The manifest's file name inside a run folder.</summary>
    public const string FileName = "manifest.json";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        NewLine = "\n",
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Version of neurotag-cli that made the run.</summary>
    public required string ToolVersion { get; init; }

    /// <summary>Path of the scenario file as given on the command line.</summary>
    public required string ScenarioPath { get; init; }

    /// <summary>SHA-256 of the scenario file's bytes, lowercase hex (see <see cref="Sha256OfFile"/>).</summary>
    public required string ScenarioSha256 { get; init; }

    /// <summary>Master seed of the run.</summary>
    public required ulong Seed { get; init; }

    /// <summary>Parameter path → value of this run's sweep point; null outside a sweep. Keys are written as given.</summary>
    public IReadOnlyDictionary<string, string>? SweepPoint { get; init; }

    /// <summary>Integration time step, in ms.</summary>
    public required double DtMs { get; init; }

    /// <summary>Total number of steps of the protocol.</summary>
    public required long Steps { get; init; }

    /// <summary>Number of steps actually simulated (fewer than <see cref="Steps"/> when a check stopped the run).</summary>
    public required long SimulatedSteps { get; init; }

    /// <summary>Simulated time at the start of the run, in ms.</summary>
    public required double StartTimeMs { get; init; }

    /// <summary>Simulated time at the end of the run, in ms.</summary>
    public required double EndTimeMs { get; init; }

    /// <summary>Wall-clock duration of the run, in seconds.</summary>
    public required double WallTimeSeconds { get; init; }

    /// <summary>
    /// Seconds spent in the simulation loop alone (stepping, checkers and handing samples to the sink), without
    /// parsing, network construction or flushing the CSV files: the figure to compare with another simulator's loop
    /// time (Brian2's <c>last_run_info.txt</c>). 0 when the run did not start.
    /// </summary>
    public double SimulateSeconds { get; init; }

    /// <summary>How the run ended, e.g. <c>ok</c>.</summary>
    public required string ExitStatus { get; init; }

    /// <summary>Wall-clock start of the run, ISO-8601 UTC (e.g. <c>2025-01-31T12:00:00.0000000Z</c>).</summary>
    public required string StartedUtc { get; init; }

    /// <summary>Why a run did not end <c>ok</c> (the validation errors or the checker's message); empty otherwise.</summary>
    public string Message { get; init; } = "";

    // Provenance: enough to tell which build ran what, where, and to rerun it. Optional (absent from manifests of
    // earlier versions, which must still read: a sweep resumes over them).

    /// <summary>The git commit neurotag-cli was built from; <c>unknown</c> when built outside a git checkout.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ToolCommit { get; init; }

    /// <summary>The exact command line, one element per argument, starting with <c>neurotag-cli</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? CommandLine { get; init; }

    /// <summary>The working directory the command ran in (relative paths in <see cref="CommandLine"/> start there).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? WorkingDirectory { get; init; }

    /// <summary>The operating system, e.g. <c>Linux 6.1.0-18-amd64 #1 SMP Debian … (X64)</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Os { get; init; }

    /// <summary>The .NET runtime, e.g. <c>.NET 10.0.0</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? DotnetVersion { get; init; }

    /// <summary>
    /// Every parameter set on top of the scenario file, path → value as written: <c>--set</c> values, and for a sweep
    /// point its swept values too (which <see cref="SweepPoint"/> lists alone). Null when none.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string>? Overrides { get; init; }

    /// <summary>The file in the run folder holding the scenario as run (overrides and seed applied): <c>scenario.yaml</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ScenarioCopy { get; init; }

    /// <summary>Synapses pruned, per projection with pruning (absent from the file when no projection prunes).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, long>? PrunedSynapses { get; init; }

    /// <summary>Synapses regrown, per projection with pruning (absent from the file when no projection prunes).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, long>? RegrownSynapses { get; init; }

    /// <summary>
    /// The unit of every metric the CSV files hold, kind → metric → symbol (<c>Hz</c>, <c>mV</c>, <c>nS</c>,
    /// <c>mV/ms</c>, <c>1</c> for dimensionless): kinds <c>tag</c>, <c>population</c>, <c>weights</c>,
    /// <c>projection</c> as in summary.csv and <c>state</c> (metric = variable) for state.csv. Several units of one
    /// metric are joined by <c>|</c>; the files' <c>unit</c> column gives each row's. Absent when nothing was recorded.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>? Units { get; init; }

    /// <summary>Weight unit of each projection in weights.csv and weight_hist.csv (absent when weights are not recorded).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, string>? WeightUnits { get; init; }

    /// <summary>Writes <paramref name="manifest"/> as indented UTF-8 JSON (no BOM, <c>\n</c> line ends) to <c>manifest.json</c> in <paramref name="directory"/>.</summary>
    /// <param name="manifest">The manifest.</param>
    /// <param name="directory">An existing directory, normally <see cref="RunFolder.StagingPath"/>.</param>
    /// <exception cref="IOException">The file cannot be written.</exception>
    public static void Write(RunManifest manifest, string directory)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var json = JsonSerializer.Serialize(manifest, JsonOptions);
        File.WriteAllText(Path.Combine(directory, FileName), json + "\n", Utf8NoBom);
    }

    /// <summary>Reads <c>manifest.json</c> from <paramref name="directory"/>.</summary>
    /// <param name="directory">A run folder.</param>
    /// <returns>The manifest, or null when the file is absent, unreadable, not valid JSON, or lacks a required key.</returns>
    public static RunManifest? TryRead(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var path = Path.Combine(directory, FileName);
        try
        {
            if (!File.Exists(path))
            {
                return null;
            }

            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize<RunManifest>(stream, JsonOptions);
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            return null;
        }
    }

    /// <summary>SHA-256 of a file's bytes as lowercase hex (64 characters).</summary>
    /// <param name="path">The file.</param>
    /// <returns>The digest, lowercase hex.</returns>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static string Sha256OfFile(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
