using MathNet.Numerics.Distributions;
using MathNet.Numerics.Statistics;

namespace Neurotag.Statistics;

/// <summary>
/// Welch's unequal-variances t-test (Welch 1947, Biometrika 34:28–35) with the Welch–Satterthwaite degrees of freedom;
/// p from MathNet's Student-t CDF. Also the interval of the difference of means and the TOST equivalence test
/// (Schuirmann 1987, J Pharmacokinet Biopharm 15:657–680) built on the same standard error.
/// </summary>
public static class WelchTest
{
    /// <summary>Tests mean(<paramref name="x"/>) − mean(<paramref name="y"/>) against <paramref name="shift"/> (H0: the difference equals the shift).</summary>
    public static TestResult Compare(IReadOnlyList<double> x, IReadOnlyList<double> y, Alternative alternative, double shift = 0)
    {
        var (diff, se, df) = Moments(x, y);
        if (se == 0)
        {
            // Both samples constant: the difference is known exactly.
            double d = diff - shift;
            double p0 = alternative switch
            {
                Alternative.Greater => d > 0 ? 0 : 1,
                Alternative.Less => d < 0 ? 0 : 1,
                _ => d != 0 ? 0 : 1,
            };
            return new TestResult("Welch t", d == 0 ? 0 : Math.Sign(d) * double.PositiveInfinity, df, p0, alternative);
        }

        double t = (diff - shift) / se;
        double p = alternative switch
        {
            Alternative.Greater => StudentT.CDF(0, 1, df, -t),
            Alternative.Less => StudentT.CDF(0, 1, df, t),
            _ => Math.Min(1, 2 * StudentT.CDF(0, 1, df, -Math.Abs(t))),
        };
        return new TestResult("Welch t", t, df, p, alternative);
    }

    /// <summary>The two-sided <paramref name="level"/> interval of mean(x) − mean(y) on Welch's standard error and df.</summary>
    public static (double Low, double High) DifferenceInterval(IReadOnlyList<double> x, IReadOnlyList<double> y, double level = 0.95)
    {
        var (diff, se, df) = Moments(x, y);
        double half = se == 0 ? 0 : StudentT.InvCDF(0, 1, df, 0.5 + (level / 2)) * se;
        return (diff - half, diff + half);
    }

    /// <summary>
    /// Two one-sided tests of equivalence within ±<paramref name="margin"/>: p = max of the tests of H0 diff ≤ −margin
    /// and H0 diff ≥ +margin. p &lt; α claims |difference| &lt; margin at level α (Schuirmann 1987).
    /// </summary>
    public static double EquivalenceP(IReadOnlyList<double> x, IReadOnlyList<double> y, double margin)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(margin);
        double lower = Compare(x, y, Alternative.Greater, -margin).P;
        double upper = Compare(x, y, Alternative.Less, margin).P;
        return Math.Max(lower, upper);
    }

    private static (double Diff, double Se, double Df) Moments(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count < 2 || y.Count < 2)
        {
            throw new ArgumentException("Welch's test needs at least two values in each sample");
        }

        double vx = x.Variance() / x.Count, vy = y.Variance() / y.Count;
        double se = Math.Sqrt(vx + vy);
        double df = se == 0 ? x.Count + y.Count - 2 : (vx + vy) * (vx + vy) / ((vx * vx / (x.Count - 1)) + (vy * vy / (y.Count - 1)));
        return (x.Mean() - y.Mean(), se, df);
    }
}
