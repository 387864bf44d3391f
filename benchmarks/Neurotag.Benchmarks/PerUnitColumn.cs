using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Neurotag.Benchmarks;

/// <summary>
/// A summary column that divides the mean time per operation (ns) by a per-case unit count, e.g. ns per synapse per
/// step = mean / (N·N). Shows "-" when the case has no unit count or no result.
/// </summary>
public sealed class PerUnitColumn : IColumn
{
    private readonly Func<BenchmarkCase, double?> _units;

    /// <summary>A column named <paramref name="columnName"/> showing mean / units(case).</summary>
    public PerUnitColumn(string columnName, string legend, Func<BenchmarkCase, double?> units)
    {
        ColumnName = columnName;
        Legend = legend;
        _units = units;
    }

    /// <summary>mean / (N·N): ns per dense synapse slot per step (per call for a non-step benchmark).</summary>
    public static PerUnitColumn NsPerSynapse(string columnName) =>
        new(columnName, "Mean time per operation divided by the N·N dense synapse slots of the recurrent projection", SquaredN);

    /// <inheritdoc />
    public string Id => nameof(PerUnitColumn) + "." + ColumnName;

    /// <inheritdoc />
    public string ColumnName { get; }

    /// <inheritdoc />
    public bool AlwaysShow => true;

    /// <inheritdoc />
    public ColumnCategory Category => ColumnCategory.Custom;

    /// <inheritdoc />
    public int PriorityInCategory => 0;

    /// <inheritdoc />
    public bool IsNumeric => true;

    /// <inheritdoc />
    public UnitType UnitType => UnitType.Dimensionless;

    /// <inheritdoc />
    public string Legend { get; }

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(benchmarkCase);
        double? mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
        double? units = _units(benchmarkCase);
        return mean is { } m && units is > 0 ? (m / units.Value).ToString("0.000", CultureInfo.InvariantCulture) : "-";
    }

    /// <inheritdoc />
    public bool IsAvailable(Summary summary) => true;

    /// <inheritdoc />
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    /// <inheritdoc />
    public override string ToString() => ColumnName;

    private static double? SquaredN(BenchmarkCase benchmarkCase)
    {
        var n = benchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name == "N")?.Value;
        return n is int value ? (double)value * value : null;
    }
}

/// <summary>Adds the ns/synapse/step column to the step benchmarks.</summary>
public sealed class RateStepConfig : ManualConfig
{
    /// <summary>The config.</summary>
    public RateStepConfig() => AddColumn(PerUnitColumn.NsPerSynapse("ns/synapse/step"));
}

/// <summary>Adds the ns/synapse column (per call) to the offline benchmarks.</summary>
public sealed class OfflineConfig : ManualConfig
{
    /// <summary>The config.</summary>
    public OfflineConfig() => AddColumn(PerUnitColumn.NsPerSynapse("ns/synapse"));
}

/// <summary>Adds the ns/element column to the kernel benchmarks.</summary>
public sealed class KernelConfig : ManualConfig
{
    /// <summary>The config.</summary>
    public KernelConfig() =>
        AddColumn(new PerUnitColumn("ns/element", "Mean time per call divided by the row length", _ => KernelBenchmarks.Length));
}
