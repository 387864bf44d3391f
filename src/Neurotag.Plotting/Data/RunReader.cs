using System.Globalization;
using System.Text.Json;

namespace Neurotag.Plotting.Data;

/// <summary>
/// Reads a run folder into typed series: manifest.json, then whichever CSV files the run wrote. Columns are found by
/// name, so folders from before and after the output-format changes (phases.csv, <c>unit</c>, <c>instance</c>,
/// <c>phase</c>/<c>rep</c> in spikes.csv and state.csv) read alike. Pure apart from reading the files: no drawing.
/// </summary>
public static class RunReader
{
    /// <summary>Whether <paramref name="directory"/> looks like a run folder (it has a manifest.json).</summary>
    public static bool IsRunFolder(string directory) => File.Exists(Path.Combine(directory, "manifest.json"));

    /// <summary>Reads the run folder <paramref name="directory"/>.</summary>
    /// <param name="directory">The run folder.</param>
    /// <param name="protocol">The scenario's protocol (name, rep, steps, offline) and dt, for folders without phases.csv; null if unknown.</param>
    /// <exception cref="PlotInputException">It is not a run folder, or a file in it is malformed.</exception>
    public static RunData Read(string directory, (IReadOnlyList<(string Name, int Rep, long Steps, bool Offline)> Entries, double DtMs)? protocol = null)
    {
        var manifest = ManifestReader.Read(directory);
        var labels = new List<(double, string, int)>();
        var tags = ReadSeries(Path.Combine(directory, "tags.csv"), "tag", "tag", manifest, labels);
        var populations = ReadSeries(Path.Combine(directory, "populations.csv"), "population", "population", manifest, labels.Count == 0 ? labels : null);
        var weights = ReadWeights(Path.Combine(directory, "weights.csv"));
        var histograms = ReadHistograms(Path.Combine(directory, "weight_hist.csv"));
        var summary = ReadSummary(Path.Combine(directory, "summary.csv"));
        var spikes = ReadSpikes(Path.Combine(directory, "spikes.csv"));
        var states = ReadStates(Path.Combine(directory, "state.csv"), manifest);

        string phasesPath = Path.Combine(directory, "phases.csv");
        var timeline = File.Exists(phasesPath) ? PhaseTimeline.Read(phasesPath)
            : protocol is { } p ? LegacyPhaseTimeline.FromProtocol(p.Entries, p.DtMs)
            : LegacyPhaseTimeline.FromSamples(labels);

        double last = LastTime(tags, populations, weights, histograms, spikes, states);
        if (manifest.Stopped && !double.IsNegativeInfinity(last))
        {
            timeline = timeline.TrimAfter(last);
        }

        tags = tags.Select(s => s with { Phases = s.TimesMs.Select(timeline.Find).ToArray() }).ToList();
        populations = populations.Select(s => s with { Phases = s.TimesMs.Select(timeline.Find).ToArray() }).ToList();
        summary = AssignInstances(summary, timeline);
        return new RunData(Path.GetFullPath(directory), manifest, timeline, tags, populations, weights, histograms, summary, spikes, states);
    }

    /// <summary>tags.csv or populations.csv: one series per (name, metric, other), in order of first appearance; NaN samples are left out.</summary>
    private static List<TimeSeries> ReadSeries(string path, string kind, string nameColumn, RunManifestInfo manifest, List<(double, string, int)>? labels)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        using var csv = TidyCsv.Open(path);
        int t = csv.Require("t_ms"), phase = csv.Require("phase"), rep = csv.Require("rep"), name = csv.Require(nameColumn);
        int metric = csv.Require("metric"), other = csv.Column("other"), value = csv.Require("value"), unit = csv.Column("unit");
        var series = new Dictionary<SeriesKey, (List<double> T, List<double> V, string? Unit)>();
        var order = new List<SeriesKey>();
        while (csv.Next())
        {
            double time = csv.Number(t);
            labels?.Add((time, csv.Text(phase), (int)csv.Integer(rep)));
            var key = new SeriesKey(kind, csv.Text(name), csv.Text(metric), other >= 0 ? csv.Text(other) : "");
            if (!series.TryGetValue(key, out var s))
            {
                string? u = unit >= 0 ? csv.Text(unit) : manifest.Units.GetValueOrDefault(key);
                s = ([], [], string.IsNullOrEmpty(u) ? null : u);
                series[key] = s;
                order.Add(key);
            }

            double v = csv.Number(value);
            if (!double.IsNaN(v))
            {
                s.T.Add(time);
                s.V.Add(v);
            }
        }

