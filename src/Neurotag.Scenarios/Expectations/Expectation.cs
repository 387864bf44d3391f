using System.Globalization;

namespace Neurotag.Scenarios.Expectations;

/// <summary>
/// A recorded series averaged over one phase instance: <c>tag.NAME.METRIC[.OTHER]</c> or <c>population.NAME.rate</c>
/// in the phase named <see cref="Phase"/>. Which instance: the one with <see cref="Rep"/> if given; the first one
/// after the last instance of the phase or repeat block <see cref="After"/> if given; otherwise the last one.
/// </summary>
public sealed record MetricRef(string Phase, int? Rep, string? After, string Kind, string Name, string Metric, string Other)
{
    /// <summary>The metric as written, e.g. <c>tag.bend.coupling.pain</c>.</summary>
    public string MetricText => Other.Length == 0 ? $"{Kind}.{Name}.{Metric}" : $"{Kind}.{Name}.{Metric}.{Other}";

    /// <summary>Where it is measured, e.g. <c>probe-chronic rep 2</c> or <c>probe after rehab</c>.</summary>
    public string PhaseText => Phase + (Rep is { } r ? string.Create(CultureInfo.InvariantCulture, $" rep {r}") : "") + (After is { } a ? " after " + a : "");
}

/// <summary>A bound: a number, or another measured value plus a margin (<c>above: { phase: probe-before, by: 0.5 }</c>).</summary>
public sealed record Bound(double? Value, MetricRef? Reference, double Margin)
{
    /// <summary>Human-readable form.</summary>
    public override string ToString() => Value is { } v
        ? v.ToString("R", CultureInfo.InvariantCulture)
        : $"{Reference!.MetricText} in {Reference.PhaseText}" + (Margin != 0 ? string.Create(CultureInfo.InvariantCulture, $" by {Margin}") : "");
}

/// <summary>
/// One <c>expect:</c> entry. Strict comparisons for <see cref="Above"/> (measured &gt; bound + margin) and
/// <see cref="Below"/> (measured &lt; bound − margin); <see cref="Between"/> is inclusive.
/// </summary>
/// <param name="Line">Where it is written (1-based), for messages.</param>
/// <param name="Subject">What is measured.</param>
/// <param name="Above">Lower bound, or null.</param>
/// <param name="Below">Upper bound, or null.</param>
/// <param name="Between">Inclusive range, or null.</param>
public sealed record Expectation(int Line, MetricRef Subject, Bound? Above, Bound? Below, (double Low, double High)? Between)
{
    /// <summary>Set for an expectation over seeds (<c>over_seeds:</c>): judged on the distribution, not seed by seed.</summary>
    public SeedSpec? OverSeeds { get; init; }

    /// <summary>e.g. <c>tag.pain.activation in probe-chronic &gt; 0.6</c>.</summary>
    public string Label
    {
        get
        {
            var parts = new List<string>();
            if (Above is { } a)
            {
                parts.Add("> " + a);
            }

            if (Below is { } b)
            {
                parts.Add("< " + b);
            }

            if (Between is { } r)
            {
                parts.Add(string.Create(CultureInfo.InvariantCulture, $"in [{r.Low}, {r.High}]"));
            }

            string label = $"{Subject.MetricText} in {Subject.PhaseText} {string.Join(" and ", parts)}";
            return OverSeeds is not { } seeds ? label : seeds.Statistic switch
            {
                SeedStatistic.Fraction => string.Create(CultureInfo.InvariantCulture, $"{label} for {seeds.Fraction:P0} of {seeds.Seeds} seeds"),
                SeedStatistic.Effect => EffectLabel(seeds),
                _ => string.Create(CultureInfo.InvariantCulture, $"mean of {label} over {seeds.Seeds} seeds"),
            };
        }
    }

    private string EffectLabel(SeedSpec seeds)
    {
        var e = seeds.Effect!;
        string versus = $"{e.Versus.MetricText} in {e.Versus.PhaseText}" + (e.Scenario is { } other ? $" of {other}" : "");
        string op = e.Sided switch { Neurotag.Statistics.Alternative.Greater => ">", Neurotag.Statistics.Alternative.Less => "<", _ => "≠" };
        string threshold = e.Scale == EffectScale.Ratio
            ? string.Create(CultureInfo.InvariantCulture, $"{e.Margin}")
            : string.Create(CultureInfo.InvariantCulture, $"{(e.Sided == Neurotag.Statistics.Alternative.Less ? -e.Margin : e.Margin)}");
        string scale = e.Scale == EffectScale.Ratio ? "ratio" : "difference";
        string d = e.MinCohensD is { } minD ? string.Create(CultureInfo.InvariantCulture, $", |d| ≥ {minD}") : "";
        return string.Create(CultureInfo.InvariantCulture, $"{scale} {Subject.MetricText} in {Subject.PhaseText} vs {versus} {op} {threshold} over {seeds.Seeds} seeds{d}");
    }
}

/// <summary>The outcome of one expectation on one run.</summary>
/// <param name="Expectation">The expectation.</param>
/// <param name="Passed">Whether it held.</param>
/// <param name="Measured">The measured value (NaN if it could not be measured).</param>
/// <param name="Detail">The comparison with numbers, e.g. <c>0.859 &gt; 0.021 + 0.5 = 0.521</c>, or why it could not be measured.</param>
public sealed record ExpectationResult(Expectation Expectation, bool Passed, double Measured, string Detail);
