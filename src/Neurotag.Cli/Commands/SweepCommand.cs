using System.CommandLine;
using System.Globalization;
using Neurotag.Core.Protocol;
using Neurotag.Output;
using Neurotag.Output.Sweeps;
using Neurotag.Scenarios;
using Neurotag.Scenarios.Sweeps;

namespace Neurotag.Cli.Commands;

/// <summary>
/// <c>sweep SCENARIO --out DIR [--jobs N] [--shard I/N] [--grid P=V1,V2]... [--set P=V]... [--seeds N] [--seed N] [--force] [--allow-large]</c>:
/// every point of the scenario's <c>sweep:</c> (and the command line's grid) runs in-process, <c>--jobs</c> at a time,
/// into <c>DIR/points/FOLDER</c>; complete points are skipped on a rerun; unsharded sweeps then merge into
/// <c>DIR/index.csv</c> and <c>DIR/summary.csv</c>.
/// </summary>
internal static class SweepCommand
{
    public static Command Create(CliContext context)
    {
        var scenario = new Argument<string>("scenario") { Description = "The scenario file (YAML)." };
        var outDir = new Option<string>("--out", "-o") { Description = "The sweep folder (plan.json, points/, index.csv, summary.csv).", Required = true };
        var jobs = NumberOptions.Count("--jobs", "Points run at once [default: the processor count].", "2", "-j");
        var shard = new Option<string?>("--shard") { Description = "Run only points with index ≡ I (mod N): 'I/N', or '/N' to take I from SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX. Shards do not merge: run 'merge' after." };
        var grid = new Option<string[]>("--grid") { Description = "Sweep a parameter: PATH=V1,V2,... (repeatable; adds an axis after the file's grid)." };
        var set = new Option<string[]>("--set") { Description = "Set a parameter for every point: PATH=VALUE (repeatable)." };
        var seeds = NumberOptions.Count("--seeds", "Replicates per point: seeds seed..seed+N-1 [default: the file's sweep.seeds, else 1].", "10");
        var seed = NumberOptions.Seed("First seed [default: the scenario's].");
        var force = new Option<bool>("--force") { Description = "Rerun points that are already complete (default: resume, skipping them)." };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress on stderr." };
        var allowLarge = AllowLargeOption.Create();
        var plot = new Option<bool>("--plot") { Description = "After the merge, draw the sweep figures into DIR/figures (PNG; see 'plot')." };
        var command = new Command("sweep", "Run a grid of parameters x seeds on all cores, resumable and shardable (Slurm arrays).") { scenario, outDir, jobs, shard, grid, set, seeds, seed, force, quiet, allowLarge, plot };
        command.SetAction(parse => Execute(
            context,
            parse.GetValue(scenario)!,
            parse.GetValue(outDir)!,
            new SweepArguments(parse.GetValue(jobs), parse.GetValue(shard), parse.GetValue(grid) ?? [], parse.GetValue(set) ?? [], parse.GetValue(seeds), parse.GetValue(seed), parse.GetValue(force), parse.GetValue(quiet)) { AllowLarge = parse.GetValue(allowLarge) },
            parse.GetValue(plot)));
        return command;
    }

    internal sealed record SweepArguments(int? Jobs, string? Shard, string[] Grid, string[] Set, int? Seeds, ulong? Seed, bool Force, bool Quiet)
    {
        /// <summary>Lift the projected-output limit for every point (<c>--allow-large</c>).</summary>
        public bool AllowLarge { get; init; }
    }

