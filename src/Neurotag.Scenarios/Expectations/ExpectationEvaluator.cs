using System.Globalization;
using Neurotag.Core.Recording;
using Neurotag.Core.Specs;

namespace Neurotag.Scenarios.Expectations;

/// <summary>
/// Collects summary rows per phase instance (a sink for <c>check</c>, which needs no files), then evaluates
/// expectations against them. Pure: the same rows give the same verdicts.
/// </summary>
public sealed class ExpectationEvaluator : IRecordSink
{
    private readonly IReadOnlyList<PhaseSpec> _protocol;
    private readonly List<Dictionary<(string Kind, string Name, string Metric, string Other), double>> _instances = [];
    private Dictionary<(string, string, string, string), double> _current = [];

    /// <summary>An evaluator for runs of <paramref name="protocol"/>.</summary>
    public ExpectationEvaluator(IReadOnlyList<PhaseSpec> protocol) => _protocol = protocol;

    /// <inheritdoc />
    public void Write(in TagSample sample)
    {
    }

    /// <inheritdoc />
    public void Write(in PopulationSample sample)
    {
    }

    /// <inheritdoc />
    public void Write(in WeightBlockSample sample)
    {
    }

    /// <inheritdoc />
    public void Write(in WeightHistogramSample sample)
    {
    }

    /// <inheritdoc />
    public void Write(in SummaryRow row) => _current[(row.Kind, row.Name, row.Metric, row.Other)] = row.Value;

    /// <inheritdoc />
    public void PhaseCompleted(int instance)
    {
        while (_instances.Count < instance)
        {
            _instances.Add([]);
        }

        _instances.Add(_current);
        _current = [];
    }

    /// <summary>
    /// Records one summary value of protocol entry <paramref name="instance"/> directly, for expectations evaluated
    /// afterwards from a run folder's summary.csv (the figures' pass/fail marks) rather than from a live run.
    /// </summary>
    public void Record(int instance, string kind, string name, string metric, string other, double value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(instance);
        while (_instances.Count <= instance)
        {
            _instances.Add([]);
        }

        _instances[instance][(kind, name, metric, other)] = value;
    }

    /// <summary>
    /// Evaluates every expectation on this one run. An effect over seeds (<see cref="SeedStatistic.Effect"/>) has no
    /// meaning for one run and is left out; a mean or fraction over seeds is checked as its bound on this run.
    /// </summary>
    public IReadOnlyList<ExpectationResult> Evaluate(IEnumerable<Expectation> expectations)
    {
        ArgumentNullException.ThrowIfNull(expectations);
        return expectations.Where(e => e.OverSeeds?.Statistic != SeedStatistic.Effect).Select(EvaluateOne).ToList();
    }

    /// <summary>Evaluates the bounds of <paramref name="e"/> on this run (for an expectation over seeds: this seed's part).</summary>
    public ExpectationResult EvaluateOne(Expectation e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (Measure(e.Subject) is not { } measured)
        {
            return new ExpectationResult(e, false, double.NaN, $"{e.Subject.MetricText} was not measured in {e.Subject.PhaseText}");
        }

        var checks = new List<(bool Ok, string Text)>();
        if (e.Above is { } above)
        {
            if (BoundValue(above) is not { } lower)
            {
                return new ExpectationResult(e, false, measured, $"reference {above} was not measured");
            }

            checks.Add((measured > lower, F($"{measured:G6} > {lower:G6}")));
        }

        if (e.Below is { } below)
        {
            if (BoundValue(below, sign: -1) is not { } upper)
            {
                return new ExpectationResult(e, false, measured, $"reference {below} was not measured");
            }

            checks.Add((measured < upper, F($"{measured:G6} < {upper:G6}")));
        }

        if (e.Between is { } r)
        {
            checks.Add((measured >= r.Low && measured <= r.High, F($"{r.Low:G6} ≤ {measured:G6} ≤ {r.High:G6}")));
        }

        bool passed = checks.All(c => c.Ok) && !double.IsNaN(measured);
        return new ExpectationResult(e, passed, measured, string.Join("; ", checks.Select(c => (c.Ok ? "" : "NOT ") + c.Text)));
    }

    /// <summary>The measured value of <paramref name="metric"/> on this run, or null when it was not measured.</summary>
    public double? Value(MetricRef metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        return Measure(metric);
    }

    private double? BoundValue(Bound bound, int sign = 1) =>
        bound.Value is { } v ? v : Measure(bound.Reference!) is { } reference ? reference + (sign * bound.Margin) : null;

    private double? Measure(MetricRef metric)
    {
        int instance = FindInstance(metric);
        if (instance < 0 || instance >= _instances.Count)
        {
            return null;
        }

        return _instances[instance].TryGetValue((metric.Kind, metric.Name, metric.Metric, metric.Other), out double value) ? value : null;
    }

    /// <summary>The protocol index the reference points at (−1 when there is none).</summary>
    public int FindInstance(MetricRef metric)
    {
        int start = 0;
        if (metric.After is { } after)
        {
            int last = -1;
            for (int k = 0; k < _protocol.Count; k++)
            {
                if (_protocol[k].Name == after || _protocol[k].Block == after)
                {
                    last = k;
                }
            }

            if (last < 0)
            {
                return -1;
            }

            start = last + 1;
        }

        int found = -1;
        for (int k = start; k < _protocol.Count; k++)
        {
            if (_protocol[k].Name == metric.Phase && (metric.Rep is null || _protocol[k].Rep == metric.Rep))
            {
                if (metric.After is not null)
                {
                    return k;
                }

                found = k;
            }
        }

        return found;
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
