using System.Globalization;

namespace Neurotag.Plotting.Data;

/// <summary>One phase instance's place on the display axis.</summary>
/// <param name="Phase">The phase instance.</param>
/// <param name="Left">Display coordinate of its start.</param>
/// <param name="Right">Display coordinate of its end.</param>
public sealed record AxisSegment(PhaseInstance Phase, double Left, double Right)
{
    /// <summary>Display width.</summary>
    public double Width => Right - Left;
}

/// <summary>
/// Maps model time to the x coordinate of the figures: online phases to scale, in seconds of online time, and each
/// offline phase as a narrow break of fixed width, not to scale. Sixty days offline between one-second probes
/// would otherwise squash every probe into a line; with the breaks, probes before and after sit side by side.
/// Pure: the same timeline gives the same axis.
/// </summary>
public sealed class ProtocolAxis
{
    private readonly PhaseTimeline _timeline;

    public ProtocolAxis(PhaseTimeline timeline)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        _timeline = timeline;
        double online = timeline.Instances.Where(p => !p.Offline).Sum(p => p.DurationMs) / 1000;
        int breaks = timeline.Instances.Count(p => p.Offline);
        OnlineSeconds = online;

        // A break is wide enough for a rotated label, and all breaks together take at most about a quarter of the axis.
        BreakWidth = breaks == 0 ? 0 : online <= 0 ? 1 : Math.Min(0.06 * online, 0.3 * online / breaks);
        var segments = new List<AxisSegment>(timeline.Instances.Count);
        double x = 0;
        foreach (var phase in timeline.Instances)
        {
            double width = phase.Offline ? BreakWidth : phase.DurationMs / 1000;
            segments.Add(new AxisSegment(phase, x, x + width));
            x += width;
        }

        Segments = segments;
        Width = x;
    }

    /// <summary>The timeline the axis was built from.</summary>
    public PhaseTimeline Timeline => _timeline;

    /// <summary>Every phase instance with its display interval, in protocol order.</summary>
    public IReadOnlyList<AxisSegment> Segments { get; }

    /// <summary>Total display width (online seconds plus breaks).</summary>
    public double Width { get; }

    /// <summary>Display width of each offline break.</summary>
    public double BreakWidth { get; }

    /// <summary>Seconds of online (simulated) time in the protocol.</summary>
    public double OnlineSeconds { get; }

    /// <summary>The x coordinate of model time <paramref name="timeMs"/> (see <see cref="PhaseTimeline.Find"/>); a time in an offline phase maps to its break's right edge.</summary>
    public double ToDisplay(double timeMs)
    {
        int k = _timeline.Find(timeMs);
        return k < 0 ? timeMs / 1000 : ToDisplay(timeMs, k);
    }

    /// <summary>The x coordinate of model time <paramref name="timeMs"/> inside instance <paramref name="instance"/>.</summary>
    public double ToDisplay(double timeMs, int instance)
    {
        var s = Segments[instance];
        if (s.Phase.Offline)
        {
            return s.Right;
        }

        double into = Math.Clamp((timeMs - s.Phase.StartMs) / 1000, 0, s.Width);
        return s.Left + into;
    }

    /// <summary>Whether instance <paramref name="instance"/> is offline (its samples are not drawn as a trajectory).</summary>
    public bool IsOffline(int instance) => instance >= 0 && instance < Segments.Count && Segments[instance].Phase.Offline;

    /// <summary>
    /// About <paramref name="count"/> ticks at round values of online time (seconds), placed on the display axis:
    /// the numbers count simulated seconds, skipping the offline breaks.
    /// </summary>
    public IReadOnlyList<(double Position, string Label)> Ticks(int count = 8)
    {
        if (OnlineSeconds <= 0)
        {
            return [(0, "0")];
        }

        double step = NiceStep(OnlineSeconds / Math.Max(1, count));
        var ticks = new List<(double, string)>();
        for (int k = 0; k * step <= OnlineSeconds * (1 + 1e-9); k++)
        {
            double tau = k * step;
            ticks.Add((OnlineToDisplay(tau), tau.ToString("0.###", CultureInfo.InvariantCulture)));
        }

        return ticks;
    }

    /// <summary>A round step (1, 2 or 5 × 10^k) near <paramref name="rough"/>.</summary>
    internal static double NiceStep(double rough)
    {
        if (rough <= 0 || !double.IsFinite(rough))
        {
            return 1;
        }

        double magnitude = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        double f = rough / magnitude;
        return (f < 1.5 ? 1 : f < 3.5 ? 2 : f < 7.5 ? 5 : 10) * magnitude;
    }

    /// <summary>The display coordinate of <paramref name="onlineSeconds"/> of online time from the start.</summary>
    internal double OnlineToDisplay(double onlineSeconds)
    {
        double passed = 0;
        foreach (var s in Segments)
        {
            if (s.Phase.Offline)
            {
                continue;
            }

            if (onlineSeconds <= passed + s.Width)
            {
                return s.Left + (onlineSeconds - passed);
            }

            passed += s.Width;
        }

        return Width;
    }
}
