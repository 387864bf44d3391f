using System.CommandLine;
using System.Globalization;
using Neurotag.Core.Simulation;
using Neurotag.Output;
using Neurotag.Output.Sweeps;
using Neurotag.Scenarios;
using Neurotag.Scenarios.Sweeps;

namespace Neurotag.Cli.Commands;

/// <summary>
/// <c>sweep SCENARIO --out DIR [--jobs N] [--shard I/N] [--grid P=V1,V2]... [--set P=V]... [--seeds N] [--seed N] [--force]</c>:
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
        var jobs = new Option<int?>("--jobs", "-j") { Description = "Points run at once [default: the processor count]." };
        var shard = new Option<string?>("--shard") { Description = "Run only points with index ≡ I (mod N): 'I/N', or '/N' to take I from SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX. Shards do not merge: run 'merge' after." };
        var grid = new Option<string[]>("--grid") { Description = "Sweep a parameter: PATH=V1,V2,... (repeatable; adds an axis after the file's grid)." };
        var set = new Option<string[]>("--set") { Description = "Set a parameter for every point: PATH=VALUE (repeatable)." };
        var seeds = new Option<int?>("--seeds") { Description = "Replicates per point: seeds seed..seed+N-1 [default: the file's sweep.seeds, else 1]." };
        var seed = new Option<ulong?>("--seed") { Description = "First seed [default: the scenario's]." };
        var force = new Option<bool>("--force") { Description = "Rerun points that are already complete (default: resume, skipping them)." };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress on stderr." };
        var plot = new Option<bool>("--plot") { Description = "After the merge, draw the sweep figures into DIR/figures (PNG; see 'plot')." };
        var command = new Command("sweep", "Run a grid of parameters x seeds on all cores, resumable and shardable (Slurm arrays).") { scenario, outDir, jobs, shard, grid, set, seeds, seed, force, quiet, plot };
        command.SetAction(parse => Execute(
            context,
            parse.GetValue(scenario)!,
            parse.GetValue(outDir)!,
            new SweepArguments(parse.GetValue(jobs), parse.GetValue(shard), parse.GetValue(grid) ?? [], parse.GetValue(set) ?? [], parse.GetValue(seeds), parse.GetValue(seed), parse.GetValue(force), parse.GetValue(quiet)),
            parse.GetValue(plot)));
        return command;
    }

    internal sealed record SweepArguments(int? Jobs, string? Shard, string[] Grid, string[] Set, int? Seeds, ulong? Seed, bool Force, bool Quiet);

    internal static int Execute(CliContext context, string scenarioPath, string outDir, SweepArguments args, bool plot = false)
    {
        var errors = new List<Diagnostic>();
        if (args.Jobs is < 1)
        {
            errors.Add(new Diagnostic("--jobs", 1, 1, "", "expected at least 1 job", "for example --jobs 2"));
        }

        (int Index, int Count)? shard = args.Shard is null ? null : ParseShard(args.Shard, errors);
        var setup = SweepSetup.Prepare(scenarioPath, args.Set, args.Grid, args.Seeds, args.Seed, errors);
        if (setup is null || errors.Count > 0)
        {
            return ScenarioInput.Report(context, scenarioPath, errors);
        }

        var document = setup.Document;
        var sweep = setup.Sweep;
        var points = setup.Expand();
        var plan = setup.Plan(scenarioPath);
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
        var statuses = RunPoints(context, document, mine, outDir, args);
        if (statuses is null)
        {
            context.Error.WriteLine("interrupted: finished points are complete; rerun the same command to resume");
            return ExitCodes.Interrupted;
        }

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

    /// <summary>Runs the points in parallel; returns each point's status, or null when cancelled.</summary>
    private static string[]? RunPoints(CliContext context, ScenarioDocument document, List<SweepPoint> points, string outDir, SweepArguments args)
    {
        var statuses = new string[points.Count];
        int done = 0, failed = 0;
        using var progress = ProgressDisplay.Create(context, args.Quiet, "sweep", unit: "points");
        var options = new ParallelOptions { MaxDegreeOfParallelism = args.Jobs ?? Environment.ProcessorCount, CancellationToken = context.Cancellation };
        try
        {
            Parallel.For(0, points.Count, options, k =>
            {
                statuses[k] = RunPoint(document, points[k], Path.Combine(outDir, SweepPlanFile.PointsFolder, points[k].Folder), args.Force, context.Cancellation);
                int f = statuses[k] is RunExecutor.Ok or "skipped" ? Volatile.Read(ref failed) : Interlocked.Increment(ref failed);
                int d = Interlocked.Increment(ref done);
                progress.Report(new RunProgress(d, points.Count, f == 0 ? "no failure" : $"{f} failed", f));
            });
        }
        catch (OperationCanceledException)
        {
            return null;
        }

        return statuses;
    }

    private static string RunPoint(ScenarioDocument document, SweepPoint point, string folderPath, bool force, CancellationToken cancellation)
    {
        if (!force && RunManifest.TryRead(folderPath) is { ExitStatus: RunExecutor.Ok })
        {
            return "skipped";
        }

        var values = point.Swept.ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
        using var folder = RunFolder.Prepare(folderPath, force: true);
        var compiled = ScenarioLoader.Compile(document, point.Overrides, new ScenarioOptions(Seed: point.Seed));
        if (compiled.Spec is not { } spec)
        {
            RunExecutor.WriteManifestOnly(document, point.Seed, folder, RunExecutor.Invalid, string.Join("\n", compiled.Errors), values, 0);
            return RunExecutor.Invalid;
        }

        return RunExecutor.Execute(document, spec, folder, progress: null, values, cancellation).Status;
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
