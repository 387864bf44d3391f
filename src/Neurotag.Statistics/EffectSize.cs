using MathNet.Numerics.Statistics;

namespace Neurotag.Statistics;

/// <summary>Cohen's d: the difference of means over the pooled sample standard deviation (Cohen 1988, Statistical Power Analysis, 2nd ed., eq. 2.5.2).</summary>
public static class EffectSize
{
    /// <summary>d of <paramref name="x"/> against <paramref name="y"/>; ±∞ when both samples are constant and differ, 0 when they are equal.</summary>
    public static double CohensD(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        double diff = x.Mean() - y.Mean();
        double pooled = Math.Sqrt((((x.Count - 1) * x.Variance()) + ((y.Count - 1) * y.Variance())) / (x.Count + y.Count - 2));
        return pooled == 0 ? (diff == 0 ? 0 : Math.Sign(diff) * double.PositiveInfinity) : diff / pooled;
    }
}
