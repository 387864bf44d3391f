using System.Globalization;
using Neurotag.Plotting.Data;
using ScottPlot;

namespace Neurotag.Plotting.Figures;

/// <summary>
/// Sweep figures, one per swept parameter: a panel per summary metric with the metric against the parameter, the mean
/// over seeds ± sample sd as a line with error bars, every seed's value as a dot, and one line per level of the next
/// swept parameter (other parameters pooled). The metrics are the scenario's <c>expect:</c> subjects; without them,
/// every series of the last phase.
/// </summary>
public static class SweepFigure
{
    public const string Name = "sweep";
    internal const int MaxPanels = 24;

    /// <summary>The metrics drawn for <paramref name="sweep"/>.</summary>
    public static IReadOnlyList<SweepMetric> ChooseMetrics(SweepData sweep, ScenarioFacts? facts)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        var available = sweep.Metrics();
        if (facts is { Expectations.Count: > 0 })
        {
            var named = facts.Expectations
                .Select(e => new SweepMetric(e.Subject.Phase, e.Subject.Rep, new SeriesKey(e.Subject.Kind, e.Subject.Name, e.Subject.Metric, e.Subject.Other)))
                .Distinct()
                .Where(m => available.Any(a => a.Phase == m.Phase && a.Key == m.Key))
                .ToList();
            if (named.Count > 0)
            {
                return named;
            }
        }

