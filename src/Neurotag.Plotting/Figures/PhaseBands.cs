using Neurotag.Plotting.Data;
using ScottPlot;

namespace Neurotag.Plotting.Figures;

/// <summary>
/// Draws the protocol behind a time panel: each online phase a pale band (one colour per phase name), each offline
/// phase a grey hatched break labelled with its duration ("60 days offline"), and the x ticks in online seconds.
/// Labels go where they fit: level when the band is wide enough, else turned upright; of a run of same-named
/// narrow bands only the first is labelled, so every phase name appears at least once.
/// </summary>
internal static class PhaseBands
{
    private const float LabelSize = 11;

    /// <summary>The label of an offline break.</summary>
    public static string OfflineLabel(PhaseInstance phase) => $"{PhaseTimeline.DurationText(phase.DurationMs)} offline";

    /// <summary>The colour of a phase name's bands (stable: by order of first appearance).</summary>
    public static Color BandColor(ProtocolAxis axis, string name)
    {
        var names = axis.Segments.Where(s => !s.Phase.Offline).Select(s => s.Phase.Name).Distinct(StringComparer.Ordinal).ToList();
        return FigureStyle.Bands[Math.Max(0, names.IndexOf(name)) % FigureStyle.Bands.Length];
    }

    /// <summary>
    /// Adds the bands between <paramref name="yLow"/> and <paramref name="yHigh"/>, and their labels when
    /// <paramref name="labels"/>; <paramref name="dataWidthPixels"/> is the panel's data width, to decide what fits.
    /// </summary>
    public static void Draw(Plot plot, ProtocolAxis axis, double yLow, double yHigh, bool labels, double dataWidthPixels)
    {
        double pixelsPerUnit = axis.Width > 0 ? dataWidthPixels / axis.Width : 0;
        var labelled = new HashSet<string>(StringComparer.Ordinal);
        foreach (var segment in axis.Segments)
        {
            if (segment.Width <= 0)
            {
                continue;
            }

            var rect = plot.Add.Rectangle(segment.Left, segment.Right, yLow, yHigh);
            rect.LineWidth = 0;
            if (segment.Phase.Offline)
            {
                rect.FillColor = Colors.Gray.WithAlpha(0.22);
                rect.FillHatch = new ScottPlot.Hatches.Striped();
                rect.FillHatchColor = Colors.Gray.WithAlpha(0.35);
            }
            else
            {
                rect.FillColor = BandColor(axis, segment.Phase.Name).WithAlpha(segment.Phase.Instance % 2 == 0 ? 0.13 : 0.2);
            }

            plot.MoveToBack(rect);
            if (!labels)
            {
                continue;
            }

            string text = segment.Phase.Offline ? OfflineLabel(segment.Phase) : segment.Phase.Name;
            double bandPixels = segment.Width * pixelsPerUnit;
            double textPixels = text.Length * LabelSize * 0.62;
            bool level = bandPixels >= textPixels + 6;
            bool first = labelled.Add(text);
            if (!level && !first && bandPixels < 3 * LabelSize)
            {
                continue; // a run of narrow bands of the same name: the first one carries the label
            }

            var label = plot.Add.Text(text, (segment.Left + segment.Right) / 2, yHigh);
            label.LabelFontName = FigureStyle.Font;
            label.LabelFontSize = LabelSize;
            label.LabelFontColor = segment.Phase.Offline ? Colors.Black.WithAlpha(0.75) : BandColor(axis, segment.Phase.Name).Darken(0.45);
            label.LabelBackgroundColor = Colors.White.WithAlpha(0.6);
            label.OffsetY = 3;
            if (level)
            {
                label.LabelAlignment = Alignment.UpperCenter;
            }
            else
            {
                label.LabelRotation = -90;
                label.LabelAlignment = Alignment.MiddleRight;
            }
        }
    }

    /// <summary>Sets round online-second ticks on the x axis and the axis label.</summary>
    public static void TimeTicks(Plot plot, ProtocolAxis axis, bool showLabel)
    {
        var manual = new ScottPlot.TickGenerators.NumericManual();
        foreach (var (position, label) in axis.Ticks())
        {
            manual.AddMajor(position, label);
        }

        plot.Axes.Bottom.TickGenerator = manual;
        if (showLabel)
        {
            plot.XLabel(axis.BreakWidth > 0 ? "online time (s) · offline phases drawn as breaks, not to scale" : "time (s)");
        }
    }
}
