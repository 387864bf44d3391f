using System.Globalization;
using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Sweeps;

/// <summary>What checking a sweep found: its problems, and the largest network state any point needs.</summary>
/// <param name="Errors">Unknown paths, and values that make a point invalid, each at the value in the sweep block.</param>
/// <param name="MaxMemoryBytes">The largest estimated network state of the points compiled (null when none compiled).</param>
/// <param name="CombinationsChecked">Whether every combination of the axes was compiled, not only each value once.</param>
public sealed record SweepCheck(IReadOnlyList<Diagnostic> Errors, long? MaxMemoryBytes, bool CombinationsChecked);

/// <summary>
/// Checks a sweep's points before any runs, the way their runs would: every swept path must exist, and every point's
/// overrides must compile. Used by <c>validate</c> (every problem is an error) and by <c>sweep</c>/<c>slurm</c> (an
/// unknown path stops the sweep; a bad value fails only its own point, later).
/// </summary>
public static class SweepValidation
{
    /// <summary>
    /// Combinations compiled at most: beyond, each value is compiled once, with the first value of every other axis,
    /// which finds every error of a single value but not every one that only a pair of values makes.
    /// </summary>
    public const int MaxCombinations = 1_000;

    /// <summary>
    /// Swept paths that address nothing in the scenario: not in the file, or (when the file leaves the last key out) a
    /// key the compiler does not know there.
    /// </summary>
    public static List<Diagnostic> UnknownPaths(ScenarioDocument document, SweepDefinition sweep, IReadOnlyList<ParameterOverride> fixedOverrides)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(sweep);
        var errors = new List<Diagnostic>();
        foreach (var axis in sweep.Axes)
        {
            errors.AddRange(UnknownPaths(document, axis, fixedOverrides));
        }

