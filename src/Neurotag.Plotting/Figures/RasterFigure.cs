using Neurotag.Plotting.Data;
using ScottPlot;

namespace Neurotag.Plotting.Figures;

/// <summary>
/// Spike raster with the population rate underneath (the brian2tools layout): neurons grouped by population and tag
/// (shared neurons between the tags that share them), coloured excitatory blue / inhibitory red, phase bands behind.
/// Above <see cref="RunContext.MaxRasterPoints"/> spikes only every k-th neuron of each group is drawn, and the
/// figure says so; the rate always counts every spike.
/// </summary>
public static class RasterFigure
{
    public const string Name = "raster";

    /// <summary>The figure, or null when the run recorded no spikes.</summary>
    public static Figure? Build(RunContext context) => Build(context, double.NegativeInfinity, double.PositiveInfinity);

    /// <summary>The figure for the spikes between <paramref name="fromMs"/> and <paramref name="toMs"/>.</summary>
    public static Figure? Build(RunContext context, double fromMs, double toMs)
    {
        ArgumentNullException.ThrowIfNull(context);
        var model = Model(context, fromMs, toMs);
        if (model is null)
        {
            return null;
        }

        var notes = new List<string>(context.CommonNotes);
        if (model.ThinningNote is { } thinning)
        {
            notes.Add(thinning);
        }

        var axis = context.Axis;
        const int Width = TimePanels.Width, RasterHeight = 520, RateHeight = 230;
        var figure = new Figure(Name, Width, RasterHeight + RateHeight);
        figure.Notes.AddRange(notes);
        double dataWidth = Width - FigureStyle.LeftPadding - FigureStyle.RightPadding;

        // Room on the left for the group labels (tag names); the rate panel keeps the same padding so x lines up.
        float left = Math.Max(FigureStyle.LeftPadding, 40 + (7 * model.Groups.Max(g => g.Group.Label.Length)));
        dataWidth = Width - left - FigureStyle.RightPadding;
        var raster = FigureStyle.NewPanel(top: 70, bottom: 14);
        raster.Layout.Fixed(new PixelPadding(left, FigureStyle.RightPadding, 14, 70));
        int rows = Math.Max(1, model.RowCount);
        float size = (float)Math.Clamp(360.0 / rows, 1.2, 4);
        var populations = model.Groups.Select(g => g.Group.Population).Distinct().ToList();
        for (int g = 0; g < model.Groups.Count; g++)
        {
            var (group, _, _) = model.Groups[g];
            var color = Colour(group.Polarity, populations.IndexOf(group.Population));
            double[] ys = model.Y[g].Select(r => rows - 1 - r).ToArray();
            var markers = raster.Add.Markers(model.X[g], ys, MarkerShape.FilledSquare, size, color);
            markers.LegendText = "";
        }

        foreach (var (group, first, count) in model.Groups.Skip(1))
        {
            var separator = raster.Add.HorizontalLine(rows - first - 0.5, 0.6f, Colors.Black.WithAlpha(0.3), LinePattern.Dotted);
            separator.LegendText = "";
            _ = group;
            _ = count;
        }

        var ticks = new ScottPlot.TickGenerators.NumericManual();
        foreach (var (group, first, count) in model.Groups)
        {
            ticks.AddMajor(rows - first - (count / 2.0), group.Label);
        }

        raster.Axes.Left.TickGenerator = ticks;
        double yHigh = rows * 1.22;
        PhaseBands.Draw(raster, axis, -0.5, yHigh, labels: true, dataWidth);
        PhaseBands.TimeTicks(raster, axis, showLabel: false);
        raster.Axes.Bottom.TickLabelStyle.IsVisible = false;
        raster.Axes.SetLimits(0, Math.Max(axis.Width, 1e-9), -0.5, yHigh);
        raster.YLabel(model.Stride == 1 ? "neuron (by population and tag)" : $"every {model.Stride}th neuron");
        raster.Title($"{context.Title}: spike raster and population rate" + (notes.Count > 0 ? "\n" + string.Join("; ", notes) : ""));
        foreach (var polarity in model.Groups.Select(g => g.Group.Polarity).Distinct())
        {
            raster.Legend.ManualItems.Add(new LegendItem { LabelText = PolarityName(polarity), MarkerShape = MarkerShape.FilledSquare, MarkerFillColor = Colour(polarity, 0), MarkerLineColor = Colour(polarity, 0), MarkerSize = 8 });
        }

        raster.ShowLegend(Edge.Right);
        figure.Panels.Add((raster, new PixelRect(0, Width, RasterHeight, 0)));

        var rate = FigureStyle.NewPanel(top: 8, bottom: 54);
        rate.Layout.Fixed(new PixelPadding(left, FigureStyle.RightPadding, 54, 8));
        double high = 0;
        foreach (var (label, polarity, segments) in model.Rates)
        {
            bool legend = true;
            foreach (var (x, r) in segments)
            {
                var line = rate.Add.ScatterLine(x, r, Colour(polarity, 0));
                line.LineWidth = 1.4f;
                if (legend)
                {
                    line.LegendText = $"{label} rate";
                    legend = false;
                }

                high = Math.Max(high, r.Length > 0 ? r.Max() : 0);
            }
        }

        high = high <= 0 ? 1 : high * 1.08;
        PhaseBands.Draw(rate, axis, 0, high, labels: false, dataWidth);
        PhaseBands.TimeTicks(rate, axis, showLabel: true);
        rate.Axes.SetLimits(0, Math.Max(axis.Width, 1e-9), 0, high);
        rate.YLabel($"rate (Hz), {model.BinMs:0.###} ms bins");
        rate.ShowLegend(Edge.Right);
        figure.Panels.Add((rate, new PixelRect(0, Width, RasterHeight + RateHeight, RasterHeight)));
        return figure;
    }

