using Neurotag.Statistics;

namespace Neurotag.Scenarios.Tests.Statistics;

/// <summary>
/// Calibration by simulation, the way the baseline check uses the tests: 1000 synthetic reruns of n = 20 seeds from a
/// fixed normal distribution against a baseline of 20 from the same one. Seeded (System.Random 1234), so the counts
/// are fixed; the tolerances are the ones the issue sets (2 percentage points of α) plus, for power, 3 binomial
/// standard errors (√(0.87·0.13/1000) ≈ 1.1 %, so ±3.5 points).
/// </summary>
public sealed class CalibrationTests
{
    private const int Reruns = 1000;
    private const int N = 20;
    private const double Alpha = 0.05;

    private static double[] Draw(Random random, int n, double mean)
    {
        var values = new double[n];
        for (int i = 0; i < n; i++)
        {
            // Box–Muller: two uniforms give a standard normal.
            double u1 = 1 - random.NextDouble(), u2 = random.NextDouble();
            values[i] = mean + (Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2));
        }

        return values;
    }

    private static double RejectionRate(double shift, Func<double[], double[], double> p)
    {
        var random = new Random(1234);
        int rejected = 0;
        for (int k = 0; k < Reruns; k++)
        {
            double[] baseline = Draw(random, N, 0), rerun = Draw(random, N, shift);
            rejected += p(rerun, baseline) < Alpha ? 1 : 0;
        }

        return (double)rejected / Reruns;
    }

    /// <summary>The baseline check's verdict as a p-like number: 0 when it flags the metric as moved.</summary>
    private static Func<double[], double[], double> Baseline(double relativeMargin) =>
        (rerun, baseline) => BaselineComparison.Of(baseline, rerun, relativeMargin, Alpha).Verdict == BaselineVerdict.Moved ? 0 : 1;

    [Fact]
    public void Welch_FalseAlarmRate_IsAlphaWithinTwoPoints()
    {
        double rate = RejectionRate(0, (a, b) => WelchTest.Compare(a, b, Alternative.TwoSided).P);
        Assert.InRange(rate, Alpha - 0.02, Alpha + 0.02);
    }

    [Fact]
    public void BaselineCheck_WithoutMargin_FalseAlarmRate_IsAlphaWithinTwoPoints()
    {
        double rate = RejectionRate(0, Baseline(0));
        Assert.InRange(rate, Alpha - 0.02, Alpha + 0.02);
    }

    [Fact]
    public void BaselineCheck_WithAnEquivalenceMargin_RaisesNoMoreFalseAlarms()
    {
        // Mean 10, sd 1 (shifted draws): a 10 % margin is 1 sd. A flag now needs Welch's rejection and no equivalence,
        // so the rate cannot exceed the Welch rate above; the bound is α + 2 points, as for the test alone.
        var random = new Random(99);
        int flagged = 0;
        for (int k = 0; k < Reruns; k++)
        {
            double[] baseline = [.. Draw(random, N, 0).Select(v => v + 10)], rerun = [.. Draw(random, N, 0).Select(v => v + 10)];
            flagged += BaselineComparison.Of(baseline, rerun, 0.1, Alpha).Verdict == BaselineVerdict.Moved ? 1 : 0;
        }

        Assert.InRange((double)flagged / Reruns, 0, Alpha + 0.02);
    }

    [Fact]
    public void BaselineCheck_DetectsAOneSdShift_WithTheClaimedPower()
    {
        double claimed = Power.TwoSampleT(N, N, 1.0, Alpha);
        double rate = RejectionRate(1.0, Baseline(0));
        Assert.InRange(rate, claimed - 0.035, claimed + 0.035);
    }

    [Fact]
    public void MannWhitney_FalseAlarmRate_IsAlphaWithinTwoPoints()
    {
        double rate = RejectionRate(0, (a, b) => MannWhitneyTest.Compare(a, b, Alternative.TwoSided).P);
        Assert.InRange(rate, Alpha - 0.02, Alpha + 0.02);
    }

    [Fact]
    public void Welch_DetectsAOneSdShift_WithTheClaimedPower()
    {
        double claimed = Power.TwoSampleT(N, N, 1.0, Alpha); // 0.869 (scipy nct, see StatisticsReferenceTests)
        double rate = RejectionRate(1.0, (a, b) => WelchTest.Compare(a, b, Alternative.TwoSided).P);
        Assert.InRange(rate, claimed - 0.035, claimed + 0.035);
    }
}
