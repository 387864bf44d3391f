using Neurotag.Plotting.Data;
using ScottPlot;

namespace Neurotag.Plotting.Figures;

/// <summary>
/// State traces of the recorded neurons: one panel per variable (v, ge, gi, u), one line per neuron, the spike
/// threshold drawn on the v panel (v_thresh for LIF, as each phase sets it; v_peak for Izhikevich). Traces longer
/// than a few thousand points are drawn as their minimum and maximum per display column, so spikes stay visible.
/// </summary>
public static class StateFigure
{
    public const string Name = "state";
    internal const int MaxTraces = 10;
    internal const int MaxPointsPerSegment = 4000;
    private static readonly string[] VariableOrder = ["v", "ge", "gi", "u"];

    /// <summary>The figure, or null when the run recorded no state.</summary>
    public static Figure? Build(RunContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Data.States.Count == 0)
        {
            return null;
        }

        var notes = new List<string>(context.CommonNotes);
        var panels = new List<TimePanel>();
        bool decimated = false;
        foreach (var variable in context.Data.States.GroupBy(s => s.Variable).OrderBy(g => Order(g.Key)))
        {
            var traces = variable.ToList();
            if (traces.Count > MaxTraces)
            {
                notes.Add($"{variable.Key}: the first {MaxTraces} of {traces.Count} neurons drawn");
            }

            var lines = new List<TimeLine>();
            foreach (var (trace, k) in traces.Take(MaxTraces).Select((t, k) => (t, k)))
            {
                var (times, values, thinned) = Envelope(trace.TimesMs, trace.Values, MaxPointsPerSegment);
                decimated |= thinned;
                lines.Add(new TimeLine($"{trace.Population} {trace.Neuron}", times, values, FigureStyle.SeriesColor(k), 1.1f));
            }

            var references = new List<TimeLine>();
            if (variable.Key == "v" && context.Facts is { } facts)
            {
                foreach (string population in traces.Select(t => t.Population).Distinct())
                {
                    if (facts.Thresholds(population) is { } thresholds)
                    {
                        references.Add(ThresholdLine(context.Axis, thresholds, population));
                    }
                }
            }

            string? unit = traces.Select(t => t.Unit).FirstOrDefault(u => u is not null) ?? (variable.Key == "v" ? "mV" : null);
            panels.Add(new TimePanel(RunContext.WithUnit(variable.Key, unit), lines) { References = references });
        }

        if (decimated)
        {
            notes.Add($"traces of more than {MaxPointsPerSegment} samples drawn as min/max envelopes");
        }

        return TimePanels.Build(Name, $"{context.Title}: state of recorded neurons", context.Axis, panels, notes);
    }

    /// <summary>
    /// The series reduced to at most about <paramref name="maxPoints"/> points: consecutive samples are bucketed and
    /// each bucket keeps its minimum and maximum in time order. Returns the input when it is short enough.
    /// </summary>
    internal static (double[] Times, double[] Values, bool Thinned) Envelope(double[] times, double[] values, int maxPoints)
    {
        if (times.Length <= maxPoints)
        {
            return (times, values, false);
        }

        int bucket = (int)Math.Ceiling(times.Length / (maxPoints / 2.0));
        var t = new List<double>(maxPoints + 2);
        var v = new List<double>(maxPoints + 2);
        for (int start = 0; start < times.Length; start += bucket)
        {
            int end = Math.Min(times.Length, start + bucket);
            int lo = start, hi = start;
            for (int k = start; k < end; k++)
            {
                if (values[k] < values[lo])
                {
                    lo = k;
                }

                if (values[k] > values[hi])
                {
                    hi = k;
                }
            }

            foreach (int k in lo <= hi ? new[] { lo, hi } : [hi, lo])
            {
                t.Add(times[k]);
                v.Add(values[k]);
            }
        }

        return ([.. t], [.. v], true);
    }

    private static TimeLine ThresholdLine(ProtocolAxis axis, double[] thresholds, string population)
    {
        var times = new List<double>();
        var values = new List<double>();
        foreach (var segment in axis.Segments)
        {
            int k = segment.Phase.Instance;
            if (k >= thresholds.Length)
            {
                break;
            }

            // Just inside each phase, so the line belongs to the phase and steps where a phase changes the threshold.
            double inside = Math.Min(segment.Phase.DurationMs * 1e-6, 1e-6);
            times.Add(segment.Phase.StartMs + inside);
            values.Add(thresholds[k]);
            times.Add(segment.Phase.EndMs);
            values.Add(thresholds[k]);
        }

        return new TimeLine($"{population} threshold", [.. times], [.. values], Colors.Black, 1.2f, LinePattern.Dashed);
    }

    private static int Order(string variable)
    {
        int k = Array.IndexOf(VariableOrder, variable);
        return k < 0 ? VariableOrder.Length : k;
    }
}
