using Neurotag.Core.Recording;

namespace Neurotag.Output;

/// <summary>
/// The units of everything a run wrote, for manifest.json's <c>units</c> and <c>weight_units</c>: filled row by row
/// by <see cref="CsvRunSink"/>, so the manifest names exactly the units the CSV files carry.
/// </summary>
internal sealed class UnitCatalog
{
    private readonly SortedDictionary<string, SortedDictionary<string, string>> _units = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, string> _weightUnits = new(StringComparer.Ordinal);
    private (string Kind, string Metric, ValueUnit Unit)? _lastCatalogued;

    /// <summary>Kind → metric → unit symbol, keys in ordinal order; several units of one metric joined by <c>|</c> in the order first written.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Units =>
        _units.ToDictionary(k => k.Key, IReadOnlyDictionary<string, string> (k) => k.Value, StringComparer.Ordinal);

    /// <summary>The weight unit of each projection with rows in weights.csv.</summary>
    public IReadOnlyDictionary<string, string> WeightUnits => _weightUnits;

    /// <summary>Notes the unit of a row of <paramref name="kind"/>'s <paramref name="metric"/>.</summary>
    public void Add(string kind, string metric, ValueUnit unit)
    {
        // Rows of one series follow each other; skip the lookups when nothing changed (the strings are the recorder's).
        if (_lastCatalogued is var (lastKind, lastMetric, lastUnit)
            && ReferenceEquals(lastKind, kind) && ReferenceEquals(lastMetric, metric) && ReferenceEquals(lastUnit, unit))
        {
            return;
        }

        _lastCatalogued = (kind, metric, unit);
        if (!_units.TryGetValue(kind, out var metrics))
        {
            _units[kind] = metrics = new SortedDictionary<string, string>(StringComparer.Ordinal);
        }

        if (!metrics.TryGetValue(metric, out string? known))
        {
            metrics[metric] = unit.Symbol;
        }
        else if (!known.Split('|').Contains(unit.Symbol, StringComparer.Ordinal))
        {
            metrics[metric] = known + "|" + unit.Symbol;
        }
    }

    /// <summary>Notes the weight unit of <paramref name="projection"/> (the first one written stands).</summary>
    public void AddWeights(string projection, ValueUnit unit) => _weightUnits.TryAdd(projection, unit.Symbol);
}
