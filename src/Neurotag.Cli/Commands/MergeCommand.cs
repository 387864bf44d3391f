using System.CommandLine;
using Neurotag.Output;
using Neurotag.Output.Sweeps;

namespace Neurotag.Cli.Commands;

/// <summary>
/// <c>merge DIR... [--out DIR]</c>: builds index.csv and summary.csv from sweep folders (shards) and verifies every
/// planned point is there exactly once with a complete manifest. It never trusts a scheduler's exit codes.
/// Exit 0 when every point ran ok, 3 when all are present but some failed, 2 when points are missing or duplicated.
/// </summary>
internal static class MergeCommand
{
    public static Command Create(CliContext context)
    {
        var dirs = new Argument<string[]>("folder") { Description = "Sweep folders (one shared folder, or one per shard).", Arity = ArgumentArity.OneOrMore };
        var outDir = new Option<string?>("--out", "-o") { Description = "Where index.csv and summary.csv go [default: the first folder]." };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print only problems." };
        var command = new Command("merge", "Merge sweep shards into index.csv and summary.csv, checking every point is present exactly once.") { dirs, outDir, quiet };
        command.SetAction(parse =>
        {
            var folders = parse.GetValue(dirs)!;
            return MergeAndReport(context, folders, parse.GetValue(outDir) ?? folders[0], parse.GetValue(quiet));
        });
        return command;
    }

    internal static int MergeAndReport(CliContext context, IReadOnlyList<string> folders, string outDir, bool quiet)
    {
        MergeReport report;
        try
        {
            report = SweepMerge.Merge(folders, outDir);
        }
        catch (OutputFolderException e)
        {
            context.Error.WriteLine($"merge: {e.Message} (hint: {e.Hint})");
            return ExitCodes.InvalidInput;
        }

        foreach (var point in report.Missing)
        {
            context.Error.WriteLine($"missing: point {point.Index} ({point.Folder}) has no complete run folder");
        }

        foreach (var (point, where) in report.Duplicated)
        {
            context.Error.WriteLine($"duplicated: point {point.Index} ({point.Folder}) is complete in {string.Join(" and ", where)}");
        }

        foreach (var (point, status, message) in report.Failed)
        {
            context.Error.WriteLine($"failed: point {point.Index} ({point.Folder}): {status}: {message.ReplaceLineEndings(" | ")}");
        }

        int total = report.Plan.Points.Count;
        if (!quiet || !report.Complete)
        {
            context.Error.WriteLine($"merged {report.Ok} of {total} points ok, {report.Failed.Count} failed, {report.Missing.Count} missing, {report.Duplicated.Count} duplicated");
        }

        if (report.Complete)
        {
            context.Out.WriteLine(Path.GetFullPath(Path.Combine(outDir, SweepMerge.IndexFile)));
        }

        return !report.Complete ? ExitCodes.InvalidInput : report.Failed.Count > 0 ? ExitCodes.RunStopped : ExitCodes.Ok;
    }
}