    internal static int Execute(CliContext context, string scenarioPath, string outDir, SweepArguments args, bool plot = false)
    {
        var errors = new List<Diagnostic>();
        if (args.Jobs is < 1)
        {
            errors.Add(new Diagnostic("--jobs", 1, 1, "", "expected at least 1 job", "for example --jobs 2"));
        }

        (int Index, int Count)? shard = args.Shard is null ? null : ParseShard(args.Shard, errors);
        var setup = SweepSetup.Prepare(scenarioPath, args.Set, args.Grid, args.Seeds, args.Seed, errors, args.AllowLarge);
        if (setup is null || errors.Count > 0)
        {
            return ScenarioInput.Report(context, scenarioPath, errors);
        }

        var document = setup.Document;
        var points = setup.Expand();
        var plan = setup.Plan(scenarioPath, points);
        try
        {
            // Never into a user's own folder: a sweep writes plan.json, points/, index.csv and summary.csv.
            OutputFolderGuard.RequireSweepFolder(outDir);
            if (args.Force && File.Exists(Path.Combine(outDir, SweepPlanFile.FileName)) && SweepPlanFile.TryRead(outDir) is { } old && !old.SameSweepAs(plan))
            {
                File.Delete(Path.Combine(outDir, SweepPlanFile.FileName));
            }

            plan.WriteTo(outDir);
        }
        catch (OutputFolderException e)
        {
            context.Error.WriteLine($"{outDir}: {e.Message} (hint: {e.Hint})");
            return ExitCodes.InvalidInput;
        }

        var mine = shard is { } s ? points.Where(p => p.Index % s.Count == s.Index).ToList() : [.. points];

        // Leftovers of this sweep's killed earlier runs: staging folders of this shard's points only, never of points
        // another shard may be writing right now (and even those are protected by their lock files).
        var removed = StaleTemporaries.RemoveStaleRunFolders(Path.Combine(outDir, SweepPlanFile.PointsFolder), mine.Select(p => p.Folder).ToHashSet(StringComparer.Ordinal));
        if (!args.Quiet && removed.Count > 0)
        {
            context.Error.WriteLine($"{outDir}: removed {removed.Count} stale temporary folder(s) left by a killed earlier run");
        }

        var run = RunPoints(context, document, mine, outDir, args);
        int finished = run.Statuses.Count(x => x is not null);
        if (run.StorageFailure is { } storage)
        {
            // A full disk is the environment's fault, not the points': they keep no status, and a rerun resumes them.
            context.Error.WriteLine($"{outDir}: {storage.Message}; {finished} finished point(s) are complete (hint: {storage.Hint}, then rerun the same command to resume)");
            return ExitCodes.InvalidInput;
        }

        if (run.Stopped)
        {
            context.Error.WriteLine($"{context.StopDescription}: {finished} finished point(s) are complete, the others were stopped cleanly; rerun the same command to resume");
            return context.StopExitCode;
        }

        var statuses = run.Statuses;

        int failed = statuses.Count(x => x != RunExecutor.Ok && x != "skipped");
        int skipped = statuses.Count(x => x == "skipped");
        if (!args.Quiet)
        {
            context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{mine.Count} points{(shard is { } sh ? $" (shard {sh.Index}/{sh.Count} of {points.Count})" : "")}: {mine.Count - failed - skipped} ran, {skipped} already complete, {failed} failed"));
        }

        if (shard is null)
        {
            int merged = MergeCommand.MergeAndReport(context, [outDir], outDir, quiet: args.Quiet);
            if (plot && File.Exists(Path.Combine(outDir, "summary.csv")))
            {
                int drawn = PlotCommand.Execute(context, outDir, new Plotting.PlotOptions(), pathsToStdout: false);
                return merged != ExitCodes.Ok ? merged : drawn;
            }

            return merged;
        }

        return failed > 0 ? ExitCodes.RunStopped : ExitCodes.Ok;
    }

    /// <summary>How the points went: each point's status (null: not run), or why the sweep stopped early.</summary>
    /// <param name="Statuses">Per point: ok, invalid, stopped, skipped, or null when it did not finish.</param>
    /// <param name="Stopped">A stop (Ctrl-C, SIGTERM) left points unfinished.</param>
    /// <param name="StorageFailure">The output could not be written (disk full): the first such error.</param>
    private sealed record PointsOutcome(string?[] Statuses, bool Stopped, OutputFolderException? StorageFailure);

