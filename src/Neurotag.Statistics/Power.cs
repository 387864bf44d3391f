using MathNet.Numerics;
using MathNet.Numerics.Distributions;

namespace Neurotag.Statistics;

/// <summary>
/// The power a two-sample t-test claims: P(|T| &gt; t₁₋α/₂) where T is noncentral t with ν = n₁ + n₂ − 2 and
/// noncentrality δ = d·√(n₁n₂/(n₁+n₂)) (Cohen 1988, ch. 2). MathNet has no noncentral t, so its tail is integrated
/// over the χ² of the variance: P(T &gt; c) = ∫ Φ(δ − c√(v/ν)) f_χ²(v; ν) dv.
/// </summary>
public static class Power
{
    /// <summary>Power of the two-sided test at level <paramref name="alpha"/> to detect a shift of <paramref name="d"/> standard deviations.</summary>
    public static double TwoSampleT(int n1, int n2, double d, double alpha)
    {
        int nu = n1 + n2 - 2;
        double delta = d * Math.Sqrt(n1 * (double)n2 / (n1 + n2));
        double c = StudentT.InvCDF(0, 1, nu, 1 - (alpha / 2));
        return UpperTail(c, nu, delta) + (1 - UpperTail(-c, nu, delta));
    }

    private static double UpperTail(double c, int nu, double delta)
    {
        double upper = nu + (40 * Math.Sqrt(2.0 * nu)) + 40;
        return Integrate.OnClosedInterval(v => Normal.CDF(0, 1, delta - (c * Math.Sqrt(v / nu))) * ChiSquared.PDF(nu, v), 0, upper, 1e-10);
    }
}