        return order.Where(k => series[k].T.Count > 0)
            .Select(k => new TimeSeries(k, series[k].Unit, [.. series[k].T], [.. series[k].V], []))
            .ToList();
    }

    private static List<WeightBlockSeries> ReadWeights(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        using var csv = TidyCsv.Open(path);
        int t = csv.Require("t_ms"), projection = csv.Require("projection"), from = csv.Require("from"), to = csv.Require("to");
        int mean = csv.Require("mean"), std = csv.Require("std"), min = csv.Require("min"), max = csv.Require("max"), count = csv.Require("count");
        var blocks = new Dictionary<(string, string, string), (List<double> T, List<double> Mean, List<double> Std, List<double> Min, List<double> Max, List<long> Count)>();
        var order = new List<(string, string, string)>();
        while (csv.Next())
        {
            var key = (csv.Text(projection), csv.Text(from), csv.Text(to));
            if (!blocks.TryGetValue(key, out var b))
            {
                b = ([], [], [], [], [], []);
                blocks[key] = b;
                order.Add(key);
            }

            double m = csv.Number(mean);
            if (double.IsNaN(m))
            {
                continue;
            }

            b.T.Add(csv.Number(t));
            b.Mean.Add(m);
            b.Std.Add(csv.Number(std));
            b.Min.Add(csv.Number(min));
            b.Max.Add(csv.Number(max));
            b.Count.Add(csv.Integer(count));
        }

        return order.Where(k => blocks[k].T.Count > 0).Select(k =>
        {
            var b = blocks[k];
            return new WeightBlockSeries(k.Item1, k.Item2, k.Item3, [.. b.T], [.. b.Mean], [.. b.Std], [.. b.Min], [.. b.Max], [.. b.Count]);
        }).ToList();
    }

    private static List<WeightHistogramSeries> ReadHistograms(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        using var csv = TidyCsv.Open(path);
        int t = csv.Require("t_ms"), projection = csv.Require("projection"), lo = csv.Require("bin_lo"), hi = csv.Require("bin_hi"), count = csv.Require("count");
        var rows = new Dictionary<string, List<(double T, double Lo, double Hi, long Count)>>(StringComparer.Ordinal);
        var order = new List<string>();
        while (csv.Next())
        {
            string p = csv.Text(projection);
            if (!rows.TryGetValue(p, out var list))
            {
                rows[p] = list = [];
                order.Add(p);
            }

            list.Add((csv.Number(t), csv.Number(lo), csv.Number(hi), csv.Integer(count)));
        }

        var result = new List<WeightHistogramSeries>();
        foreach (string p in order)
        {
            var list = rows[p];
            double[] times = list.Select(r => r.T).Distinct().Order().ToArray();
            double[] lows = list.Where(r => r.T == times[0]).Select(r => r.Lo).ToArray();
            double[] edges = [.. lows, list.Where(r => r.T == times[0]).Max(r => r.Hi)];
            var counts = new long[times.Length, lows.Length];
            foreach (var r in list)
            {
                int row = Array.BinarySearch(times, r.T);
                int bin = Array.BinarySearch(lows, r.Lo);
                if (bin < 0)
                {
                    throw new PlotInputException(
                        string.Create(CultureInfo.InvariantCulture, $"{path}: projection '{p}' changes its bins at t_ms = {r.T} (bin_lo {r.Lo} is not a bin of the first sample)"),
                        "the file was edited; rerun the scenario");
                }

                counts[row, bin] += r.Count;
            }

            result.Add(new WeightHistogramSeries(p, times, edges, counts));
        }

        return result;
    }

    private static List<SummaryEntry> ReadSummary(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        using var csv = TidyCsv.Open(path);
        int phase = csv.Require("phase"), rep = csv.Require("rep"), instance = csv.Column("instance"), kind = csv.Require("kind");
        int name = csv.Require("name"), metric = csv.Require("metric"), other = csv.Require("other"), value = csv.Require("value"), unit = csv.Column("unit");
        var list = new List<SummaryEntry>();
        while (csv.Next())
        {
            double v = csv.Number(value);
            if (double.IsNaN(v))
            {
                continue;
            }

            string u = unit >= 0 ? csv.Text(unit) : "";
            list.Add(new SummaryEntry(
                csv.Text(phase), (int)csv.Integer(rep), instance >= 0 ? (int)csv.Integer(instance) : null,
                csv.Text(kind), csv.Text(name), csv.Text(metric), csv.Text(other), v, u.Length == 0 ? null : u));
        }

        return list;
    }

    private static SpikeData? ReadSpikes(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        using var csv = TidyCsv.Open(path);
        int t = csv.Require("t_ms"), population = csv.Require("population"), neuron = csv.Require("neuron");
        var times = new List<double>(1 << 16);
        var neurons = new List<int>(1 << 16);
        var pops = new List<int>(1 << 16);
        var names = new List<string>();
        string? lastName = null;
        int lastIndex = -1;
        while (csv.Next())
        {
            string p = csv.Text(population);
            if (!ReferenceEquals(p, lastName))
            {
                lastIndex = names.IndexOf(p);
                if (lastIndex < 0)
                {
                    names.Add(p);
                    lastIndex = names.Count - 1;
                }

                lastName = p;
            }

            times.Add(csv.Number(t));
            neurons.Add((int)csv.Integer(neuron));
            pops.Add(lastIndex);
        }

        return new SpikeData([.. names], [.. times], [.. neurons], [.. pops]);
    }

    private static List<StateTrace> ReadStates(string path, RunManifestInfo manifest)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        using var csv = TidyCsv.Open(path);
        int t = csv.Require("t_ms"), population = csv.Require("population"), neuron = csv.Require("neuron");
        int variable = csv.Require("variable"), value = csv.Require("value"), unit = csv.Column("unit");
        var traces = new Dictionary<(string, int, string), (List<double> T, List<double> V, string? Unit)>();
        var order = new List<(string, int, string)>();
        while (csv.Next())
        {
            var key = (csv.Text(population), (int)csv.Integer(neuron), csv.Text(variable));
            if (!traces.TryGetValue(key, out var s))
            {
                string? u = unit >= 0 ? csv.Text(unit) : manifest.Units.GetValueOrDefault(new SeriesKey("state", key.Item1, key.Item3, ""));
                traces[key] = s = ([], [], string.IsNullOrEmpty(u) ? null : u);
                order.Add(key);
            }

            s.T.Add(csv.Number(t));
            s.V.Add(csv.Number(value));
        }

        return order.Select(k => new StateTrace(k.Item1, k.Item2, k.Item3, traces[k].Unit, [.. traces[k].T], [.. traces[k].V])).ToList();
    }

    private static double LastTime(
        List<TimeSeries> tags, List<TimeSeries> populations, List<WeightBlockSeries> weights, List<WeightHistogramSeries> histograms, SpikeData? spikes, List<StateTrace> states)
    {
        double last = double.NegativeInfinity;
        foreach (var s in tags.Concat(populations))
        {
            last = Math.Max(last, s.TimesMs[^1]);
        }

        foreach (var w in weights)
        {
            last = Math.Max(last, w.TimesMs[^1]);
        }

        foreach (var h in histograms)
        {
            last = Math.Max(last, h.TimesMs[^1]);
        }

        foreach (var s in states)
        {
            last = Math.Max(last, s.TimesMs.Length > 0 ? s.TimesMs[^1] : last);
        }

        return spikes is { Count: > 0 } ? Math.Max(last, spikes.TimesMs[^1]) : last;
    }

    /// <summary>
    /// Gives each summary row its protocol instance. summary.csv names it; older files do not, so the rows' runs of
    /// equal (phase, rep) are matched in order to the timeline's instances of that name and rep (legacy fallback).
    /// </summary>
    private static List<SummaryEntry> AssignInstances(List<SummaryEntry> rows, PhaseTimeline timeline)
    {
        if (rows.Count == 0 || rows.All(r => r.Instance is not null))
        {
            return rows;
        }

        var result = new List<SummaryEntry>(rows.Count);
        int cursor = 0, current = -1;
        (string, int)? group = null;
        foreach (var row in rows)
        {
            if (group != (row.Phase, row.Rep))
            {
                group = (row.Phase, row.Rep);
                int k = cursor;
                while (k < timeline.Instances.Count && (timeline.Instances[k].Name != row.Phase || timeline.Instances[k].Rep != row.Rep))
                {
                    k++;
                }

                current = k < timeline.Instances.Count ? k : -1;
                cursor = current >= 0 ? current + 1 : cursor;
            }

            result.Add(row with { Instance = current >= 0 ? current : null });
        }

        return result;
    }
}
