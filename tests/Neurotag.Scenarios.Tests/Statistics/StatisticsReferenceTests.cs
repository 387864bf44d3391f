using Neurotag.Statistics;

namespace Neurotag.Scenarios.Tests.Statistics;

/// <summary>
/// The statistics against scipy 1.10.1 (Debian 12's python3-scipy), with x = [0.42, 0.51, 0.47, 0.60, 0.55] and
/// y = [0.38, 0.40, 0.45, 0.36, 0.49, 0.41]. Each expected number is scipy's, printed with repr(); the call is quoted.
/// Tolerance 1e-9 relative: both sides use double precision and the same closed forms, the Student-t CDF is MathNet's
/// incomplete beta (accurate to ~1e-14).
/// </summary>
public sealed class StatisticsReferenceTests
{
    private static readonly double[] X = [0.42, 0.51, 0.47, 0.60, 0.55];
    private static readonly double[] Y = [0.38, 0.40, 0.45, 0.36, 0.49, 0.41];

    private static void Near(double expected, double actual, double relative = 1e-9) =>
        Assert.True(Math.Abs(expected - actual) <= relative * Math.Abs(expected), $"expected {expected:R}, got {actual:R}");

    [Theory]
    // stats.ttest_ind(x, y, equal_var=False, alternative=alt) -> statistic 2.5871700180122206
    [InlineData(Alternative.TwoSided, 0.036590155796275524)]
    [InlineData(Alternative.Greater, 0.018295077898137762)]
    [InlineData(Alternative.Less, 0.9817049221018622)]
    public void Welch_MatchesScipy(Alternative alternative, double p)
    {
        var r = WelchTest.Compare(X, Y, alternative);
        Near(2.5871700180122206, r.Statistic);
        Near(p, r.P);
    }

    [Fact]
    public void Tost_IsTheLargerOfTheTwoShiftedOneSidedWelchTests()
    {
        // stats.ttest_ind(x, [v - 0.15 for v in y], equal_var=False, alternative='greater').pvalue = 0.0001524507464903912
        // stats.ttest_ind(x, [v + 0.15 for v in y], equal_var=False, alternative='less').pvalue    = 0.08925844943824504
        Near(0.08925844943824504, WelchTest.EquivalenceP(X, Y, 0.15), 1e-7);
    }

    [Theory]
    // stats.mannwhitneyu(x, y, alternative=alt) (exact: no ties, n < 8) -> statistic 27.0
    [InlineData(Alternative.TwoSided, 0.030303030303030304)]
    [InlineData(Alternative.Greater, 0.015151515151515152)]
    [InlineData(Alternative.Less, 0.9913419913419914)]
    public void MannWhitney_Exact_MatchesScipy(Alternative alternative, double p)
    {
        var r = MannWhitneyTest.Compare(X, Y, alternative);
        Assert.Equal(27.0, r.Statistic);
        Assert.Contains("exact", r.Test, StringComparison.Ordinal);
        Near(p, r.P);
    }

    [Theory]
    // a=[1,2,2,3,4,4,4,5,6,7]; b=[3,4,5,5,6,7,8,8,9,10,11]; stats.mannwhitneyu(a, b, alternative=alt) -> statistic 18.0
    // (ties: normal approximation with tie correction and continuity correction)
    [InlineData(Alternative.TwoSided, 0.009702476038481312)]
    [InlineData(Alternative.Greater, 0.9960593444526434)]
    [InlineData(Alternative.Less, 0.004851238019240656)]
    public void MannWhitney_TiesUseTheCorrectedNormalApproximation_MatchesScipy(Alternative alternative, double p)
    {
        double[] a = [1, 2, 2, 3, 4, 4, 4, 5, 6, 7];
        double[] b = [3, 4, 5, 5, 6, 7, 8, 8, 9, 10, 11];
        var r = MannWhitneyTest.Compare(a, b, alternative);
        Assert.Equal(18.0, r.Statistic);
        Assert.Contains("normal", r.Test, StringComparison.Ordinal);
        Near(p, r.P);
    }

    [Fact]
    public void MannWhitney_ExactTail_MatchesThePublishedTable()
    {
        // Mann & Whitney (1947), Table I, n=3, m=3: P(U <= 0) = 0.050, P(U <= 1) = 0.100 (1/20 and 2/20 of C(6,3)).
        Near(1.0 / 20, 1 - MannWhitneyTest.UpperTailExact(3, 3, 1));
        Near(2.0 / 20, 1 - MannWhitneyTest.UpperTailExact(3, 3, 2));
    }

    [Fact]
    public void Summary_And_CohensD_MatchNumpyAndScipy()
    {
        // stats.t.interval(0.95, 4, loc=np.mean(x), scale=stats.sem(x)) = (0.4235281086160855, 0.5964718913839145)
        // np.std(x, ddof=1) = 0.06964194138592061; sem = 0.03114482300479488
        var s = SampleSummary.Of(X);
        Assert.Equal(5, s.N);
        Near(0.51, s.Mean);
        Near(0.06964194138592061, s.Sd);
        Near(0.03114482300479488, s.Sem);
        Near(0.4235281086160855, s.CiLow);
        Near(0.5964718913839145, s.CiHigh);
        // (x.mean() - y.mean()) / sqrt(((5-1)*x.var(ddof=1) + (6-1)*y.var(ddof=1)) / 9) = 1.6252579532597722
        Near(1.6252579532597722, EffectSize.CohensD(X, Y));
    }

    [Theory]
    // nu = 2n - 2; delta = d*sqrt(n/2); c = t.ppf(0.975, nu); nct.sf(c, nu, delta) + nct.cdf(-c, nu, delta)
    [InlineData(5, 1.0, 0.28629549342627786)]
    [InlineData(20, 1.0, 0.8689530275835383)]
    [InlineData(10, 0.5, 0.18509565629118482)]
    public void Power_MatchesScipyNoncentralT(int n, double d, double power) =>
        Near(power, Power.TwoSampleT(n, n, d, 0.05), 1e-6); // numerical integration: 1e-6 relative
}
