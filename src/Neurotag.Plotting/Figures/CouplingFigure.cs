using System.Globalization;
using Neurotag.Plotting.Data;
using ScottPlot;

namespace Neurotag.Plotting.Figures;

/// <summary>
/// Tag coupling matrix: the mean weight from each tag (row, presynaptic) to each tag (column, postsynaptic) at the
/// first and at the last sample, side by side on one colour scale, each cell labelled with its value. From the tag
/// blocks of weights.csv; without them, from tags.csv (strength on the diagonal, coupling off it).
/// </summary>
public static class CouplingFigure
{
    public const string Name = "coupling";
    private const int MaxTags = 12;
    private const int MaxMatrices = 4;

    /// <summary>One matrix: its title and the mean weight per (from, to) at the first and last sample.</summary>
    internal sealed record Matrix(string Title, string? Unit, IReadOnlyList<string> From, IReadOnlyList<string> To, double[,] First, double[,] Last, double FirstMs, double LastMs);

    /// <summary>The figure, or null when the run recorded no weights between tags.</summary>
    public static Figure? Build(RunContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var matrices = Matrices(context.Data).Take(MaxMatrices).ToList();
        if (matrices.Count == 0)
        {
            return null;
        }

        var notes = new List<string>(context.CommonNotes);
        const int Width = 1400, TitleHeight = 50;
        int rowHeight = 120 + (34 * Math.Max(2, matrices.Max(m => m.From.Count)));
        var figure = new Figure(Name, Width, (matrices.Count * rowHeight) + TitleHeight);
        figure.Notes.AddRange(notes);
        int y = 0;
        for (int k = 0; k < matrices.Count; k++)
        {
            var m = matrices[k];
            bool top = k == 0;
            int height = rowHeight + (top ? TitleHeight : 0);
            double low = Math.Min(Min(m.First), Min(m.Last)), high = Math.Max(Max(m.First), Max(m.Last));
            figure.Panels.Add((Panel(m, m.First, m.FirstMs, "first", low, high, top ? TitleHeight : 0), new PixelRect(0, Width / 2, y + height, y)));
            figure.Panels.Add((Panel(m, m.Last, m.LastMs, "last", low, high, top ? TitleHeight : 0), new PixelRect(Width / 2, Width, y + height, y)));
            if (top)
            {
                var first = figure.Panels[0].Plot;
                first.Title($"{context.Title}: mean weight between tags (rows: from, columns: to)" + (notes.Count > 0 ? "; " + string.Join("; ", notes) : "") + "\n" + first.Axes.Title.Label.Text);
            }

            y += height;
        }

        return figure;
    }

    /// <summary>The matrices the run's data gives, one per projection (weights.csv) or one from tags.csv.</summary>
    internal static IEnumerable<Matrix> Matrices(RunData data)
    {
        foreach (var byProjection in data.Weights.Where(w => w.From != "*" && w.To != "*").GroupBy(w => w.Projection))
        {
            var blocks = byProjection.ToList();
            var from = blocks.Select(b => b.From).Distinct(StringComparer.Ordinal).Take(MaxTags).ToList();
            var to = blocks.Select(b => b.To).Distinct(StringComparer.Ordinal).Take(MaxTags).ToList();
            double firstMs = blocks.Min(b => b.TimesMs[0]), lastMs = blocks.Max(b => b.TimesMs[^1]);
            var first = Fill(from.Count, to.Count);
            var last = Fill(from.Count, to.Count);
            foreach (var b in blocks.Where(b => from.Contains(b.From) && to.Contains(b.To)))
            {
                first[from.IndexOf(b.From), to.IndexOf(b.To)] = b.Mean[0];
                last[from.IndexOf(b.From), to.IndexOf(b.To)] = b.Mean[^1];
            }

            yield return new Matrix($"projection {byProjection.Key}", data.Manifest.WeightUnits.GetValueOrDefault(byProjection.Key), from, to, first, last, firstMs, lastMs);
        }

        if (data.Weights.Any(w => w.From != "*"))
        {
            yield break;
        }

        var pairs = data.Tags.Where(s => s.Key.Metric == "strength" || s.Key.Metric == "coupling").ToList();
        if (pairs.Count == 0)
        {
            yield break;
        }

        var names = pairs.SelectMany(s => s.Key.Other.Length > 0 ? [s.Key.Name, s.Key.Other] : new[] { s.Key.Name }).Distinct(StringComparer.Ordinal).Take(MaxTags).ToList();
        var firstTags = Fill(names.Count, names.Count);
        var lastTags = Fill(names.Count, names.Count);
        double t0 = pairs.Min(s => s.TimesMs[0]), t1 = pairs.Max(s => s.TimesMs[^1]);
        foreach (var s in pairs)
        {
            int i = names.IndexOf(s.Key.Name), j = names.IndexOf(s.Key.Other.Length > 0 ? s.Key.Other : s.Key.Name);
            if (i >= 0 && j >= 0)
            {
                firstTags[i, j] = s.Values[0];
                lastTags[i, j] = s.Values[^1];
            }
        }

        yield return new Matrix("tags.csv: strength (diagonal) and coupling", pairs[0].Unit, names, names, firstTags, lastTags, t0, t1);
    }

