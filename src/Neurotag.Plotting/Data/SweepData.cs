using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Neurotag.Plotting.Data;

/// <summary>A row of a sweep's summary.csv: one point's per-phase mean of one series (Values: the point's swept values, in the order of <see cref="SweepData.Paths"/>).</summary>
public sealed record SweepRow(string[] Values, ulong Seed, string Phase, int Rep, SeriesKey Key, double Value, string? Unit);

/// <summary>A summary metric of a sweep: a series in one phase (the last instance of that name, or the one with <paramref name="Rep"/>).</summary>
public sealed record SweepMetric(string Phase, int? Rep, SeriesKey Key)
{
    /// <summary>e.g. <c>tag.pain.activation in probe-chronic</c>.</summary>
    public string Label => $"{Key.Kind}.{Key.Name}.{Key.Metric}{(Key.Other.Length > 0 ? "." + Key.Other : "")} in {Phase}{(Rep is { } r ? string.Create(CultureInfo.InvariantCulture, $" rep {r}") : "")}";
}

/// <summary>One point of a sweep curve: a level of the x parameter, with the per-seed values and their mean ± sd.</summary>
/// <param name="Level">The level as written.</param>
/// <param name="X">Its position on the x axis (the number, or the level's index when levels are not numbers).</param>
/// <param name="Values">One value per seed (and per level of parameters pooled in).</param>
public sealed record SweepPoint(string Level, double X, double[] Values)
{
    /// <summary>Mean over <see cref="Values"/>.</summary>
    public double Mean => Values.Average();

    /// <summary>Sample standard deviation (n − 1); 0 for a single value.</summary>
    public double StandardDeviation
    {
        get
        {
            if (Values.Length < 2)
            {
                return 0;
            }

            double mean = Mean;
            return Math.Sqrt(Values.Sum(v => (v - mean) * (v - mean)) / (Values.Length - 1));
        }
    }
}

/// <summary>One line of a sweep panel: a level of the second parameter (or every point when there is none).</summary>
public sealed record SweepCurve(string Label, IReadOnlyList<SweepPoint> Points);

/// <summary>How a swept parameter's levels sit on an axis: numbers (with one unit) or categories in order of appearance.</summary>
public sealed record SweepAxis(string Path, IReadOnlyList<string> Levels, IReadOnlyList<double> Positions, bool Numeric, string Unit)
{
    /// <summary>The last part of the path, for labels: <c>rate</c> for <c>projections.x.plasticity.rate</c>.</summary>
    public string ShortName => Path[(Path.LastIndexOf('.') + 1)..];
}

/// <summary>A sweep folder's plan and merged summary (plan.json and summary.csv).</summary>
public sealed partial record SweepData(string Directory, string ScenarioPath, string ScenarioSha256, IReadOnlyList<string> Paths, IReadOnlyList<SweepRow> Rows)
{
    /// <summary>Whether <paramref name="directory"/> looks like a sweep folder (it has a plan.json).</summary>
    public static bool IsSweepFolder(string directory) => File.Exists(System.IO.Path.Combine(directory, "plan.json"));

    /// <summary>Reads plan.json and summary.csv of <paramref name="directory"/>.</summary>
    /// <exception cref="PlotInputException">A file is missing or malformed.</exception>
    public static SweepData Read(string directory)
    {
        string planPath = System.IO.Path.Combine(directory, "plan.json");
        string scenario, sha;
        List<string> paths;
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllBytes(planPath));
            var root = json.RootElement;
            if (!root.TryGetProperty("paths", out var p) || p.ValueKind != JsonValueKind.Array)
            {
                throw new PlotInputException($"{planPath}: not a sweep plan of neurotag-cli: no 'paths' list", "pass the folder a 'sweep' wrote");
            }

