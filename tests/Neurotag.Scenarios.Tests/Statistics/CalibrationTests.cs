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

    [Fact]
    public void Welch_FalseAlarmRate_IsAlphaWithinTwoPoints()
    {
        double rate = RejectionRate(0, (a, b) => WelchTest.Compare(a, b, Alternative.TwoSided).P);
        Assert.InRange(rate, Alpha - 0.02, Alpha + 0.02);
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
