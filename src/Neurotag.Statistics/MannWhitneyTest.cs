using MathNet.Numerics.Distributions;

namespace Neurotag.Statistics;

/// <summary>
/// The Mann–Whitney U test (Mann &amp; Whitney 1947, Ann Math Stat 18:50–60): U of the first sample is its rank sum
/// minus n₁(n₁+1)/2. Like scipy.stats.mannwhitneyu's 'auto' method, p is exact (the null distribution of U counted
/// by recursion over ranks) when a sample has fewer than 8 values and there are no ties, else the normal
/// approximation with the tie-corrected variance and a continuity correction (Lehmann 1975, Nonparametrics, §1.4).
/// MathNet has no rank test, so this is written here.
/// </summary>
public static class MannWhitneyTest
{
    /// <summary>Tests whether values of <paramref name="x"/> − <paramref name="shift"/> tend to differ from <paramref name="y"/>'s.</summary>
    public static TestResult Compare(IReadOnlyList<double> x, IReadOnlyList<double> y, Alternative alternative, double shift = 0)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count == 0 || y.Count == 0)
        {
            throw new ArgumentException("the Mann–Whitney test needs values in both samples");
        }

        int n1 = x.Count, n2 = y.Count, n = n1 + n2;
        var all = x.Select(v => (Value: v - shift, First: true)).Concat(y.Select(v => (Value: v, First: false))).OrderBy(p => p.Value).ToArray();
        double rankSumX = 0, tieTerm = 0;
        bool ties = false;
        for (int i = 0; i < n;)
        {
            int j = i;
            while (j + 1 < n && all[j + 1].Value == all[i].Value)
            {
                j++;
            }

            double midRank = ((i + j) / 2.0) + 1;
            int t = j - i + 1;
            if (t > 1)
            {
                ties = true;
                tieTerm += ((double)t * t * t) - t;
            }

            for (int k = i; k <= j; k++)
            {
                rankSumX += all[k].First ? midRank : 0;
            }

            i = j + 1;
        }

        double u1 = rankSumX - (n1 * (n1 + 1) / 2.0);
        double u2 = ((double)n1 * n2) - u1;
        // The statistic whose upper tail is the evidence for the alternative (two-sided: the larger one, doubled).
        double u = alternative switch { Alternative.Greater => u1, Alternative.Less => u2, _ => Math.Max(u1, u2) };
        double p;
        string name;
        if (!ties && Math.Min(n1, n2) < 8)
        {
            p = UpperTailExact(n1, n2, (int)Math.Round(u));
            name = "Mann–Whitney U (exact)";
        }
        else
        {
            double mu = n1 * n2 / 2.0;
            double sigma = Math.Sqrt(n1 * n2 / 12.0 * (n + 1 - (tieTerm / (n * (n - 1.0)))));
            p = sigma == 0 ? 1 : 1 - Normal.CDF(0, 1, (u - mu - 0.5) / sigma);
            name = "Mann–Whitney U (normal approx.)";
        }

        if (alternative == Alternative.TwoSided)
        {
            p *= 2;
        }

        return new TestResult(name, u1, double.NaN, Math.Clamp(p, 0, 1), alternative);
    }

    /// <summary>P(U ≥ <paramref name="u"/>) under the null, for samples of <paramref name="n1"/> and <paramref name="n2"/> distinct values.</summary>
    public static double UpperTailExact(int n1, int n2, int u)
    {
        var counts = NullCounts(Math.Min(n1, n2), Math.Max(n1, n2));
        double total = counts.Sum();
        double tail = 0;
        for (int k = Math.Max(0, u); k < counts.Length; k++)
        {
            tail += counts[k];
        }

        return tail / total;
    }

    /// <summary>
    /// How many of the C(m+n, m) rank assignments give each U = 0..mn: choosing m of the ranks 1..m+n, counted by the
    /// number chosen and their sum (U = rank sum − m(m+1)/2).
    /// </summary>
    private static double[] NullCounts(int m, int n)
    {
        int total = m + n;
        int maxSum = m * (total + total - m + 1) / 2;
        var ways = new double[m + 1, maxSum + 1];
        ways[0, 0] = 1;
        for (int rank = 1; rank <= total; rank++)
        {
            for (int chosen = Math.Min(rank, m); chosen >= 1; chosen--)
            {
                for (int s = maxSum; s >= rank; s--)
                {
                    ways[chosen, s] += ways[chosen - 1, s - rank];
                }
            }
        }

        int offset = m * (m + 1) / 2;
        var counts = new double[(m * n) + 1];
        for (int k = 0; k < counts.Length; k++)
        {
            counts[k] = ways[m, k + offset];
        }

        return counts;
    }
}
