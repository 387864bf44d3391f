using System.Globalization;
using Neurotag.Plotting.Data;
using ScottPlot;

namespace Neurotag.Plotting.Figures;

/// <summary>
/// Weight distribution over time (Song, Miller &amp; Abbott 2000, Fig. 1 style): per projection a heatmap with time on x,
/// weight on y and colour = log10(1 + synapses in the bin) from weight_hist.csv, one column per weight sample
/// (spanning the time since the previous sample; an offline sample fills its break), with the first and the last
/// histogram beside it.
/// </summary>
public static class WeightDistributionFigure
{
    public const string Name = "weights";
    private const int MaxColumns = 400;
    private const int MaxBins = 100;
    private const int MaxProjections = 4;

    /// <summary>The figure, or null when the run wrote no weight histograms.</summary>
    public static Figure? Build(RunContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var histograms = context.Data.Histograms.Take(MaxProjections).ToList();
        if (histograms.Count == 0)
        {
            return null;
        }

        var notes = new List<string>(context.CommonNotes);
        if (context.Data.Histograms.Count > MaxProjections)
        {
            notes.Add($"the first {MaxProjections} of {context.Data.Histograms.Count} projections drawn");
        }

        const int Width = 1400, RowHeight = 380, TitleHeight = 50, HeatWidth = 940, HistWidth = (Width - HeatWidth) / 2;
        var figure = new Figure(Name, Width, (histograms.Count * RowHeight) + TitleHeight);
        figure.Notes.AddRange(notes);
        var axis = context.Axis;
        int y = 0;
        for (int p = 0; p < histograms.Count; p++)
        {
            var h = histograms[p];
            bool top = p == 0;
            int height = RowHeight + (top ? TitleHeight : 0);
            string unit = context.Data.Manifest.WeightUnits.GetValueOrDefault(h.Projection) ?? "";
            string weightLabel = RunContext.WithUnit($"{h.Projection} weight", unit);

            var heat = FigureStyle.NewPanel(right: 110, top: top ? 30 + TitleHeight : 30, bottom: 50);
            var colormap = new ScottPlot.Colormaps.Viridis();
            bool log = UseLogScale(h.Counts);
            double max = 0;
            foreach (long c in h.Counts)
            {
                max = Math.Max(max, Shade(c, log));
            }

            // Cells are rectangles, not a Heatmap: the columns are as wide as the time since the previous sample,
            // which differs at phase ends and breaks, and ScottPlot draws no single-column heatmap.
            int binStep = Math.Max(1, (int)Math.Ceiling(h.Bins / (double)MaxBins));
            int step = Math.Max(1, (int)Math.Ceiling(h.TimesMs.Length / (double)MaxColumns));
            double range = Math.Max(max, 1e-9);
            double previousRight = 0;
            int previousInstance = -1;
            for (int s = 0; s < h.TimesMs.Length; s += step)
            {
                int instance = axis.Timeline.Find(h.TimesMs[s]);
                var segment = instance >= 0 ? axis.Segments[instance] : null;
                double right = instance >= 0 ? axis.ToDisplay(h.TimesMs[s], instance) : h.TimesMs[s] / 1000;
                double left = segment is { Phase.Offline: true } ? segment.Left
                    : instance != previousInstance && segment is not null ? Math.Max(segment.Left, previousRight) : previousRight;
                if (right - left <= 0)
                {
                    // The sample at t = 0, or a zero-length phase: a sliver so it still shows.
                    right = left + (axis.Width / 400);
                }

                for (int b = 0; b < h.Bins; b += binStep)
                {
                    long count = 0;
                    for (int k = b; k < Math.Min(h.Bins, b + binStep); k++)
                    {
                        count += h.Counts[s, k];
                    }

                    var cell = heat.Add.Rectangle(left, right, h.BinEdges[b], h.BinEdges[Math.Min(h.Bins, b + binStep)]);
                    cell.FillColor = colormap.GetColor(Shade(count, log) / range);
                    cell.LineWidth = 0;
                }

                previousRight = right;
                previousInstance = instance;
            }

            // An invisible 2 × 2 heatmap carries the colour scale for the colour bar.
            var scale = heat.Add.Heatmap(new double[,] { { 0, range }, { range, 0 } });
            scale.Colormap = colormap;
            scale.ManualRange = new ScottPlot.Range(0, range);
            scale.IsVisible = false;
            var bar = heat.Add.ColorBar(scale, Edge.Right);
            string scaleLabel = log ? "log10(1 + synapses)" : "synapses";
            bar.Label = binStep == 1 ? scaleLabel : $"{scaleLabel}, {binStep} bins merged";
            bar.LabelStyle.FontName = FigureStyle.Font;
            bar.LabelStyle.FontSize = 12;

            double span = h.BinEdges[^1] - h.BinEdges[0];
            double yHigh = h.BinEdges[^1] + (0.22 * span);
            PhaseBands.Draw(heat, axis, h.BinEdges[^1], yHigh, labels: true, HeatWidth - FigureStyle.LeftPadding - 110);
            PhaseBands.TimeTicks(heat, axis, showLabel: true);
            heat.Axes.SetLimits(0, Math.Max(axis.Width, 1e-9), h.BinEdges[0], yHigh);
            heat.YLabel(weightLabel);
            if (top)
            {
                heat.Title($"{context.Title}: weight distribution over time (weight_hist.csv)" + (notes.Count > 0 ? "\n" + string.Join("; ", notes) : ""));
            }

            figure.Panels.Add((heat, new PixelRect(0, HeatWidth, y + height, y)));
            figure.Panels.Add((Histogram(h, 0, "first", top ? TitleHeight : 0, PhaseAt(axis, h.TimesMs[0])), new PixelRect(HeatWidth, HeatWidth + HistWidth, y + height, y)));
            figure.Panels.Add((Histogram(h, h.TimesMs.Length - 1, "last", top ? TitleHeight : 0, PhaseAt(axis, h.TimesMs[^1])), new PixelRect(HeatWidth + HistWidth, Width, y + height, y)));
            y += height;
        }

        return figure;
    }

