using Neurotag.Plotting.Data;
using Neurotag.Plotting.Figures;

namespace Neurotag.Plotting;

/// <summary>What to draw and where.</summary>
/// <param name="OutDirectory">Folder for the figure files [default: DIR/figures].</param>
/// <param name="Format">PNG or SVG.</param>
/// <param name="Only">Figure names to draw; null or empty for all that the data allows.</param>
public sealed record PlotOptions(string? OutDirectory = null, FigureFormat Format = FigureFormat.Png, IReadOnlyCollection<string>? Only = null);

/// <summary>What <see cref="Plotter.Plot"/> did.</summary>
/// <param name="Written">The figure files written.</param>
/// <param name="Notes">Remarks for the user (thinning, a stopped run, a missing scenario file, no font).</param>
/// <param name="StoppedWithoutData">A checker stopped the run before it wrote any data: nothing could be drawn.</param>
public sealed record PlotResult(IReadOnlyList<string> Written, IReadOnlyList<string> Notes, bool StoppedWithoutData);

/// <summary>
/// The <c>plot</c> command's work: reads a run or sweep folder, builds the figures its data allows, and writes them.
/// </summary>
public static class Plotter
{
    /// <summary>Figures of a run folder, in the order they are drawn.</summary>
    public static readonly IReadOnlyList<string> RunFigures =
        [TrajectoryFigure.Name, PhaseSummaryFigure.Name, RasterFigure.Name, WeightDistributionFigure.Name, CouplingFigure.Name, StateFigure.Name];

    /// <summary>Figures of a sweep folder.</summary>
    public static readonly IReadOnlyList<string> SweepFigures = [SweepFigure.Name];

    /// <summary>Draws the figures of <paramref name="directory"/> (a run or a sweep folder).</summary>
    /// <exception cref="PlotInputException">The folder is not a run or sweep folder, a file in it is malformed, or <c>--only</c> names an unknown figure.</exception>
    /// <exception cref="IOException">A figure cannot be written.</exception>
    public static PlotResult Plot(string directory, PlotOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!Directory.Exists(directory))
        {
            throw NoSuchFolder(directory);
        }

        var unknown = (options.Only ?? []).Where(n => !RunFigures.Contains(n) && !SweepFigures.Contains(n)).ToList();
        if (unknown.Count > 0)
        {
            throw new PlotInputException(
                $"--only: unknown figure {string.Join(", ", unknown.Select(n => $"'{n}'"))}",
                $"choose from {string.Join(", ", RunFigures.Concat(SweepFigures))}");
        }

        string output = options.OutDirectory ?? Path.Combine(directory, "figures");
        var notes = new List<string>();
        if (FigureStyle.FontProblem is { } fontProblem)
        {
            notes.Add(fontProblem);
        }

        IReadOnlyList<Figure> figures;
        bool stoppedWithoutData = false;
        if (RunReader.IsRunFolder(directory))
        {
            var context = LoadRun(directory, notes) with { MaxRasterPoints = options.Format == FigureFormat.Svg ? 30_000 : 120_000 };
            stoppedWithoutData = context.Data.Manifest.Stopped && !context.Data.HasData;
            if (context.Data.Manifest.Stopped)
            {
                notes.Add($"the run was stopped by a checker ({context.Data.Manifest.Message.Trim()}): {(stoppedWithoutData ? "it wrote no data to plot" : "the figures show what it wrote before it stopped")}");
            }

            figures = BuildRunFigures(context, options.Only);
        }
        else if (SweepData.IsSweepFolder(directory))
        {
            var sweep = SweepData.Read(directory);
            var facts = ScenarioFacts.TryLoad(sweep.ScenarioPath, sweep.ScenarioSha256, 0, new Dictionary<string, string>(), directory, out string note);
            if (facts is null)
            {
                notes.Add($"{note}: panels show every metric of the last phase instead of the scenario's expect: entries");
            }

            figures = options.Only is { Count: > 0 } only && !only.Contains(SweepFigure.Name) ? [] : SweepFigure.Build(sweep, facts);
        }
        else
        {
            throw NotRunOrSweepFolder(directory);
        }

        var written = new List<string>();
        foreach (var figure in figures)
        {
            written.Add(FigureWriter.Write(figure, output, options.Format));
            notes.AddRange(figure.Notes.Where(n => !notes.Contains(n)).Select(n => $"{figure.Name}: {n}"));
        }

        return new PlotResult(written, notes, stoppedWithoutData);
    }

    /// <summary>The error for a folder that does not exist (shared with the report).</summary>
    internal static PlotInputException NoSuchFolder(string directory) =>
        new($"{directory}: no such folder", "pass a run folder (with manifest.json) or a sweep folder (with plan.json)");

    /// <summary>The error for a folder that is neither a run nor a sweep, naming what is missing (shared with the report).</summary>
    internal static PlotInputException NotRunOrSweepFolder(string directory) =>
        new(
            $"{directory}: neither a run folder nor a sweep folder: it has no manifest.json (what a run writes) and no plan.json (what a sweep writes)",
            "pass the folder that 'run' or 'sweep' printed");

    /// <summary>Reads a run folder and what the figures need besides it.</summary>
    public static RunContext LoadRun(string directory, List<string> notes)
    {
        ArgumentNullException.ThrowIfNull(notes);
        var manifest = ManifestReader.Read(directory);
        if (manifest.ExitStatus == "invalid")
        {
            throw new PlotInputException($"{directory}: this run never started: {manifest.Message.Trim()}", "fix the value the sweep point set and run it again");
        }

        var facts = ScenarioFacts.TryLoad(manifest.ScenarioPath, manifest.ScenarioSha256, manifest.Seed, manifest.SweepPoint, directory, out string note);
        if (facts is null)
        {
            notes.Add($"{note}: figures are drawn from the CSV files alone (no expectation marks, neurons grouped by population only)");
        }
        else if (note.Length > 0)
        {
            notes.Add(note);
        }

        var data = RunReader.Read(directory, facts?.Protocol);
        string title = facts?.Spec.Name ?? Path.GetFileName(Path.TrimEndingDirectorySeparator(data.Directory));
        return new RunContext(data, new ProtocolAxis(data.Timeline), facts, title);
    }

    /// <summary>Every figure the run's data allows (or those in <paramref name="only"/>).</summary>
    public static IReadOnlyList<Figure> BuildRunFigures(RunContext context, IReadOnlyCollection<string>? only = null)
    {
        bool Wanted(string name) => only is not { Count: > 0 } || only.Contains(name);
        var figures = new List<Figure?>();
        if (Wanted(TrajectoryFigure.Name))
        {
            figures.Add(TrajectoryFigure.Build(context));
        }

        if (Wanted(PhaseSummaryFigure.Name))
        {
            figures.Add(PhaseSummaryFigure.Build(context));
        }

        if (Wanted(RasterFigure.Name))
        {
            figures.Add(RasterFigure.Build(context));
        }

        if (Wanted(WeightDistributionFigure.Name))
        {
            figures.Add(WeightDistributionFigure.Build(context));
        }

        if (Wanted(CouplingFigure.Name))
        {
            figures.Add(CouplingFigure.Build(context));
        }

        if (Wanted(StateFigure.Name))
        {
            figures.Add(StateFigure.Build(context));
        }

        return figures.OfType<Figure>().ToList();
    }
}
