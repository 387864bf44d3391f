using System.CommandLine;
using Neurotag.Plotting.Data;
using Neurotag.Plotting.Report;

namespace Neurotag.Cli.Commands;

/// <summary>
/// <c>report DIR [--out FILE]</c>: writes one self-contained HTML page for a run or sweep folder (figures inline,
/// scenario, timeline, summary, expectations with PASS/FAIL, provenance; no external request), prints its path on
/// stdout and every note on stderr. Exit 2 when DIR is not a run or sweep folder (naming what is missing).
/// </summary>
internal static class ReportCommand
{
    public static Command Create(CliContext context)
    {
        var folder = new Argument<string>("dir") { Description = "A run folder (with manifest.json) or a sweep folder (with plan.json)." };
        var outFile = new Option<string?>("--out", "-o") { Description = $"The HTML file to write [default: DIR/{ReportWriter.DefaultFileName}]." };
        var command = new Command("report", "Write one self-contained HTML page of a run or sweep folder: figures, scenario, timeline, summary, expectations (PASS/FAIL), provenance; works offline.")
        {
            folder, outFile,
        };
        command.SetAction(parse => Execute(context, parse.GetValue(folder)!, parse.GetValue(outFile)));
        return command;
    }

    private static int Execute(CliContext context, string directory, string? outFile)
    {
        if (!PlotCommand.TryDraw(context, () => ReportWriter.Write(directory, outFile), "the report", "check that --out names a file in a folder you may write to and that the disk has space", out var result))
        {
            return ExitCodes.InvalidInput;
        }

        foreach (string note in result.Notes)
        {
            context.Error.WriteLine($"note: {note}");
        }

        context.Out.WriteLine(result.Path);
        return ExitCodes.Ok;
    }
}
