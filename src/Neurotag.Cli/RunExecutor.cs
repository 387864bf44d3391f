using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text;
using Neurotag.Core;
using Neurotag.Core.Protocol;
using Neurotag.Core.Specs;
using Neurotag.Output;
using Neurotag.Scenarios;
using Neurotag.Scenarios.Sweeps;
using Neurotag.Scenarios.Yaml;

namespace Neurotag.Cli;

/// <summary>How one run ended.</summary>
/// <param name="Status"><c>ok</c>, <c>invalid</c> (a value failed validation) or <c>stopped</c> (a checker stopped it).</param>
/// <param name="Message">Why, when not ok.</param>
/// <param name="WallSeconds">Wall time of the run.</param>
/// <param name="Result">The simulator's report when ok.</param>
internal sealed record RunOutcome(string Status, string Message, double WallSeconds, RunResult? Result);

/// <summary>Where a run comes from: recorded in its manifest, and applied to its <c>scenario.yaml</c> copy.</summary>
/// <param name="CommandLine">The command's arguments as given (without the program name).</param>
/// <param name="Overrides">Every parameter set on top of the file: <c>--set</c> values, then a sweep point's swept values.</param>
/// <param name="SweepPoint">A sweep point's swept values (path → value), or null outside a sweep.</param>
/// <param name="OpenOutputFile">Opens each CSV file (a test seam); null: a plain file.</param>
internal sealed record RunProvenance(IReadOnlyList<string> CommandLine, IReadOnlyList<ParameterOverride> Overrides, IReadOnlyDictionary<string, string>? SweepPoint, Func<string, Stream>? OpenOutputFile = null);

/// <summary>
/// Runs one compiled scenario into a prepared run folder: CSV sink in the staging folder, the scenario copy, manifest
/// last, then the atomic rename. Shared by <c>run</c> and by every point of <c>sweep</c>.
/// </summary>
internal static class RunExecutor
{
    public const string Ok = "ok";
    public const string Invalid = "invalid";
    public const string Stopped = "stopped";

    /// <summary>The copy of the scenario as run, in every run folder.</summary>
    public const string ScenarioCopyFile = "scenario.yaml";

    /// <summary>Runs <paramref name="spec"/>; commits the folder whether the run was ok or stopped (a stopped run keeps only its manifest and scenario copy).</summary>
    /// <exception cref="OperationCanceledException">Cancelled: the folder is abandoned.</exception>
    /// <exception cref="OutputFolderException">The folder cannot be written (disk full, permissions): it is abandoned.</exception>
    public static RunOutcome Execute(ScenarioDocument document, SimulationSpec spec, RunFolder folder, IProgress<RunProgress>? progress, RunProvenance provenance, CancellationToken cancellation)
    {
        try
        {
            return ExecuteUnguarded(document, spec, folder, progress, provenance, cancellation);
        }
        catch (Exception e) when (StorageFailure.IsStorageFailure(e))
        {
            throw StorageFailure.Describe(e, "the run", "nothing was kept");
        }
    }

    /// <summary>Commits a run that could not run (invalid value: the folder holds only its manifest and scenario copy) or was stopped (plus what it recorded until then).</summary>
    /// <exception cref="OutputFolderException">The folder cannot be written (disk full, permissions).</exception>
    public static void WriteManifestOnly(ScenarioDocument document, ulong seed, RunFolder folder, string status, string message, RunProvenance provenance, double wallSeconds)
    {
        try
        {
            WriteScenarioCopy(document, provenance.Overrides, seed, folder.StagingPath);
            RunManifest.Write(Manifest(document, seed, status, message, provenance, Math.Round(wallSeconds, 3)), folder.StagingPath);
            folder.Commit();
        }
        catch (Exception e) when (StorageFailure.IsStorageFailure(e))
        {
            throw StorageFailure.Describe(e, "the run", "nothing was kept");
        }
    }