    /// <summary>
    /// Runs the points in parallel. The first point that cannot be written (disk full) stops the others, as every
    /// further point would fail the same way; finished points stay complete either way.
    /// </summary>
    private static PointsOutcome RunPoints(CliContext context, ScenarioDocument document, List<SweepPoint> points, string outDir, SweepArguments args)
    {
        var statuses = new string?[points.Count];
        int done = 0, failed = 0;
        OutputFolderException? storageFailure = null;
        using var abort = CancellationTokenSource.CreateLinkedTokenSource(context.Cancellation);
        using var progress = ProgressDisplay.Create(context, args.Quiet, "sweep", unit: "points");
        var options = new ParallelOptions { MaxDegreeOfParallelism = args.Jobs ?? Environment.ProcessorCount, CancellationToken = abort.Token };
        try
        {
            Parallel.For(0, points.Count, options, k =>
            {
                var provenance = new RunProvenance(context.Arguments, points[k].Overrides, points[k].Swept.ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal), context.OpenOutputFile);
                try
                {
                    statuses[k] = RunPoint(document, points[k], Path.Combine(outDir, SweepPlanFile.PointsFolder, points[k].Folder), args, provenance, abort.Token);
                }
                catch (OutputFolderException e)
                {
                    var reported = StorageFailure.IsStorageFailure(e.InnerException) ? StorageFailure.Describe(e.InnerException!, $"point {points[k].Folder}", "that point was not kept") : e;
                    Interlocked.CompareExchange(ref storageFailure, reported, null);
                    abort.Cancel();
                    return;
                }
                catch (OperationCanceledException) when (abort.IsCancellationRequested)
                {
                    return;
                }

                int f = statuses[k] is RunExecutor.Ok or "skipped" ? Volatile.Read(ref failed) : Interlocked.Increment(ref failed);
                int d = Interlocked.Increment(ref done);
                progress.Report(new RunProgress(d, points.Count, f == 0 ? "no failure" : $"{f} failed", f));
            });
        }
        catch (OperationCanceledException)
        {
            // Stopped: by a signal, or by the first storage failure.
        }

        // A stop that came after the last point finished stopped nothing: the sweep goes on to merge.
        var failure = Volatile.Read(ref storageFailure);
        return new PointsOutcome(statuses, failure is null && statuses.Any(x => x is null), failure);
    }

    /// <exception cref="OutputFolderException">The point's folder cannot be prepared or written (disk full, permissions).</exception>
    private static string RunPoint(ScenarioDocument document, SweepPoint point, string folderPath, SweepArguments args, RunProvenance provenance, CancellationToken cancellation)
    {
        if (!args.Force && RunManifest.TryRead(folderPath) is { ExitStatus: RunExecutor.Ok })
        {
            return "skipped";
        }

        // Stale leftovers in points/ were removed once for the whole sweep (listing points/ per point is quadratic).
        using var folder = RunFolder.Prepare(folderPath, force: true, removeStaleLeftovers: false);
        var compiled = ScenarioLoader.Compile(document, point.Overrides, new ScenarioOptions(Seed: point.Seed) { AllowLargeOutput = args.AllowLarge });
        if (compiled.Spec is not { } spec)
        {
            RunExecutor.WriteManifestOnly(document, point.Seed, folder, RunExecutor.Invalid, Diagnostic.Text(compiled.Errors), provenance, 0);
            return RunExecutor.Invalid;
        }

        return RunExecutor.Execute(document, spec, folder, progress: null, provenance, cancellation).Status;
    }

    private static (int, int)? ParseShard(string text, List<Diagnostic> errors)
    {
        string resolved = text;
        if (text.StartsWith('/'))
        {
            string? index = Environment.GetEnvironmentVariable("SLURM_ARRAY_TASK_ID") ?? Environment.GetEnvironmentVariable("JOB_COMPLETION_INDEX");
            if (index is null)
            {
                errors.Add(new Diagnostic("--shard", 1, 1, "", $"'--shard {text}' takes the shard index from SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX, and neither is set", "write the index explicitly: --shard 0" + text));
                return null;
            }

            resolved = index + text;
        }

        if (!SweepPlan.TryParseShard(resolved, out int i, out int n))
        {
            errors.Add(new Diagnostic("--shard", 1, 1, "", $"expected I/N with 0 ≤ I < N, found '{resolved}'", "for example --shard 0/4"));
            return null;
        }

        return (i, n);
    }
}