    /// <summary>
    /// Log colour when one bin dominates (all weights start equal: one bin holds every synapse and a linear scale shows
    /// nothing else); linear counts otherwise, which read more directly.
    /// </summary>
    internal static bool UseLogScale(long[,] counts)
    {
        long max = 0, sum = 0, nonzero = 0;
        foreach (long c in counts)
        {
            max = Math.Max(max, c);
            sum += c;
            nonzero += c > 0 ? 1 : 0;
        }

        return nonzero > 0 && max > 20.0 * sum / nonzero;
    }

    private static double Shade(long count, bool log) => log ? Math.Log10(1 + count) : count;

    private static string PhaseAt(ProtocolAxis axis, double timeMs)
    {
        int k = axis.Timeline.Find(timeMs);
        return k < 0 ? "" : axis.Timeline.Instances[k].Name;
    }

    private static Plot Histogram(WeightHistogramSeries h, int sample, string which, int extraTop, string phase)
    {
        var plot = FigureStyle.NewPanel(right: 14, top: 30 + extraTop, bottom: 50);
        plot.Layout.Fixed(new PixelPadding(56, 14, 50, 30 + extraTop));
        var bars = new List<Bar>();
        long max = 0;
        for (int b = 0; b < h.Bins; b++)
        {
            double lo = h.BinEdges[b], hi = h.BinEdges[b + 1];
            bars.Add(new Bar { Position = (lo + hi) / 2, Value = h.Counts[sample, b], Size = (hi - lo) * 0.95, FillColor = which == "first" ? Colors.Gray : FigureStyle.Excitatory, LineWidth = 0, Orientation = Orientation.Horizontal });
            max = Math.Max(max, h.Counts[sample, b]);
        }

        var barPlot = plot.Add.Bars(bars);
        barPlot.Horizontal = true;
        double span = h.BinEdges[^1] - h.BinEdges[0];
        plot.Axes.SetLimits(0, Math.Max(1, max) * 1.05, h.BinEdges[0], h.BinEdges[^1] + (0.22 * span));
        plot.XLabel("synapses");
        plot.Title($"{which} sample: {(phase.Length > 0 ? phase + ", " : "")}t = {PhaseTimeline.DurationText(h.TimesMs[sample])}", 12);
        return plot;
    }
}
