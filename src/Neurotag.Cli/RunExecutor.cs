using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Neurotag.Core.Recording;
using Neurotag.Core.Simulation;
using Neurotag.Core.Specs;
using Neurotag.Output;
using Neurotag.Scenarios;

namespace Neurotag.Cli;

/// <summary>How one run ended.</summary>
/// <param name="Status"><c>ok</c>, <c>invalid</c> (a value failed validation) or <c>stopped</c> (a checker stopped it).</param>
/// <param name="Message">Why, when not ok.</param>
/// <param name="WallSeconds">Wall time of the run.</param>
/// <param name="Result">The simulator's report when ok.</param>
internal sealed record RunOutcome(string Status, string Message, double WallSeconds, RunResult? Result);

/// <summary>
/// Runs one compiled scenario into a prepared run folder: CSV sink in the staging folder, manifest last, then the
/// atomic rename. Shared by <c>run</c> and by every point of <c>sweep</c>.
/// </summary>
internal static class RunExecutor
{
    public const string Ok = "ok";
    public const string Invalid = "invalid";
    public const string Stopped = "stopped";

    /// <summary>Runs <paramref name="spec"/>; commits the folder whether the run was ok or stopped (a stopped run keeps only its manifest).</summary>
    /// <exception cref="OperationCanceledException">Cancelled: the folder is abandoned.</exception>
    public static RunOutcome Execute(ScenarioDocument document, SimulationSpec spec, RunFolder folder, IProgress<RunProgress>? progress, IReadOnlyDictionary<string, string>? sweepPoint, CancellationToken cancellation)
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
            using var sink = new CsvRunSink(folder.StagingPath, FilesFor(spec.Record));
            // Loop time apart from build and output, so benchmarks compare like with like (Brian2 reports its loop alone).
            long loopStart = Stopwatch.GetTimestamp();
            result = simulator.Run(sink, progress, cancellation);
            simulateSeconds = Stopwatch.GetElapsedTime(loopStart).TotalSeconds;
            units = sink.Units;
            weightUnits = sink.WeightUnits;
        }
        catch (SimulationStoppedException e)
        {
            foreach (string file in Directory.GetFiles(folder.StagingPath))
            {
                File.Delete(file); // partial CSVs must not look like results
            }

            WriteManifestOnly(document, spec.Seed, folder, Stopped, e.Message, sweepPoint, clock.Elapsed.TotalSeconds);
            return new RunOutcome(Stopped, e.Message, clock.Elapsed.TotalSeconds, null);
        }

        double wall = Math.Round(clock.Elapsed.TotalSeconds, 3);
        var pruning = spec.Projections.Where(p => p.Pruning is not null).Select(p => p.Name).ToList();
        RunManifest.Write(Manifest(document, spec.Seed, Ok, "", sweepPoint, wall) with
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

    /// <summary>Records a point that could not run (invalid value) or was stopped: a folder holding only its manifest.</summary>
    public static void WriteManifestOnly(ScenarioDocument document, ulong seed, RunFolder folder, string status, string message, IReadOnlyDictionary<string, string>? sweepPoint, double wallSeconds)
    {
        RunManifest.Write(Manifest(document, seed, status, message, sweepPoint, Math.Round(wallSeconds, 3)), folder.StagingPath);
        folder.Commit();
    }

    /// <summary>The files the record section asks for (summary.csv whenever a time series is recorded; phases.csv always).</summary>
    public static OutputFiles FilesFor(RecordSpec record)
    {
        var files = OutputFiles.Phases;
        if (record.TagMetrics.Count > 0)
        {
            files |= OutputFiles.Tags | OutputFiles.Summary;
        }

        if (record.PopulationRate)
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

    public static string ToolVersion() =>
        typeof(RunExecutor).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    private static RunManifest Manifest(ScenarioDocument document, ulong seed, string status, string message, IReadOnlyDictionary<string, string>? sweepPoint, double wall) => new()
    {
        ToolVersion = ToolVersion(),
        ScenarioPath = document.File,
        ScenarioSha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(document.Bytes)),
        Seed = seed,
        SweepPoint = sweepPoint,
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
}
