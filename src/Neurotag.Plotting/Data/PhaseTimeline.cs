using System.Globalization;

namespace Neurotag.Plotting.Data;

/// <summary>One protocol entry as it ran: a phase (or a repeat block's gap) between two model times.</summary>
/// <param name="Instance">Its index in the protocol, from 0.</param>
/// <param name="Name">Phase name (<c>practice.gap</c> for a repeat block's gap).</param>
/// <param name="Rep">Repetition index within its repeat block, else 0.</param>
/// <param name="StartMs">Model time at its start.</param>
/// <param name="EndMs">Model time at its end.</param>
/// <param name="Offline">Whether it passed offline (closed-form, not simulated step by step).</param>
public sealed record PhaseInstance(int Instance, string Name, int Rep, double StartMs, double EndMs, bool Offline)
{
    /// <summary>Its length in ms.</summary>
    public double DurationMs => EndMs - StartMs;
}

/// <summary>
/// The protocol as it ran, in order: where each phase instance starts and ends and whether it was offline. Read from
/// phases.csv; for runs written before phases.csv existed it is rebuilt by <see cref="LegacyPhaseTimeline"/>.
/// </summary>
public sealed class PhaseTimeline
{
    private readonly double[] _ends;

    public PhaseTimeline(IReadOnlyList<PhaseInstance> instances, string source)
    {
        ArgumentNullException.ThrowIfNull(instances);
        Instances = instances;
        Source = source;
        _ends = instances.Select(p => p.EndMs).ToArray();
    }

    /// <summary>The phase instances in protocol order (contiguous: each starts where the previous ended).</summary>
    public IReadOnlyList<PhaseInstance> Instances { get; }

    /// <summary>Where the timeline came from: <c>phases.csv</c>, <c>scenario</c> or <c>samples</c>.</summary>
    public string Source { get; }

    /// <summary>Whether there is no phase at all.</summary>
    public bool IsEmpty => Instances.Count == 0;

    /// <summary>
    /// The instance a sample at <paramref name="timeMs"/> belongs to: the one whose interval (start, end] holds it
    /// (samples are taken at the end of a step, so a phase's last sample is at its end time). Times at or before the
    /// first start belong to the first instance, times after the last end to the last; −1 when there are no phases.
    /// </summary>
    public int Find(double timeMs)
    {
        if (_ends.Length == 0)
        {
            return -1;
        }

        // The first instance whose end is at or after the time (a lower bound; ends ascend).
        int k = 0, high = _ends.Length;
        while (k < high)
        {
            int middle = (k + high) / 2;
            if (_ends[middle] < timeMs)
            {
                k = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return Math.Min(k, _ends.Length - 1);
    }

    /// <summary>The timeline cut after <paramref name="lastTimeMs"/> (for a stopped run: the phases it reached).</summary>
    public PhaseTimeline TrimAfter(double lastTimeMs)
    {
        var kept = Instances.Where(p => p.StartMs < lastTimeMs || p.Instance == 0)
            .Select(p => p.EndMs > lastTimeMs ? p with { EndMs = Math.Max(lastTimeMs, p.StartMs) } : p)
            .ToList();
        return new PhaseTimeline(kept, Source);
    }

    /// <summary>Reads phases.csv (<c>phase,rep,instance,start_ms,end_ms,kind,steps</c>).</summary>
    /// <exception cref="PlotInputException">A column is missing or a value is malformed.</exception>
    internal static PhaseTimeline Read(string path)
    {
        using var csv = TidyCsv.Open(path);
        int phase = csv.Require("phase"), rep = csv.Require("rep"), instance = csv.Column("instance");
        int start = csv.Require("start_ms"), end = csv.Require("end_ms"), kind = csv.Require("kind");
        var list = new List<PhaseInstance>();
        while (csv.Next())
        {
            string kindText = csv.Text(kind);
            if (kindText is not ("online" or "offline"))
            {
                throw new PlotInputException($"{path}:{csv.Line}: column 'kind' holds '{kindText}', expected online or offline", "the file was edited or is damaged; rerun the scenario");
            }

            list.Add(new PhaseInstance(
                instance >= 0 ? (int)csv.Integer(instance) : list.Count,
                csv.Text(phase),
                (int)csv.Integer(rep),
                csv.Number(start),
                csv.Number(end),
                kindText == "offline"));
        }

        return new PhaseTimeline(list.OrderBy(p => p.Instance).ToList(), "phases.csv");
    }

    /// <summary>A duration as people say it: <c>60 days</c>, <c>1 day</c>, <c>6 h</c>, <c>30 min</c>, <c>2.5 s</c>.</summary>
    public static string DurationText(double ms)
    {
        const double Second = 1000, Minute = 60 * Second, Hour = 60 * Minute, Day = 24 * Hour;
        static string N(double v) => Math.Round(v, v < 10 ? 1 : 0).ToString("0.#", CultureInfo.InvariantCulture);
        return ms >= Day ? $"{N(ms / Day)} {(Math.Round(ms / Day, 1) == 1 ? "day" : "days")}"
            : ms >= Hour ? $"{N(ms / Hour)} h"
            : ms >= Minute ? $"{N(ms / Minute)} min"
            : ms >= Second ? $"{N(ms / Second)} s"
            : $"{N(ms)} ms";
    }
}
