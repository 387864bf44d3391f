using System.Globalization;
using Neurotag.Plotting.Data;
using Neurotag.Scenarios.Expectations;
using ScottPlot;

namespace Neurotag.Plotting.Figures;

/// <summary>
/// Phase summary: the per-phase means of summary.csv as bars, one group per probe phase, one bar per series; each
/// <c>expect:</c> bound drawn as a mark on the bar it constrains, green where the expectation passed, red where it
/// failed. One panel per metric (activation, coupling, …), since their scales differ.
/// </summary>
public static class PhaseSummaryFigure
{
    public const string Name = "phase-summary";
    private const int MaxSeries = 8;
    private const int MaxGroups = 16;

    /// <summary>A bound mark: where it goes and whether its expectation passed.</summary>
    internal sealed record Mark(int Group, int Bar, double Value, bool Passed, bool Lower, string Label);

    /// <summary>The figure, or null when summary.csv is absent or holds no probe phase.</summary>
    public static Figure? Build(RunContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var data = context.Data;
        if (data.Summary.Count == 0)
        {
            return null;
        }

        var facts = context.Facts;
        var results = facts?.Evaluate(data.Summary) ?? [];
        var instances = ChooseInstances(context, results);
        var series = ChooseSeries(data, results);
        if (instances.Count == 0 || series.Count == 0)
        {
            return null;
        }

        var notes = new List<string>(context.CommonNotes);
        var panelsByMetric = series.GroupBy(s => s.Metric).ToList();
        const int PanelHeight = 330, Width = 1400;
        var figure = new Figure(Name, Width, (panelsByMetric.Count * PanelHeight) + 50);
        figure.Notes.AddRange(notes);
        int y = 0;
        int passed = results.Count(r => r.Passed);
        for (int p = 0; p < panelsByMetric.Count; p++)
        {
            var panelSeries = panelsByMetric[p].ToList();
            int height = PanelHeight + (p == 0 ? 50 : 0);
            var plot = FigureStyle.NewPanel(right: 230, top: p == 0 ? 62 : 16, bottom: 56);
            double barWidth = 0.8 / panelSeries.Count;
            double low = 0, high = 0;
            for (int s = 0; s < panelSeries.Count; s++)
            {
                var bars = new List<Bar>();
                for (int g = 0; g < instances.Count; g++)
                {
                    var row = data.Summary.FirstOrDefault(r => r.Instance == instances[g].Index && r.Key == panelSeries[s]);
                    if (row is null)
                    {
                        continue;
                    }

                    bars.Add(new Bar { Position = BarX(g, s, panelSeries.Count), Value = row.Value, Size = barWidth * 0.92, FillColor = FigureStyle.SeriesColor(s), LineWidth = 0 });
                    low = Math.Min(low, row.Value);
                    high = Math.Max(high, row.Value);
                }

                var barPlot = plot.Add.Bars(bars);
                barPlot.LegendText = panelSeries[s].Label;
            }

            foreach (var mark in Marks(context, results, instances, panelSeries))
            {
                double x = BarX(mark.Group, mark.Bar, panelSeries.Count);
                var line = plot.Add.Line(x - (barWidth * 0.6), mark.Value, x + (barWidth * 0.6), mark.Value);
                line.LineWidth = 4;
                line.LineColor = mark.Passed ? FigureStyle.Pass : FigureStyle.Fail;
                var tip = plot.Add.Marker(x, mark.Value, mark.Lower ? MarkerShape.FilledTriangleUp : MarkerShape.FilledTriangleDown, 9, line.LineColor);
                tip.LegendText = "";
                low = Math.Min(low, mark.Value);
                high = Math.Max(high, mark.Value);
            }

            var manual = new ScottPlot.TickGenerators.NumericManual();
            for (int g = 0; g < instances.Count; g++)
            {
                manual.AddMajor(g, instances[g].Label);
            }

            plot.Axes.Bottom.TickGenerator = manual;
            double span = Math.Max(high - low, 1e-12);
            plot.Axes.SetLimits(-0.6, instances.Count - 0.4, Math.Min(0, low - (0.05 * span)), high + (0.12 * span));
            string? unit = data.Summary.FirstOrDefault(r => r.Key == panelSeries[0])?.Unit
                ?? data.Tags.Concat(data.Populations).FirstOrDefault(t => t.Key == panelSeries[0])?.Unit;
            plot.YLabel(RunContext.WithUnit($"{panelSeries[0].Kind} {panelsByMetric[p].Key}, phase mean", unit));
            var legend = plot.ShowLegend(Edge.Right);
            if (p == 0)
            {
                string verdict = results.Count == 0
                    ? (facts is null ? "no expectations (scenario file not found)" : "the scenario has no expect: entries")
                    : string.Create(CultureInfo.InvariantCulture, $"expect: bounds as marks, green = passed, red = failed ({passed} of {results.Count} passed)");
                plot.Title($"{context.Title}: phase means (summary.csv)\n{verdict}" + (notes.Count > 0 ? "; " + string.Join("; ", notes) : ""));
                AddMarkLegend(plot, results);
            }

            _ = legend;
            figure.Panels.Add((plot, new PixelRect(0, Width, y + height, y)));
            y += height;
        }

        return figure;
    }

    /// <summary>The x of bar <paramref name="bar"/> of <paramref name="bars"/> in group <paramref name="group"/>.</summary>
    internal static double BarX(int group, int bar, int bars) => group + ((bar - ((bars - 1) / 2.0)) * (0.8 / bars));

