using MathNet.Numerics.Distributions;
using MathNet.Numerics.Statistics;

namespace Neurotag.Statistics;

/// <summary>
/// n, mean, sample standard deviation (n − 1), standard error and the two-sided Student-t confidence interval of the
/// mean (Student 1908, Biometrika 6:1–25). With n = 1 the sd, sem and interval are NaN.
/// </summary>
public sealed record SampleSummary(int N, double Mean, double Sd, double Sem, double CiLow, double CiHigh)
{
    /// <summary>The summary of <paramref name="values"/> with a <paramref name="level"/> (default 95 %) interval.</summary>
    public static SampleSummary Of(IReadOnlyList<double> values, double level = 0.95)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            return new SampleSummary(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        double mean = values.Mean();
        if (values.Count == 1)
        {
            return new SampleSummary(1, mean, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        double sd = values.StandardDeviation();
        double sem = sd / Math.Sqrt(values.Count);
        double half = StudentT.InvCDF(0, 1, values.Count - 1, 0.5 + (level / 2)) * sem;
        return new SampleSummary(values.Count, mean, sd, sem, mean - half, mean + half);
    }
}