    private static RunOutcome ExecuteUnguarded(ScenarioDocument document, SimulationSpec spec, RunFolder folder, IProgress<RunProgress>? progress, RunProvenance provenance, CancellationToken cancellation)
    {
        var started = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        RunResult result;
        double simulateSeconds;
        IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> units;
        IReadOnlyDictionary<string, string> weightUnits;
        try
        {
            var simulator = Simulations.Create(spec);
            using var sink = new CsvRunSink(folder.StagingPath, FilesFor(spec.Record), provenance.OpenOutputFile);
            // Loop time apart from build and output, so benchmarks compare like with like (Brian2 reports its loop alone).
            long loopStart = Stopwatch.GetTimestamp();
            result = simulator.Run(sink, progress, cancellation);
            simulateSeconds = Stopwatch.GetElapsedTime(loopStart).TotalSeconds;
            units = sink.Units;
            weightUnits = sink.WeightUnits;
        }
        catch (Core.Spiking.SynapseAddressException e)
        {
            // A named synapse that the seed's connectivity did not draw: bad input found only by building the
            // network. The message starts with file:line:col; the folder keeps the manifest (exit_status "invalid").
            WriteManifestOnly(document, spec.Seed, folder, Invalid, e.Message, provenance, clock.Elapsed.TotalSeconds);
            return new RunOutcome(Invalid, e.Message, clock.Elapsed.TotalSeconds, null);
        }
        catch (SimulationStoppedException e)
        {
            // What was recorded up to the stop is kept (the sink was flushed and closed on the way out), as NEST and
            // Brian2 keep their recordings: it shows how the run ran away, and `plot` draws it. manifest.json's
            // exit_status "stopped" tells any reader that these are not complete results; merge and check skip them.
            WriteManifestOnly(document, spec.Seed, folder, Stopped, e.Message, provenance, clock.Elapsed.TotalSeconds);
            return new RunOutcome(Stopped, e.Message, clock.Elapsed.TotalSeconds, null);
        }

        WriteScenarioCopy(document, provenance.Overrides, spec.Seed, folder.StagingPath);
        double wall = Math.Round(clock.Elapsed.TotalSeconds, 3);
        var pruning = spec.Projections.Where(p => p.Pruning is not null).Select(p => p.Name).ToList();
        RunManifest.Write(Manifest(document, spec.Seed, Ok, "", provenance, wall) with
        {
            PrunedSynapses = pruning.Count == 0 ? null : pruning.ToDictionary(n => n, n => result.PrunedSynapses[n], StringComparer.Ordinal),
            RegrownSynapses = pruning.Count == 0 ? null : pruning.ToDictionary(n => n, n => result.RegrownSynapses[n], StringComparer.Ordinal),
            Units = units.Count == 0 ? null : units,
            WeightUnits = weightUnits.Count == 0 ? null : weightUnits,
            DtMs = spec.Clock.DtMs,
            SimulateSeconds = Math.Round(simulateSeconds, 4),
            Steps = result.Steps,
            SimulatedSteps = result.SimulatedSteps,
            EndTimeMs = result.EndTimeMs,
            StartedUtc = started.ToString("O", CultureInfo.InvariantCulture),
        }, folder.StagingPath);
        folder.Commit();
        return new RunOutcome(Ok, "", wall, result);
    }

    /// <summary>The files the record section asks for (summary.csv whenever a time series is recorded; phases.csv always).</summary>
    public static OutputFiles FilesFor(RecordSpec record)
    {
        var files = OutputFiles.Phases;
        if (record.TagMetrics.Count > 0)
        {
            files |= OutputFiles.Tags | OutputFiles.Summary;
        }

        // Modulator and synapse traces are rows of populations.csv (with phase means in summary.csv).
        if (record.PopulationRate || record.Modulators.Count > 0 || record.Synapses.Count > 0)
        {
            files |= OutputFiles.Populations | OutputFiles.Summary;
        }

        if (record.Weights is { } weights)
        {
            files |= OutputFiles.Weights;
            if (weights.HistogramBins > 0)
            {
                files |= OutputFiles.WeightHistogram;
            }
        }

        if (record.Spikes is not null)
        {
            files |= OutputFiles.Spikes;
        }

        if (record.State is not null)
        {
            files |= OutputFiles.State;
        }

        return files;
    }