    /// <summary>The phase instances shown: probes (plasticity off) and every instance an expectation measures.</summary>
    internal static List<(int Index, string Label)> ChooseInstances(RunContext context, IReadOnlyList<ExpectationResult> results)
    {
        var timeline = context.Data.Timeline.Instances;
        var measured = context.Data.Summary.Where(r => r.Instance is not null).Select(r => r.Instance!.Value).ToHashSet();
        var chosen = new SortedSet<int>();
        if (context.Facts is { } facts)
        {
            var probes = facts.ProbePhases;
            foreach (var p in timeline.Where(p => probes.Contains(p.Name)))
            {
                chosen.Add(p.Instance);
            }

            foreach (var r in results)
            {
                foreach (var m in References(r.Expectation))
                {
                    int k = facts.InstanceOf(m);
                    if (k >= 0)
                    {
                        chosen.Add(k);
                    }
                }
            }
        }
        else
        {
            foreach (var p in timeline.Where(p => p.Name.Contains("probe", StringComparison.OrdinalIgnoreCase)))
            {
                chosen.Add(p.Instance);
            }
        }

        if (chosen.Count == 0)
        {
            foreach (var p in timeline.Where(p => !p.Offline))
            {
                chosen.Add(p.Instance);
            }
        }

        var list = chosen.Where(measured.Contains).TakeLast(MaxGroups).ToList();
        var counts = list.GroupBy(k => timeline[k].Name).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return list.Select(k => (k, counts[timeline[k].Name] > 1 ? string.Create(CultureInfo.InvariantCulture, $"{timeline[k].Name} {timeline[k].Rep}") : timeline[k].Name)).ToList();
    }

    /// <summary>The series shown: those the expectations name; without any, tag activations (else population rates).</summary>
    internal static List<SeriesKey> ChooseSeries(RunData data, IReadOnlyList<ExpectationResult> results)
    {
        var keys = results.SelectMany(r => References(r.Expectation)).Select(m => new SeriesKey(m.Kind, m.Name, m.Metric, m.Other))
            .Where(k => data.Summary.Any(r => r.Key == k)).Distinct().ToList();
        if (keys.Count == 0)
        {
            keys = data.Summary.Where(r => r.Kind == "tag" && r.Metric == "activation").Select(r => r.Key).Distinct().ToList();
        }

        if (keys.Count == 0)
        {
            keys = data.Summary.Where(r => r.Kind == "population" && r.Metric == "rate").Select(r => r.Key).Distinct().ToList();
        }

        return keys.GroupBy(k => k.Metric).SelectMany(g => g.Take(MaxSeries)).ToList();
    }

    private static IEnumerable<MetricRef> References(Expectation e)
    {
        yield return e.Subject;
        if (e.Above?.Reference is { } a)
        {
            yield return a;
        }

        if (e.Below?.Reference is { } b)
        {
            yield return b;
        }
    }

    /// <summary>The bound marks of the expectations whose subject is a bar of this panel.</summary>
    internal static IEnumerable<Mark> Marks(RunContext context, IReadOnlyList<ExpectationResult> results, List<(int Index, string Label)> instances, List<SeriesKey> series)
    {
        var facts = context.Facts;
        if (facts is null)
        {
            yield break;
        }

        foreach (var r in results)
        {
            var e = r.Expectation;
            int bar = series.IndexOf(new SeriesKey(e.Subject.Kind, e.Subject.Name, e.Subject.Metric, e.Subject.Other));
            int group = instances.FindIndex(i => i.Index == facts.InstanceOf(e.Subject));
            if (bar < 0 || group < 0)
            {
                continue;
            }

            if (e.Above is { } above && BoundValue(context, above, +1) is { } lower)
            {
                yield return new Mark(group, bar, lower, r.Passed, Lower: true, $"> {above}");
            }

            if (e.Below is { } below && BoundValue(context, below, -1) is { } upper)
            {
                yield return new Mark(group, bar, upper, r.Passed, Lower: false, $"< {below}");
            }

            if (e.Between is { } range)
            {
                yield return new Mark(group, bar, range.Low, r.Passed, Lower: true, "≥ low");
                yield return new Mark(group, bar, range.High, r.Passed, Lower: false, "≤ high");
            }
        }
    }

    private static double? BoundValue(RunContext context, Bound bound, int sign)
    {
        if (bound.Value is { } v)
        {
            return v;
        }

        var reference = bound.Reference!;
        int instance = context.Facts!.InstanceOf(reference);
        var row = context.Data.Summary.FirstOrDefault(r => r.Instance == instance && r.Key == new SeriesKey(reference.Kind, reference.Name, reference.Metric, reference.Other));
        return row is null ? null : row.Value + (sign * bound.Margin);
    }

    private static void AddMarkLegend(Plot plot, IReadOnlyList<ExpectationResult> results)
    {
        if (results.Any(r => r.Passed))
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = "expect: bound, passed", LineColor = FigureStyle.Pass, LineWidth = 4, MarkerShape = MarkerShape.None });
        }

        if (results.Any(r => !r.Passed))
        {
            plot.Legend.ManualItems.Add(new LegendItem { LabelText = "expect: bound, failed", LineColor = FigureStyle.Fail, LineWidth = 4, MarkerShape = MarkerShape.None });
        }
    }
}
