using Neurotag.Plotting.Data;

namespace Neurotag.Plotting.Figures;

/// <summary>
/// Tag trajectories: one panel per tag metric (activation, strength, coupling, ownership, recall, spurious), one line
/// per tag (per tag pair for coupling and ownership), then population metrics, over protocol time with phase bands.
/// </summary>
public static class TrajectoryFigure
{
    public const string Name = "trajectories";

    /// <summary>Beyond this many lines a panel keeps only the first ones (and says so): a legend of 60 tags helps no one.</summary>
    internal const int MaxLines = 12;

    private static readonly string[] MetricOrder = ["activation", "strength", "coupling", "ownership", "recall", "spurious"];

    /// <summary>The figure, or null when the run recorded no tag or population series.</summary>
    public static Figure? Build(RunContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var notes = new List<string>(context.CommonNotes);
        var panels = new List<TimePanel>();
        foreach (var group in context.Data.Tags.GroupBy(s => s.Key.Metric).OrderBy(g => Order(g.Key)))
        {
            panels.Add(Panel($"tag {group.Key}", group.ToList(), notes));
        }

        foreach (var group in context.Data.Populations.GroupBy(s => s.Key.Metric))
        {
            panels.Add(Panel(PopulationsCsvPanelTitle(group.Key), group.ToList(), notes));
        }

        return panels.Count == 0 ? null : TimePanels.Build(Name, $"{context.Title}: tag trajectories", context.Axis, panels, notes);
    }

    /// <summary>
    /// The title of a panel of populations.csv rows. Closed-loop traces share that file (issue #13): a modulator's rows
    /// have metric <c>level</c> and a named synapse's rows <c>weight</c>, metrics no population has, so the metric
    /// says what the lines are.
    /// </summary>
    internal static string PopulationsCsvPanelTitle(string metric) => metric switch
    {
        "level" => "modulator level",
        "weight" => "synapse weight",
        _ => $"population {metric}",
    };

    private static TimePanel Panel(string what, List<TimeSeries> series, List<string> notes)
    {
        if (series.Count > MaxLines)
        {
            notes.Add($"{what}: the first {MaxLines} of {series.Count} series drawn");
        }

        var lines = series.Take(MaxLines).Select((s, k) => new TimeLine(s.Key.Label, s.TimesMs, s.Values, FigureStyle.SeriesColor(k))).ToList();
        string? unit = series.Select(s => s.Unit).FirstOrDefault(u => u is not null);
        return new TimePanel(RunContext.WithUnit(what, unit), lines);
    }

    private static int Order(string metric)
    {
        int k = Array.IndexOf(MetricOrder, metric);
        return k < 0 ? MetricOrder.Length : k;
    }
}
