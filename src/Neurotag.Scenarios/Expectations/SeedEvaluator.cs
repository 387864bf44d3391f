using System.Globalization;
using MathNet.Numerics.Distributions;
using Neurotag.Statistics;

namespace Neurotag.Scenarios.Expectations;

/// <summary>
/// Evaluates an expectation over seeds from the per-seed evaluators of its runs. Pure: the same values give the same
/// verdict. The mean's interval is Student's t; a fraction's is Clopper–Pearson (1934, Biometrika 26:404–413); an
/// effect is Welch's t or Mann–Whitney U (see Neurotag.Statistics) with Cohen's d.
/// </summary>
public static class SeedEvaluator
{
    /// <summary>
    /// Evaluates <paramref name="e"/> (which has <see cref="Expectation.OverSeeds"/>) on <paramref name="seeds"/>, one
    /// evaluator per seed; an effect's other condition is measured on <paramref name="versusSeeds"/> (another scenario's
    /// runs) or, when null, on the same runs.
    /// </summary>
    public static SeedExpectationResult Evaluate(Expectation e, IReadOnlyList<ExpectationEvaluator> seeds, IReadOnlyList<ExpectationEvaluator>? versusSeeds = null)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(seeds);
        var spec = e.OverSeeds ?? throw new ArgumentException("not an expectation over seeds", nameof(e));
        int n = seeds.Count;
        if (spec.Statistic == SeedStatistic.Fraction)
        {
            int passing = seeds.Count(s => s.EvaluateOne(e).Passed);
            var (low, high) = ClopperPearson(passing, n);
            bool ok = passing >= spec.Fraction * n;
            return new SeedExpectationResult(e, ok, "fraction passing", (double)passing / n, low, high, "", double.NaN, n, F($"{passing} of {n} seeds pass; {(ok ? "" : "NOT ")}≥ {spec.Fraction:P0}"));
        }

        var subject = Values(seeds, e.Subject);
        if (subject is null)
        {
            return Missing(e, n, $"{e.Subject.MetricText} was not measured in {e.Subject.PhaseText} for every seed");
        }