    private static Plot Panel(Matrix m, double[,] values, double timeMs, string which, double low, double high, int extraTop)
    {
        var plot = FigureStyle.NewPanel(right: 30, top: 40 + extraTop, bottom: 60);
        plot.Layout.Fixed(new PixelPadding(130, 30, 60, 40 + extraTop));
        var colormap = new ScottPlot.Colormaps.Viridis();
        int rows = m.From.Count, cols = m.To.Count;
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < cols; j++)
            {
                double v = values[i, j];
                double yTop = rows - i, yBottom = rows - i - 1;
                var cell = plot.Add.Rectangle(j, j + 1, yBottom, yTop);
                cell.LineWidth = 1;
                cell.LineColor = Colors.White;
                if (double.IsNaN(v))
                {
                    cell.FillColor = Colors.LightGray;
                    continue;
                }

                double fraction = high > low ? (v - low) / (high - low) : 0.5;
                cell.FillColor = colormap.GetColor(fraction);
                var text = plot.Add.Text(v.ToString("G3", CultureInfo.InvariantCulture), j + 0.5, yBottom + 0.5);
                text.LabelAlignment = Alignment.MiddleCenter;
                text.LabelFontName = FigureStyle.Font;
                text.LabelFontSize = 12;
                text.LabelFontColor = fraction > 0.6 ? Colors.Black : Colors.White;
            }
        }

        var xTicks = new ScottPlot.TickGenerators.NumericManual();
        for (int j = 0; j < cols; j++)
        {
            xTicks.AddMajor(j + 0.5, m.To[j]);
        }

        var yTicks = new ScottPlot.TickGenerators.NumericManual();
        for (int i = 0; i < rows; i++)
        {
            yTicks.AddMajor(rows - i - 0.5, m.From[i]);
        }

        plot.Axes.Bottom.TickGenerator = xTicks;
        plot.Axes.Left.TickGenerator = yTicks;
        plot.Axes.SetLimits(0, cols, 0, rows);
        plot.HideGrid();
        plot.XLabel("to (postsynaptic tag)");
        plot.YLabel("from (presynaptic tag)");
        string unit = string.IsNullOrEmpty(m.Unit) || m.Unit == "1" ? "" : $", {m.Unit}";
        plot.Axes.Title.Label.Text = string.Create(CultureInfo.InvariantCulture, $"{m.Title}: {which} sample, t = {PhaseTimeline.DurationText(timeMs)}{unit}");
        return plot;
    }

    private static double[,] Fill(int rows, int cols)
    {
        var a = new double[rows, cols];
        for (int i = 0; i < rows; i++)
        {
            for (int j = 0; j < cols; j++)
            {
                a[i, j] = double.NaN;
            }
        }

        return a;
    }

    private static double Min(double[,] a) => a.Cast<double>().Where(v => !double.IsNaN(v)).DefaultIfEmpty(0).Min();

    private static double Max(double[,] a) => a.Cast<double>().Where(v => !double.IsNaN(v)).DefaultIfEmpty(1).Max();
}