    /// <summary>What the raster shows, without drawing; null when the run recorded no spikes.</summary>
    public static RasterModel? Model(RunContext context, double fromMs, double toMs)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Data.Spikes is not { Count: > 0 } spikes)
        {
            return null;
        }

        var facts = context.Facts;
        var recorded = spikes.Populations.Select((p, k) =>
        {
            int max = 0;
            for (int i = 0; i < spikes.Count; i++)
            {
                if (spikes.PopulationIndex[i] == k)
                {
                    max = Math.Max(max, spikes.Neurons[i] + 1);
                }
            }

            int? declared = facts?.Spec.Record.Spikes is { } s && s.Population == p ? s.Neurons : null;
            return (p, Math.Max(declared ?? 0, max));
        }).ToList();
        var tags = new List<(string, string, int[], Polarity)>();
        if (facts is not null)
        {
            var members = facts.TagMembers();
            foreach (var (tag, population) in facts.Tags)
            {
                tags.Add((tag, population, members[tag], facts.PolarityOf(tag)));
            }
        }

        var groups = RasterModel.GroupNeurons(recorded, tags, p => facts?.PolarityOf(p) ?? Polarity.Unknown);
        return RasterModel.Build(spikes, groups, context.Axis, fromMs, toMs, context.MaxRasterPoints);
    }

    private static Color Colour(Polarity polarity, int population)
    {
        var basis = polarity switch
        {
            Polarity.Excitatory => FigureStyle.Excitatory,
            Polarity.Inhibitory => FigureStyle.Inhibitory,
            _ => FigureStyle.SeriesColor(population),
        };
        return population == 0 || polarity == Polarity.Unknown ? basis : basis.Lighten(0.25 * Math.Min(population, 3));
    }

    private static string PolarityName(Polarity polarity) => polarity switch
    {
        Polarity.Excitatory => "excitatory",
        Polarity.Inhibitory => "inhibitory",
        _ => "neurons",
    };
}