    public static string ToolVersion() => InformationalVersion().Split('+')[0];

    /// <summary>
    /// The git commit the tool was built from: the SDK appends it to the informational version (<c>0.1.0+SHA</c>) from
    /// the checkout's .git; the build says <c>unknown</c> outside a checkout (Neurotag.Cli.csproj), and so does this.
    /// </summary>
    public static string ToolCommit()
    {
        string version = InformationalVersion();
        int plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 || plus == version.Length - 1 ? "unknown" : version[(plus + 1)..];
    }

    /// <summary>
    /// Writes the scenario as run: the file's YAML tree with <paramref name="overrides"/> and the run's seed grafted in,
    /// and without its <c>sweep:</c> section, so <c>neurotag-cli run scenario.yaml</c> repeats this very run.
    /// </summary>
    public static void WriteScenarioCopy(ScenarioDocument document, IReadOnlyList<ParameterOverride> overrides, ulong seed, string directory)
    {
        var seedValue = new YamlScalarNode(default, seed.ToString(CultureInfo.InvariantCulture), plain: true);
        var errors = new List<Diagnostic>();
        var root = YamlTreeEditor.Apply(document.Root, [.. overrides, new ParameterOverride("seed", seedValue)], document.File, errors);
        if (errors.Count > 0 || root is not YamlMappingNode mapping)
        {
            return; // the run compiled with these overrides, so this does not happen; a missing copy is no reason to fail it
        }

        var withoutSweep = new YamlMappingNode(mapping.Start, [.. mapping.Entries.Where(e => e.Key.Value != "sweep")]);
        string header = $"# The scenario as run by neurotag-cli {ToolVersion()} ({ToolCommit()}): {OneLine(document.File)}\n"
            + "# with this run's overrides and seed applied (manifest.json lists them) and without its sweep: section.\n"
            + "# Repeat the run: neurotag-cli run scenario.yaml --out DIR\n";
        File.WriteAllText(Path.Combine(directory, ScenarioCopyFile), header + YamlTreeWriter.Write(withoutSweep), new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
    }

    private static string InformationalVersion() =>
        typeof(RunExecutor).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    /// <summary>A path as a comment-safe single line.</summary>
    private static string OneLine(string text) => new([.. text.Select(c => char.IsControl(c) ? '?' : c)]);

    private static RunManifest Manifest(ScenarioDocument document, ulong seed, string status, string message, RunProvenance provenance, double wall) => new()
    {
        ToolVersion = ToolVersion(),
        ToolCommit = ToolCommit(),
        CommandLine = ["neurotag-cli", .. provenance.CommandLine],
        WorkingDirectory = Environment.CurrentDirectory,
        Os = $"{RuntimeInformation.OSDescription} ({RuntimeInformation.OSArchitecture})",
        DotnetVersion = RuntimeInformation.FrameworkDescription,
        Overrides = OverrideValues(provenance.Overrides),
        ScenarioCopy = ScenarioCopyFile,
        ScenarioPath = document.File,
        ScenarioSha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(document.Bytes)),
        Seed = seed,
        SweepPoint = provenance.SweepPoint,
        DtMs = 0,
        Steps = 0,
        SimulatedSteps = 0,
        StartTimeMs = 0,
        EndTimeMs = 0,
        WallTimeSeconds = wall,
        ExitStatus = status,
        StartedUtc = DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture),
        Message = message,
    };

    /// <summary>Path → value, the last value of a path repeated on the command line winning (as it does when applied).</summary>
    private static Dictionary<string, string>? OverrideValues(IReadOnlyList<ParameterOverride> overrides)
    {
        if (overrides.Count == 0)
        {
            return null;
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var o in overrides)
        {
            values[o.Path] = o.ValueText;
        }

        return values;
    }
}
