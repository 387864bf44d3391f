using System.CommandLine;
using Neurotag.Plotting;
using Neurotag.Plotting.Data;
using Neurotag.Plotting.Figures;

namespace Neurotag.Cli.Commands;

/// <summary>
/// <c>plot DIR [--out DIR] [--format png|svg] [--only NAME...]</c>: draws the figures of a run folder or a sweep folder
/// (Neurotag.Plotting), prints each file written on stdout and every note on stderr. Exit 2 when DIR is not a run or
/// sweep folder (naming what is missing), 3 when a checker stopped the run before it wrote anything to draw.
/// </summary>
internal static class PlotCommand
{
    public static Command Create(CliContext context)
    {
        var folder = new Argument<string>("dir") { Description = "A run folder (with manifest.json) or a sweep folder (with plan.json)." };
        var outDir = new Option<string?>("--out", "-o") { Description = "Folder for the figures [default: DIR/figures]." };
        var format = new Option<string>("--format") { Description = "png or svg [default: png].", DefaultValueFactory = _ => "png" };
        format.AcceptOnlyFromAmong("png", "svg");
        var only = new Option<string[]>("--only")
        {
            Description = "Draw only these figures: " + string.Join(", ", Plotter.RunFigures.Concat(Plotter.SweepFigures)) + " (space or comma separated).",
            AllowMultipleArgumentsPerToken = true,
        };
        var command = new Command("plot", "Draw the figures of a run or sweep folder as PNG or SVG files: trajectories, phase summary with expectations, raster, weights, coupling, state, sweep.")
        {
            folder, outDir, format, only,
        };
        command.SetAction(parse =>
        {
            var names = (parse.GetValue(only) ?? []).SelectMany(n => n.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
            var options = new PlotOptions(parse.GetValue(outDir), parse.GetValue(format) == "svg" ? FigureFormat.Svg : FigureFormat.Png, names);
            return Execute(context, parse.GetValue(folder)!, options, pathsToStdout: true);
        });
        return command;
    }

    /// <summary>
    /// Draws the figures of <paramref name="directory"/>; shared by <c>plot</c> and by <c>run --plot</c> /
    /// <c>sweep --plot</c>, which keep stdout for the run folder and so list the figures on stderr.
    /// </summary>
    internal static int Execute(CliContext context, string directory, PlotOptions options, bool pathsToStdout)
    {
        if (!TryDraw(context, () => Plotter.Plot(directory, options), "the figures", "check that --out is a folder you may write to and that the disk has space", out var result))
        {
            return ExitCodes.InvalidInput;
        }

        foreach (string note in result.Notes)
        {
            context.Error.WriteLine($"note: {note}");
        }

        foreach (string path in result.Written)
        {
            (pathsToStdout ? context.Out : context.Error).WriteLine(pathsToStdout ? path : $"figure: {path}");
        }

        if (result.StoppedWithoutData)
        {
            return ExitCodes.RunStopped;
        }

        if (result.Written.Count == 0)
        {
            context.Error.WriteLine($"{directory}: nothing to draw: the folder holds no data for the figures asked for");
        }

        return ExitCodes.Ok;
    }

    /// <summary>
    /// Runs a figure-making step of <c>plot</c> or <c>report</c>: a folder that is not a run or sweep, or a malformed
    /// file in it, and a figure or page that cannot be written are invalid input (exit 2) with a hint, never a crash.
    /// </summary>
    internal static bool TryDraw<T>(CliContext context, Func<T> draw, string what, string writeHint, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out T? result)
        where T : class
    {
        try
        {
            result = draw();
            return true;
        }
        catch (PlotInputException e)
        {
            context.Error.WriteLine($"error: {e.Message}" + (e.Hint.Length > 0 ? $" (hint: {e.Hint})" : ""));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            context.Error.WriteLine($"error: cannot write {what}: {e.Message} (hint: {writeHint})");
        }

        result = null;
        return false;
    }
}