        return spec.Statistic == SeedStatistic.Effect ? Effect(e, spec.Effect!, subject, versusSeeds ?? seeds) : Mean(e, seeds, subject);
    }

    private static SeedExpectationResult Mean(Expectation e, IReadOnlyList<ExpectationEvaluator> seeds, double[] subject)
    {
        var checks = new List<(bool Ok, double P, string Text)>();
        var shown = SampleSummary.Of(subject);
        string statistic = "mean";
        foreach (var (bound, sign) in new[] { (e.Above, 1), (e.Below, -1) })
        {
            if (bound is null)
            {
                continue;
            }

            double[] values = subject;
            double threshold = bound.Value ?? (sign * bound.Margin);
            if (bound.Reference is { } reference)
            {
                // Against another measurement: the per-seed (paired) differences subject − reference.
                if (Values(seeds, reference) is not { } other)
                {
                    return Missing(e, seeds.Count, $"reference {bound} was not measured for every seed");
                }

                values = [.. subject.Select((v, k) => v - other[k])];
                shown = SampleSummary.Of(values);
                statistic = "mean difference";
            }

            var s = SampleSummary.Of(values);
            bool ok = sign > 0 ? s.CiLow > threshold : s.CiHigh < threshold;
            checks.Add((ok, OneSampleP(s, threshold, sign), F($"95% CI [{s.CiLow:G6}, {s.CiHigh:G6}] {(sign > 0 ? ">" : "<")} {threshold:G6}")));
        }

        if (e.Between is { } r)
        {
            var s = SampleSummary.Of(subject);
            checks.Add((s.CiLow >= r.Low && s.CiHigh <= r.High, Math.Max(OneSampleP(s, r.Low, 1), OneSampleP(s, r.High, -1)), F($"95% CI [{s.CiLow:G6}, {s.CiHigh:G6}] within [{r.Low:G6}, {r.High:G6}]")));
        }

        bool passed = checks.All(c => c.Ok);
        return new SeedExpectationResult(e, passed, statistic, shown.Mean, shown.CiLow, shown.CiHigh, "one-sample t", checks.Max(c => c.P), subject.Length, string.Join("; ", checks.Select(c => (c.Ok ? "" : "NOT ") + c.Text)));
    }

    private static SeedExpectationResult Effect(Expectation e, EffectSpec effect, double[] x, IReadOnlyList<ExpectationEvaluator> versusSeeds)
    {
        if (Values(versusSeeds, effect.Versus) is not { } y)
        {
            return Missing(e, x.Length, $"{effect.Versus.MetricText} was not measured in {effect.Versus.PhaseText} for every seed");
        }

        bool ratio = effect.Scale == EffectScale.Ratio;
        // The null hypothesis: mean(x) = mean(y) + margin (difference), or mean(x) = margin · mean(y) (ratio).
        double[] comparedY = ratio ? [.. y.Select(v => v * effect.Margin)] : y;
        double shift = ratio || effect.Sided == Alternative.TwoSided ? 0 : effect.Sided == Alternative.Greater ? effect.Margin : -effect.Margin;
        var test = effect.Test == EffectTest.Welch
            ? WelchTest.Compare(x, comparedY, effect.Sided, shift)
            : MannWhitneyTest.Compare(x, comparedY, effect.Sided, shift);
        var sx = SampleSummary.Of(x);
        var sy = SampleSummary.Of(y);
        double estimate, low, high;
        if (ratio)
        {
            // Delta-method interval of the ratio of means on Welch's degrees of freedom.
            estimate = sx.Mean / sy.Mean;
            double se = Math.Abs(estimate) * Math.Sqrt(Math.Pow(sx.Sem / sx.Mean, 2) + Math.Pow(sy.Sem / sy.Mean, 2));
            double df = double.IsNaN(test.Df) ? x.Length + y.Length - 2 : test.Df;
            double half = se == 0 || double.IsInfinity(df) ? 0 : StudentT.InvCDF(0, 1, df, 0.975) * se;
            (low, high) = (estimate - half, estimate + half);
        }
        else
        {
            estimate = sx.Mean - sy.Mean;
            (low, high) = WelchTest.DifferenceInterval(x, y);
        }

        double d = EffectSize.CohensD(x, y);
        bool dOk = effect.MinCohensD is not { } minD || effect.Sided switch
        {
            Alternative.Greater => d >= minD,
            Alternative.Less => d <= -minD,
            _ => Math.Abs(d) >= minD,
        };
        bool marginOk = effect.Sided != Alternative.TwoSided || ratio || Math.Abs(estimate) >= effect.Margin;
        bool significant = test.P < effect.Alpha;
        bool passed = significant && dOk && marginOk;
        string side = effect.Sided switch { Alternative.Greater => "greater", Alternative.Less => "less", _ => "two-sided" };
        string detail = F($"{(significant ? "" : "NOT ")}p = {test.P:G3} < α = {effect.Alpha:G3}; Cohen's d = {d:G3}")
            + (effect.MinCohensD is { } m ? F($" ({(dOk ? "" : "NOT ")}at least {m:G3} in the tested direction)") : "")
            + (marginOk ? "" : F($"; NOT |difference| ≥ {effect.Margin:G6}"))
            + F($"; means {sx.Mean:G6} vs {sy.Mean:G6}");
        return new SeedExpectationResult(e, passed, ratio ? "ratio of means" : "mean difference", estimate, low, high, $"{test.Test} ({side})", test.P, x.Length, detail);
    }

    /// <summary>One-sided one-sample t p-value of "mean beyond <paramref name="threshold"/>" (sign +1: above).</summary>
    private static double OneSampleP(SampleSummary s, double threshold, int sign)
    {
        if (s.Sem == 0 || double.IsNaN(s.Sem))
        {
            return sign * (s.Mean - threshold) > 0 ? 0 : 1;
        }

        return StudentT.CDF(0, 1, s.N - 1, -sign * (s.Mean - threshold) / s.Sem);
    }

    private static (double Low, double High) ClopperPearson(int k, int n) =>
        (k == 0 ? 0 : Beta.InvCDF(k, n - k + 1, 0.025), k == n ? 1 : Beta.InvCDF(k + 1, n - k, 0.975));

    private static double[]? Values(IReadOnlyList<ExpectationEvaluator> seeds, MetricRef metric)
    {
        var values = seeds.Select(s => s.Value(metric)).ToList();
        return values.Any(v => v is null || double.IsNaN(v.Value)) ? null : [.. values.Select(v => v!.Value)];
    }

    private static SeedExpectationResult Missing(Expectation e, int n, string why) =>
        new(e, false, "", double.NaN, double.NaN, double.NaN, "", double.NaN, n, why);

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
