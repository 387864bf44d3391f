using Neurotag.Plotting.Data;
using ScottPlot;

namespace Neurotag.Plotting.Figures;

/// <summary>One line of a time panel: model times and values, split at offline breaks when drawn.</summary>
internal sealed record TimeLine(string Label, double[] TimesMs, double[] Values, Color Color, float Width = 1.6f, LinePattern? Pattern = null);

/// <summary>One stacked time panel.</summary>
internal sealed record TimePanel(string YLabel, IReadOnlyList<TimeLine> Lines)
{
    /// <summary>Horizontal reference lines (e.g. a threshold) with their labels.</summary>
    public IReadOnlyList<TimeLine> References { get; init; } = [];
}

/// <summary>
/// Builds a figure of panels stacked over one protocol axis: phase bands in each, phase labels in the top one, time
/// ticks in the bottom one, one legend per panel outside the data on the right. Samples that fall in offline phases
/// are not drawn (the break is not to scale; the jump across it is the offline change), and lines never cross a break.
/// </summary>
internal static class TimePanels
{
    public const int Width = 1400;
    private const int PanelHeight = 230;
    private const int TopExtra = 40;
    private const int BottomExtra = 30;

    public static Figure Build(string name, string title, ProtocolAxis axis, IReadOnlyList<TimePanel> panels, IEnumerable<string> notes)
    {
        var figure = new Figure(name, Width, (panels.Count * PanelHeight) + TopExtra + BottomExtra);
        figure.Notes.AddRange(notes);
        double dataWidth = Width - FigureStyle.LeftPadding - FigureStyle.RightPadding;
        int y = 0;
        for (int k = 0; k < panels.Count; k++)
        {
            bool top = k == 0, bottom = k == panels.Count - 1;
            int height = PanelHeight + (top ? TopExtra : 0) + (bottom ? BottomExtra : 0);
            var plot = FigureStyle.NewPanel(top: top ? 30 + TopExtra : 12, bottom: bottom ? 44 + BottomExtra - 10 : 22);
            var (low, high) = DrawLines(plot, axis, panels[k]);
            double span = high - low;
            double yHigh = high + (top ? 0.3 * span : 0.05 * span);
            double yLow = low - (0.05 * span);
            PhaseBands.Draw(plot, axis, yLow, yHigh, labels: top, dataWidth);
            PhaseBands.TimeTicks(plot, axis, showLabel: bottom);
            if (!bottom)
            {
                plot.Axes.Bottom.TickLabelStyle.IsVisible = false;
            }

            plot.Axes.SetLimits(0, Math.Max(axis.Width, 1e-9), yLow, yHigh);
            plot.YLabel(panels[k].YLabel);
            if (top)
            {
                plot.Title(title + (figure.Notes.Count > 0 ? "\n" + string.Join("; ", figure.Notes) : ""));
            }

            if (panels[k].Lines.Count + panels[k].References.Count > 0)
            {
                plot.ShowLegend(Edge.Right);
            }

            figure.Panels.Add((plot, new PixelRect(0, Width, y + height, y)));
            y += height;
        }

        return figure;
    }

    /// <summary>Adds a panel's lines (split at breaks and gaps between instances); returns the y range of what was drawn.</summary>
    private static (double Low, double High) DrawLines(Plot plot, ProtocolAxis axis, TimePanel panel)
    {
        double low = double.PositiveInfinity, high = double.NegativeInfinity;
        foreach (var line in panel.Lines)
        {
            bool legend = true;
            foreach (var (xs, ys) in Segments(axis, line.TimesMs, line.Values))
            {
                var scatter = plot.Add.ScatterLine(xs, ys, line.Color);
                scatter.LineWidth = line.Width;
                if (line.Pattern is { } pattern)
                {
                    scatter.LinePattern = pattern;
                }

                if (xs.Length == 1)
                {
                    scatter.MarkerSize = 4;
                }

                if (legend)
                {
                    scatter.LegendText = line.Label;
                    legend = false;
                }

                foreach (double v in ys)
                {
                    low = Math.Min(low, v);
                    high = Math.Max(high, v);
                }
            }
        }

        foreach (var reference in panel.References)
        {
            bool legend = true;
            foreach (var (xs, ys) in Segments(axis, reference.TimesMs, reference.Values))
            {
                var scatter = plot.Add.ScatterLine(xs, ys, reference.Color);
                scatter.LineWidth = reference.Width;
                scatter.LinePattern = reference.Pattern ?? LinePattern.Dashed;
                if (legend)
                {
                    scatter.LegendText = reference.Label;
                    legend = false;
                }

                foreach (double v in ys)
                {
                    low = Math.Min(low, v);
                    high = Math.Max(high, v);
                }
            }
        }

        if (double.IsInfinity(low))
        {
            return (0, 1);
        }

        if (high - low < 1e-12)
        {
            double pad = Math.Abs(high) > 0 ? Math.Abs(high) * 0.1 : 0.5;
            return (low - pad, high + pad);
        }

        return (low, high);
    }

    /// <summary>
    /// The drawable runs of a series: consecutive samples in online instances, mapped to display x, cut where the
    /// series passes an offline phase. NaN values are left out.
    /// </summary>
    internal static IEnumerable<(double[] X, double[] Y)> Segments(ProtocolAxis axis, double[] times, double[] values)
    {
        var xs = new List<double>();
        var ys = new List<double>();
        int lastInstance = -1;
        for (int k = 0; k < times.Length; k++)
        {
            int instance = axis.Timeline.Find(times[k]);
            if (axis.IsOffline(instance) || double.IsNaN(values[k]))
            {
                if (xs.Count > 0)
                {
                    yield return ([.. xs], [.. ys]);
                    xs.Clear();
                    ys.Clear();
                }

                lastInstance = instance;
                continue;
            }

            if (xs.Count > 0 && instance != lastInstance && BreakBetween(axis, lastInstance, instance))
            {
                yield return ([.. xs], [.. ys]);
                xs.Clear();
                ys.Clear();
            }

            xs.Add(instance >= 0 ? axis.ToDisplay(times[k], instance) : times[k] / 1000);
            ys.Add(values[k]);
            lastInstance = instance;
        }

        if (xs.Count > 0)
        {
            yield return ([.. xs], [.. ys]);
        }
    }

    private static bool BreakBetween(ProtocolAxis axis, int from, int to)
    {
        for (int k = Math.Max(0, from + 1); k < to && k < axis.Segments.Count; k++)
        {
            if (axis.Segments[k].Phase.Offline)
            {
                return true;
            }
        }

        return false;
    }
}