        string? lastPhase = sweep.Rows.Count == 0 ? null : sweep.Rows[^1].Phase;
        return available.Where(m => m.Phase == lastPhase && m.Key.Kind is "tag" or "population").ToList();
    }

    /// <summary>One figure per swept parameter (none when the sweep has no parameter or no rows).</summary>
    public static IReadOnlyList<Figure> Build(SweepData sweep, ScenarioFacts? facts)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        var metrics = ChooseMetrics(sweep, facts);
        if (sweep.Paths.Count == 0 || metrics.Count == 0)
        {
            return [];
        }

        var notes = new List<string>();
        if (metrics.Count > MaxPanels)
        {
            notes.Add($"the first {MaxPanels} of {metrics.Count} metrics drawn");
        }

        var figures = new List<Figure>();
        for (int x = 0; x < sweep.Paths.Count; x++)
        {
            int? line = sweep.Paths.Count > 1 ? (x + 1) % sweep.Paths.Count : null;
            var xAxis = sweep.Axis(x);
            string name = sweep.Paths.Count == 1 ? Name : $"{Name}-{Sanitize(xAxis.ShortName)}-{x}";
            var shown = metrics.Take(MaxPanels).ToList();
            int columns = Math.Min(3, shown.Count), rows = (shown.Count + columns - 1) / columns;
            const int PanelWidth = 470, PanelHeight = 340, TitleHeight = 60;
            var figure = new Figure(name, columns * PanelWidth, (rows * PanelHeight) + TitleHeight);
            figure.Notes.AddRange(notes);
            string what = $"{Path.GetFileName(sweep.Directory)}: summary metrics against {xAxis.Path}; mean ± sd over seeds, dots = single seeds"
                + (line is { } l ? $"; one line per {sweep.Axis(l).ShortName}" : "");
            string pooled = string.Join(", ", Enumerable.Range(0, sweep.Paths.Count).Where(k => k != x && k != line).Select(k => sweep.Axis(k).ShortName));
            what += (pooled.Length > 0 ? $"; pooled over {pooled}" : "") + (notes.Count > 0 ? "; " + string.Join("; ", notes) : "");
            figure.Panels.Add((Header(Wrap(what, 150)), new PixelRect(0, figure.Width, TitleHeight, 0)));
            for (int k = 0; k < shown.Count; k++)
            {
                int r = k / columns, c = k % columns;
                var plot = Panel(sweep, shown[k], x, line, xAxis, 0);
                int y0 = (r * PanelHeight) + TitleHeight;
                figure.Panels.Add((plot, new PixelRect(c * PanelWidth, (c + 1) * PanelWidth, y0 + PanelHeight, y0)));
            }

            figures.Add(figure);
        }

        return figures;
    }

    private static Plot Panel(SweepData sweep, SweepMetric metric, int x, int? line, SweepAxis xAxis, int extraTop)
    {
        var plot = FigureStyle.NewPanel(right: 16, top: 36 + extraTop, bottom: 50);
        plot.Layout.Fixed(new PixelPadding(74, 16, 50, 36 + extraTop));
        var curves = sweep.Curves(metric, x, line);
        double spread = xAxis.Positions.Count > 1 ? (xAxis.Positions.Max() - xAxis.Positions.Min()) : 1;
        double low = double.PositiveInfinity, high = double.NegativeInfinity;
        for (int c = 0; c < curves.Count; c++)
        {
            var curve = curves[c];
            var color = FigureStyle.SeriesColor(c);
            double[] xs = curve.Points.Select(p => p.X).ToArray();
            double[] means = curve.Points.Select(p => p.Mean).ToArray();
            double[] sds = curve.Points.Select(p => p.StandardDeviation).ToArray();
            var mean = plot.Add.Scatter(xs, means, color);
            mean.LineWidth = 2;
            mean.MarkerSize = 7;
            mean.LegendText = curve.Label;
            var error = plot.Add.ErrorBar(xs, means, sds);
            error.Color = color;
            error.LineWidth = 1.5f;
            var seedX = curve.Points.SelectMany(p => p.Values.Select(_ => p.X)).ToArray();
            var seedY = curve.Points.SelectMany(p => p.Values).ToArray();
            var seeds = plot.Add.Markers(seedX, seedY, MarkerShape.OpenCircle, 5, color.WithAlpha(0.6));
            seeds.LegendText = "";
            foreach (var p in curve.Points)
            {
                low = Math.Min(low, Math.Min(p.Values.Min(), p.Mean - p.StandardDeviation));
                high = Math.Max(high, Math.Max(p.Values.Max(), p.Mean + p.StandardDeviation));
            }
        }

        if (!xAxis.Numeric)
        {
            var ticks = new ScottPlot.TickGenerators.NumericManual();
            for (int k = 0; k < xAxis.Levels.Count; k++)
            {
                ticks.AddMajor(xAxis.Positions[k], xAxis.Levels[k]);
            }

            plot.Axes.Bottom.TickGenerator = ticks;
        }

        if (!double.IsInfinity(low))
        {
            double span = high - low > 1e-12 ? high - low : Math.Abs(high) > 0 ? Math.Abs(high) * 0.1 : 1;
            plot.Axes.SetLimits(xAxis.Positions.Min() - (0.08 * spread), xAxis.Positions.Max() + (0.08 * spread), low - (0.08 * span), high + (0.08 * span));
        }

        plot.XLabel(xAxis.ShortName + (xAxis.Unit.Length > 0 ? $" ({xAxis.Unit})" : ""));
        string? unit = sweep.Rows.FirstOrDefault(r => r.Key == metric.Key)?.Unit;
        plot.YLabel(RunContext.WithUnit($"{metric.Key.Label} {metric.Key.Metric}", unit));
        plot.Title(metric.Label, 12);

        if (curves.Count > 1)
        {
            plot.ShowLegend(Alignment.UpperLeft);
        }

        return plot;
    }

    /// <summary>A panel that is only a title, across the figure.</summary>
    private static Plot Header(string text)
    {
        var plot = new Plot();
        plot.Font.Set(FigureStyle.Font);
        plot.HideAxesAndGrid();
        plot.Layout.Fixed(new PixelPadding(0, 0, 0, 0));
        var title = plot.Add.Text(text, 0.5, 0.5);
        title.LabelAlignment = Alignment.MiddleCenter;
        title.LabelFontSize = 13;
        title.LabelFontName = FigureStyle.Font;
        plot.Axes.SetLimits(0, 1, 0, 1);
        return plot;
    }

    private static string Sanitize(string text) => new(text.Select(ch => char.IsLetterOrDigit(ch) || ch is '-' or '_' ? ch : '_').ToArray());

    private static string Wrap(string text, int width)
    {
        var lines = new List<string>();
        var current = new System.Text.StringBuilder();
        foreach (string word in text.Split(' '))
        {
            if (current.Length + word.Length + 1 > width && current.Length > 0)
            {
                lines.Add(current.ToString());
                current.Clear();
            }

            current.Append(current.Length > 0 ? " " : "").Append(word);
        }

        lines.Add(current.ToString());
        return string.Join("\n", lines);
    }
}
