using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Neurotag.Scenarios.Sweeps;

/// <summary>One run of a sweep.</summary>
/// <param name="Index">Position in the expansion order (0-based); shards take the indices ≡ I (mod N).</param>
/// <param name="Id">Stable short id: the first 10 hex digits of SHA-256 over the point's path=value lines and seed.</param>
/// <param name="Folder">Readable folder name, e.g. <c>rate~0.01_repeat~10_seed~3</c>.</param>
/// <param name="Overrides">The swept values (plus any fixed <c>--set</c> values first).</param>
/// <param name="Swept">The swept paths and values, in axis order (the extra columns of index.csv and summary.csv).</param>
/// <param name="Seed">The seed of this replicate.</param>
public sealed record SweepPoint(int Index, string Id, string Folder, IReadOnlyList<ParameterOverride> Overrides, IReadOnlyList<KeyValuePair<string, string>> Swept, ulong Seed);

/// <summary>
/// Expands a sweep into points. Order (stable, documented): the Cartesian product of the axes with the LAST axis
/// varying fastest (as nested loops in file order, or Python's itertools.product), and for each combination the
/// seeds seed, seed+1, … innermost.
/// </summary>
public static class SweepPlan
{
    /// <summary>The largest number of points a sweep may expand to.</summary>
    public const int MaxPoints = 1_000_000;

    /// <summary>Expands <paramref name="sweep"/>; <paramref name="fixedOverrides"/> (<c>--set</c>) apply to every point.</summary>
    public static IReadOnlyList<SweepPoint> Expand(SweepDefinition sweep, ulong baseSeed, IReadOnlyList<ParameterOverride> fixedOverrides)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        ArgumentNullException.ThrowIfNull(fixedOverrides);
        long total = PointCount(sweep);
        if (total > MaxPoints)
        {
            throw new ArgumentException($"the sweep expands to more than {MaxPoints:N0} points", nameof(sweep));
        }

        var labels = Labels(sweep.Axes.SelectMany(a => a.Paths).ToList());
        var points = new List<SweepPoint>((int)total);
        var counters = new int[sweep.Axes.Count];
        var usedFolders = new HashSet<string>(StringComparer.OrdinalIgnoreCase); // x~1e-3 and x~1E-3 are one folder on macOS and Windows
        while (true)
        {
            var swept = new List<ParameterOverride>();
            for (int a = 0; a < sweep.Axes.Count; a++)
            {
                var axis = sweep.Axes[a];
                for (int c = 0; c < axis.Paths.Count; c++)
                {
                    swept.Add(new ParameterOverride(axis.Paths[c], axis.Rows[counters[a]][c]));
                }
            }

            for (int s = 0; s < sweep.Seeds; s++)
            {
                ulong seed = unchecked(baseSeed + (ulong)s);
                var values = swept.Select(o => new KeyValuePair<string, string>(o.Path, o.ValueText)).ToList();
                string id = Id(values, seed);
                string folder = Folder(values, labels, seed);
                if (!usedFolders.Add(folder))
                {
                    folder = folder + "_" + id;
                    usedFolders.Add(folder);
                }

                points.Add(new SweepPoint(points.Count, id, folder, [.. fixedOverrides, .. swept], values, seed));
            }

            // Odometer step: the last axis turns fastest.
            int axisIndex = sweep.Axes.Count - 1;
            while (axisIndex >= 0 && ++counters[axisIndex] == sweep.Axes[axisIndex].Rows.Count)
            {
                counters[axisIndex] = 0;
                axisIndex--;
            }

            if (axisIndex < 0)
            {
                return points;
            }
        }
    }

    /// <summary>How many points <paramref name="sweep"/> expands to, saturating a little above <see cref="MaxPoints"/>.</summary>
    public static long PointCount(SweepDefinition sweep)
    {
        ArgumentNullException.ThrowIfNull(sweep);
        return sweep.Axes.Aggregate(1L, (n, a) => Math.Min(MaxPoints + 1L, n * a.Rows.Count)) * sweep.Seeds;
    }

    /// <summary>Parses <c>I/N</c> (0 ≤ I &lt; N).</summary>
    public static bool TryParseShard(string text, out int index, out int count)
    {
        index = count = 0;
        string[] parts = (text ?? "").Split('/');
        return parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out index)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out count)
            && count > 0 && index < count;
    }

    private static string Id(IReadOnlyList<KeyValuePair<string, string>> values, ulong seed)
    {
        var text = new StringBuilder();
        foreach (var (path, value) in values)
        {
            text.Append(path).Append('=').Append(value).Append('\n');
        }

        text.Append(CultureInfo.InvariantCulture, $"seed={seed}");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..10];
    }

    private static string Folder(IReadOnlyList<KeyValuePair<string, string>> values, Dictionary<string, string> labels, ulong seed)
    {
        var parts = values.Select(v => labels[v.Key] + "~" + Sanitize(v.Value)).Append(string.Create(CultureInfo.InvariantCulture, $"seed~{seed}"));
        string folder = string.Join("_", parts);
        return folder.Length <= 150 ? folder : folder[..150];
    }

    /// <summary>The shortest unambiguous suffix of each path: <c>rate</c>, or <c>recurrent.rate</c> if two paths end in rate.</summary>
    private static Dictionary<string, string> Labels(List<string> paths)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (string path in paths.Distinct(StringComparer.Ordinal))
        {
            string[] segments = path.Split('.');
            for (int take = 1; take <= segments.Length; take++)
            {
                string label = string.Join(".", segments[^take..]);
                if (take == segments.Length || paths.Count(p => p.EndsWith("." + label, StringComparison.Ordinal) || p == label) == 1)
                {
                    labels[path] = label;
                    break;
                }
            }
        }

        return labels;
    }

    private static string Sanitize(string value)
    {
        var chars = value.Where(c => !char.IsWhiteSpace(c)).Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '+' ? c : '-').ToArray();
        return chars.Length == 0 ? "-" : new string(chars);
    }
}