            paths = p.EnumerateArray().Select(e => e.GetString() ?? "").ToList();
            scenario = root.TryGetProperty("scenario_path", out var s) ? s.GetString() ?? "" : "";
            sha = root.TryGetProperty("scenario_sha256", out var h) ? h.GetString() ?? "" : "";
        }
        catch (JsonException e)
        {
            throw new PlotInputException($"{planPath}:{e.LineNumber + 1}:{e.BytePositionInLine + 1}: not valid JSON: {e.Message}", "the plan was edited or cut short; rerun the sweep", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PlotInputException($"{planPath}: cannot be read: {e.Message}", "check the file's permissions", e);
        }

        string summaryPath = System.IO.Path.Combine(directory, "summary.csv");
        if (!File.Exists(summaryPath))
        {
            throw new PlotInputException($"{directory}: the sweep has no summary.csv (its points were not merged yet)", $"run 'neurotag-cli merge {directory}' once every point has finished");
        }

        using var csv = TidyCsv.Open(summaryPath);
        int[] columns = paths.Select(csv.Require).ToArray();
        int seed = csv.Require("seed"), phase = csv.Require("phase"), rep = csv.Require("rep"), kind = csv.Require("kind");
        int name = csv.Require("name"), metric = csv.Require("metric"), other = csv.Require("other"), value = csv.Require("value"), unit = csv.Column("unit");
        var rows = new List<SweepRow>();
        while (csv.Next())
        {
            double v = csv.Number(value);
            if (double.IsNaN(v))
            {
                continue;
            }

            string u = unit >= 0 ? csv.Text(unit) : "";
            rows.Add(new SweepRow(
                columns.Select(csv.Text).ToArray(), (ulong)csv.Integer(seed), csv.Text(phase), (int)csv.Integer(rep),
                new SeriesKey(csv.Text(kind), csv.Text(name), csv.Text(metric), csv.Text(other)), v, u.Length == 0 ? null : u));
        }

        return new SweepData(System.IO.Path.GetFullPath(directory), scenario, sha, paths, rows);
    }

    /// <summary>The levels of parameter <paramref name="parameter"/> and where they go on an axis.</summary>
    public SweepAxis Axis(int parameter)
    {
        var levels = Rows.Select(r => r.Values[parameter]).Distinct(StringComparer.Ordinal).ToList();
        var parsed = levels.Select(ParseQuantity).ToList();
        bool numeric = parsed.All(q => q is not null) && parsed.Select(q => q!.Value.Unit).Distinct(StringComparer.Ordinal).Count() == 1;
        if (numeric)
        {
            var ordered = levels.Zip(parsed).OrderBy(z => z.Second!.Value.Number).ToList();
            return new SweepAxis(Paths[parameter], ordered.Select(z => z.First).ToList(), ordered.Select(z => z.Second!.Value.Number).ToList(), true, parsed[0]!.Value.Unit);
        }

        return new SweepAxis(Paths[parameter], levels, levels.Select((_, k) => (double)k).ToList(), false, "");
    }

    /// <summary>
    /// Every value of <paramref name="metric"/> grouped for one panel: x = parameter <paramref name="x"/>, one curve per
    /// level of parameter <paramref name="line"/> (or one curve when null), every other parameter and the seeds pooled.
    /// Each point's value is taken from the last row of the metric's phase (and rep, if given) in that point's rows.
    /// </summary>
    public IReadOnlyList<SweepCurve> Curves(SweepMetric metric, int x, int? line)
    {
        ArgumentNullException.ThrowIfNull(metric);
        var xAxis = Axis(x);
        var lineLevels = line is { } l ? Axis(l).Levels : [""];

        // The value of each sweep point (swept values + seed): the last matching row wins (the phase's last instance).
        var perPoint = new Dictionary<string, (string[] Values, double Value)>(StringComparer.Ordinal);
        foreach (var row in Rows)
        {
            if (row.Phase == metric.Phase && (metric.Rep is null || row.Rep == metric.Rep) && row.Key == metric.Key)
            {
                perPoint[string.Join('\u001f', row.Values) + "\u001f" + row.Seed.ToString(CultureInfo.InvariantCulture)] = (row.Values, row.Value);
            }
        }

        var curves = new List<SweepCurve>();
        foreach (string level in lineLevels)
        {
            var points = new List<SweepPoint>();
            for (int k = 0; k < xAxis.Levels.Count; k++)
            {
                string xLevel = xAxis.Levels[k];
                var values = perPoint.Values
                    .Where(p => p.Values[x] == xLevel && (line is not { } li || p.Values[li] == level))
                    .Select(p => p.Value).ToArray();
                if (values.Length > 0)
                {
                    points.Add(new SweepPoint(xLevel, xAxis.Positions[k], values));
                }
            }

            if (points.Count > 0)
            {
                curves.Add(new SweepCurve(line is { } lp ? $"{Axis(lp).ShortName} = {level}" : "", points));
            }
        }

        return curves;
    }

    /// <summary>Every (phase, series) the summary holds, in order of first appearance.</summary>
    public IReadOnlyList<SweepMetric> Metrics() =>
        Rows.Select(r => new SweepMetric(r.Phase, null, r.Key)).Distinct().ToList();

    /// <summary>A level as a number and unit (<c>30 day</c> → 30, <c>day</c>; <c>0.5</c> → 0.5, empty), or null.</summary>
    internal static (double Number, string Unit)? ParseQuantity(string text)
    {
        var m = QuantityPattern().Match(text.Trim());
        return m.Success && double.TryParse(m.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double v)
            ? (v, m.Groups[2].Value)
            : null;
    }

    [GeneratedRegex(@"^([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*([A-Za-zµ/%]*)$")]
    private static partial Regex QuantityPattern();
}
