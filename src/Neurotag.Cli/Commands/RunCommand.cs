using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using Neurotag.Core.Recording;
using Neurotag.Core.Simulation;
using Neurotag.Core.Specs;
using Neurotag.Output;
using Neurotag.Scenarios;

namespace Neurotag.Cli.Commands;

/// <summary><c>run SCENARIO [--out DIR] [--seed N] [--force] [--quiet]</c>.</summary>
internal static class RunCommand
{
    public static Command Create(CliContext context)
    {
        var scenario = new Argument<string>("scenario") { Description = "The scenario file (YAML), e.g. scenarios/chronic-pain.yaml." };
        var outDir = new Option<string?>("--out", "-o") { Description = "Output folder for this run [default: runs/<scenario name>]." };
        var seed = new Option<ulong?>("--seed") { Description = "Master seed; replaces the scenario's 'seed:' [default: the scenario's, else 1]." };
        var force = new Option<bool>("--force") { Description = "Replace an output folder that already holds a run." };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress on stderr." };
        var command = new Command("run", "Run one scenario and write its CSV trajectories, summary and manifest to one folder.") { scenario, outDir, seed, force, quiet };
        command.SetAction(parse => Execute(
            context,
            parse.GetValue(scenario)!,
            parse.GetValue(outDir),
            parse.GetValue(seed),
            parse.GetValue(force),
            parse.GetValue(quiet)));
        return command;
    }

    internal static int Execute(CliContext context, string scenarioPath, string? outDir, ulong? seed, bool force, bool quiet)
    {
        var loaded = ScenarioInput.Load(context, scenarioPath, new ScenarioOptions(Seed: seed));
        if (loaded.Spec is not { } spec)
        {
            return ExitCodes.InvalidInput;
        }

        string output = outDir ?? Path.Combine("runs", spec.Name);
        RunFolder folder;
        try
        {
            folder = RunFolder.Prepare(output, force);
        }
        catch (OutputFolderException e)
        {
            context.Error.WriteLine($"{output}: {e.Message} (hint: {e.Hint})");
            return ExitCodes.InvalidInput;
        }

        using (folder)
        {
            var started = DateTime.UtcNow;
            var clock = Stopwatch.StartNew();
            RunResult result;
            try
            {
                var simulator = new Simulator(spec);
                using var sink = new CsvRunSink(folder.StagingPath, FilesFor(spec.Record));
                using var progress = ProgressDisplay.Create(context, quiet, spec.Name);
                result = simulator.Run(sink, progress, context.Cancellation);
            }
            catch (SimulationStoppedException e)
            {
                context.Error.WriteLine($"{scenarioPath}: run stopped: {e.Message}");
                context.Error.WriteLine("nothing was written; the output folder is unchanged");
                return ExitCodes.RunStopped;
            }
            catch (IOException e)
            {
                context.Error.WriteLine($"{output}: cannot write the run: {e.Message} (hint: check free disk space and permissions)");
                return ExitCodes.InvalidInput;
            }

            var manifest = new RunManifest
            {
                ToolVersion = ToolVersion(),
                ScenarioPath = scenarioPath,
                ScenarioSha256 = RunManifest.Sha256OfFile(scenarioPath),
                Seed = spec.Seed,
                DtMs = spec.Clock.DtMs,
                Steps = result.Steps,
                SimulatedSteps = result.SimulatedSteps,
                StartTimeMs = 0,
                EndTimeMs = result.EndTimeMs,
                WallTimeSeconds = Math.Round(clock.Elapsed.TotalSeconds, 3),
                ExitStatus = "ok",
                StartedUtc = started.ToString("O", CultureInfo.InvariantCulture),
            };
            RunManifest.Write(manifest, folder.StagingPath);
            try
            {
                folder.Commit();
            }
            catch (OutputFolderException e)
            {
                context.Error.WriteLine($"{output}: {e.Message} (hint: {e.Hint})");
                return ExitCodes.InvalidInput;
            }

            if (!quiet)
            {
                context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"done: {result.SimulatedSteps:N0} steps simulated, {result.EndTimeMs / 1000:0.###} s of model time, {clock.Elapsed.TotalSeconds:0.00} s wall"));
            }

            context.Out.WriteLine(folder.FinalPath);
            return ExitCodes.Ok;
        }
    }

    /// <summary>The files the record section asks for (summary.csv whenever a time series is recorded).</summary>
    internal static OutputFiles FilesFor(RecordSpec record)
    {
        var files = OutputFiles.None;
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

        return files;
    }

    internal static string ToolVersion() =>
        typeof(RunCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
}