        return errors;
    }

    /// <summary>
    /// The unknown paths, then the points' values: every combination of the axes up to <see cref="MaxCombinations"/>,
    /// else each value once. An error a point's values cause is reported at the value in the sweep block (or the
    /// --grid flag), naming the point, and the key it broke when that is elsewhere. Seeds do not change validity.
    /// </summary>
    public static SweepCheck Check(ScenarioDocument document, SweepDefinition sweep, IReadOnlyList<ParameterOverride> fixedOverrides, ScenarioOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(sweep);
        ArgumentNullException.ThrowIfNull(fixedOverrides);
        var errors = new List<Diagnostic>();
        var baseRun = ScenarioLoader.Compile(document, fixedOverrides, options);
        var known = baseRun.Errors.Select(Key).ToHashSet(StringComparer.Ordinal);
        long? maxBytes = baseRun.MemoryBytes;
        var axes = new List<SweepAxis>();
        foreach (var axis in sweep.Axes)
        {
            var pathErrors = UnknownPaths(document, axis, fixedOverrides);
            errors.AddRange(pathErrors);
            if (pathErrors.Count == 0)
            {
                axes.Add(axis);
            }
        }

        // Only points the sweep will run are compiled (a value alone, with the other swept paths at the file's values,
        // may be an error no point has): every combination when there are few enough, else each value with the
        // first value of every other axis. An error the base run does not have belongs to the point, reported once.
        long combinations = axes.Aggregate(1L, (n, a) => Math.Min(MaxCombinations + 1L, n * a.Rows.Count));
        bool everyCombination = combinations <= MaxCombinations;
        var points = axes.Count == 0 ? [] : everyCombination ? Combinations(axes) : EachValueOnce(axes);
        foreach (var point in points)
        {
            var compiled = ScenarioLoader.Compile(document, [.. fixedOverrides, .. point], options);
            maxBytes = Max(maxBytes, compiled.MemoryBytes);
            foreach (var error in compiled.Errors.Where(e => known.Add(Key(e))))
            {
                errors.Add(AtValue(error, point, document.File));
            }
        }

        return new SweepCheck(errors, maxBytes, everyCombination);
    }

    private static List<Diagnostic> UnknownPaths(ScenarioDocument document, SweepAxis axis, IReadOnlyList<ParameterOverride> fixedOverrides)
    {
        // A path whose last key the file leaves out is grafted in, so a misspelled last key shows as the compiler's
        // "unknown key" at that path, or at the grafted node's position inside a protocol item.
        var probe = Point(axis, axis.Rows[0]);
        var pathErrors = new List<Diagnostic>();
        _ = YamlTreeEditor.Apply(document.Root, probe, document.File, pathErrors);
        if (pathErrors.Count == 0)
        {
            var compiled = ScenarioLoader.Compile(document, [.. fixedOverrides, .. probe]);
            pathErrors.AddRange(compiled.Errors.Where(e => e.Message.StartsWith("unknown key", StringComparison.Ordinal) && (axis.Paths.Contains(e.Path) || probe.Any(o => IsGraftedKey(e, o, document.File)))));
        }

        return pathErrors;
    }

    /// <summary>
    /// Whether <paramref name="error"/> is about the key <see cref="YamlTreeEditor"/> grafted for <paramref name="o"/>:
    /// that key sits at the value's position. (Inside lists the compiler's path uses indices, <c>protocol[6].duratoin</c>,
    /// so comparing paths alone misses a misspelled last key of a protocol item.)
    /// </summary>
    private static bool IsGraftedKey(Diagnostic error, ParameterOverride o, string file) =>
        error.Message == $"unknown key '{o.Path[(o.Path.LastIndexOf('.') + 1)..]}'"
        && At(error, o.Value, file);

    private static bool At(Diagnostic error, YamlNodeBase node, string file) =>
        error.File == (node.Origin ?? file) && error.Line == node.Start.Line && error.Column == node.Start.Column;

    private static List<ParameterOverride> Point(SweepAxis axis, IReadOnlyList<YamlNodeBase> row) =>
        [.. axis.Paths.Select((p, c) => new ParameterOverride(p, row[c]))];

    /// <summary>Each row of each axis once, with the first row of every other axis.</summary>
    private static IEnumerable<List<ParameterOverride>> EachValueOnce(List<SweepAxis> axes)
    {
        for (int i = 0; i < axes.Count; i++)
        {
            for (int r = i == 0 ? 0 : 1; r < axes[i].Rows.Count; r++)
            {
                int axis = i, row = r;
                yield return [.. axes.SelectMany((a, k) => Point(a, a.Rows[k == axis ? row : 0]))];
            }
        }
    }

    /// <summary>Every combination of one row per axis, the last axis turning fastest (as the sweep expands them).</summary>
    private static IEnumerable<List<ParameterOverride>> Combinations(List<SweepAxis> axes)
    {
        var counters = new int[axes.Count];
        while (true)
        {
            yield return [.. axes.SelectMany((a, i) => Point(a, a.Rows[counters[i]]))];
            int k = axes.Count - 1;
            while (k >= 0 && ++counters[k] == axes[k].Rows.Count)
            {
                counters[k] = 0;
                k--;
            }

            if (k < 0)
            {
                yield break;
            }
        }
    }

    /// <summary>
    /// The error as the sweep's: where it already points at one of the point's values, kept there (naming the
    /// point's other values, if any); otherwise moved to the point's first value, saying which values and which key.
    /// </summary>
    private static Diagnostic AtValue(Diagnostic error, List<ParameterOverride> point, string file)
    {
        string values = string.Join(", ", point.Select(o => o.Path + "=" + o.ValueText));
        if (point.Any(o => At(error, o.Value, file)))
        {
            // At the value itself: alone it needs no more words; in a combination, the other values are part of the cause.
            return point.Count == 1 ? error : error with { Message = $"{error.Message} (at the point {values})" };
        }

        var first = point[0].Value;
        string where = error.Path.Length > 0 ? error.Path : "the scenario";
        string at = error.File == file ? string.Create(CultureInfo.InvariantCulture, $" (line {error.Line}, column {error.Column})") : "";
        return new Diagnostic(first.Origin ?? file, first.Start.Line, first.Start.Column, point[0].Path, $"the point {values} makes {where}{at} invalid: {error.Message}", error.Hint);
    }

    private static string Key(Diagnostic d) => $"{d.File}:{d.Line}:{d.Column}: {d.Path}: {d.Message}";

    private static long? Max(long? a, long? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);
}
