using System.Globalization;
using CsvHelper;
using Neurotag.Statistics;

namespace Neurotag.Output.Sweeps;

/// <summary>
/// <c>stats.csv</c> of a sweep: the summary rows pooled over seeds. One row per point without its seed (the swept
/// values) and per summary row (phase instance, kind, name, metric, other, unit): n, mean, sample sd, sem and the
/// two-sided 95 % Student-t interval of the mean (<see cref="SampleSummary"/>). With one seed, sd, sem and the
/// interval are empty. Rows appear in the order the points and their summary rows first do.
/// </summary>
internal sealed class SweepStats
{
    /// <summary>stats.csv.</summary>
    public const string FileName = "stats.csv";

    private static readonly string[] KeyColumns = ["phase", "rep", "instance", "kind", "name", "metric", "other", "unit"];
    private static readonly string[] StatColumns = ["n", "mean", "sd", "sem", "ci95_low", "ci95_high"];

    private readonly List<(IReadOnlyList<string> Values, IReadOnlyList<string> Key)> _order = [];
    private readonly Dictionary<string, List<double>> _values = new(StringComparer.Ordinal);

    /// <summary>Notes one summary row of a point with swept values <paramref name="point"/>; a value that is not a number is left out.</summary>
    public void Add(IReadOnlyList<string> point, IReadOnlyList<string> key, string value)
    {
        string id = string.Join('\u001f', point) + '\u001e' + string.Join('\u001f', key);
        if (!_values.TryGetValue(id, out var list))
        {
            _values[id] = list = [];
            _order.Add((point, key));
        }

        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v))
        {
            list.Add(v);
        }
    }

    /// <summary>Writes the header (the swept paths, the key columns, the statistics) and one row per group.</summary>
    public void Write(CsvWriter csv, IReadOnlyList<string> paths)
    {
        foreach (string h in paths.Concat(KeyColumns).Concat(StatColumns))
        {
            csv.WriteField(h);
        }

        csv.NextRecord();
        foreach (var (point, key) in _order)
        {
            var values = _values[string.Join('\u001f', point) + '\u001e' + string.Join('\u001f', key)];
            foreach (string field in point.Concat(key))
            {
                csv.WriteField(field);
            }

            var s = SampleSummary.Of(values);
            csv.WriteField(s.N.ToString(CultureInfo.InvariantCulture));
            foreach (double x in new[] { s.Mean, s.Sd, s.Sem, s.CiLow, s.CiHigh })
            {
                csv.WriteField(double.IsNaN(x) ? "" : x.ToString("R", CultureInfo.InvariantCulture));
            }

            csv.NextRecord();
        }
    }
}
