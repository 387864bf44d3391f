using Neurotag.Core.Randomness;
using Neurotag.Core.Spiking.Inputs;

namespace Neurotag.Core.Tests.Spiking;

/// <summary>Correlated Poisson trains by the mixture method (Kuhn, Aertsen &amp; Rotter 2003; Brette 2009).</summary>
public sealed class CorrelatedPoissonTests
{
    /// <summary>
    /// 40 channels at 20 Hz for 200 s, dt 0.1 ms: every channel's rate within 6 % of r (expected count 4000, each channel
    /// is Poisson: sd 1.6 %, so 3.7 sd; plus the ≤ 0.2 % same-step loss), the mean over channels within 4 % (the shared
    /// parent correlates them: sd ≈ √(c/(r·T)) ≤ 1.1 %), and the mean pairwise correlation coefficient of counts in 10 ms bins
    /// within ±0.02 of c (20 000 bins: sd of one pair ≈ 0.007, averaged over 780 pairs). c = 0 checks independence.
    /// </summary>
    [Theory]
    [InlineData(0.0)]
    [InlineData(0.2)]
    [InlineData(0.5)]
    public void RateAndPairwiseCountCorrelation_MatchTheTargets(double c)
    {
        const int n = 40, binSteps = 100;
        const double dt = 0.1, rate = 20, seconds = 200;
        long steps = (long)(seconds * 1000 / dt);
        var trains = new CorrelatedPoissonTrains(n, c, dt, RandomSource.ForName(7, "poisson:parent"), RandomSource.ForName(7, "poisson:independent"));
        trains.Restart(rate, 0);
        int bins = (int)(steps / binSteps);
        var counts = new double[n, bins];
        for (long t = 0; t < steps; t++)
        {
            foreach (int k in trains.Step(t))
            {
                counts[k, t / binSteps]++;
            }
        }

        double all = 0;
        for (int k = 0; k < n; k++)
        {
            double total = 0;
            for (int b = 0; b < bins; b++)
            {
                total += counts[k, b];
            }

            Assert.InRange(total / seconds, rate * 0.94, rate * 1.06);
            all += total;
        }

        Assert.InRange(all / n / seconds, rate * 0.96, rate * 1.04);

        double sum = 0;
        int pairs = 0;
        for (int a = 0; a < n; a++)
        {
            for (int b = a + 1; b < n; b++)
            {
                sum += Correlation(counts, a, b, bins);
                pairs++;
            }
        }

        Assert.InRange(sum / pairs, c - 0.02, c + 0.02);
    }

    /// <summary>Rate 0 silences the trains; switching on again resumes them; the same streams give the same spikes.</summary>
    [Fact]
    public void SwitchingOffAndOn_IsSilentThenDeterministic()
    {
        CorrelatedPoissonTrains Make() => new(10, 0.3, 0.1, RandomSource.ForName(1, "a"), RandomSource.ForName(1, "b"));
        var first = Make();
        var second = Make();
        first.Restart(50, 0);
        second.Restart(50, 0);
        var spikesA = new List<(long, int)>();
        var spikesB = new List<(long, int)>();
        for (long t = 0; t < 30_000; t++)
        {
            if (t == 10_000)
            {
                first.Restart(0, t);
                second.Restart(0, t);
            }

            if (t == 20_000)
            {
                first.Restart(50, t);
                second.Restart(50, t);
            }

            foreach (int k in first.Step(t))
            {
                spikesA.Add((t, k));
            }

            foreach (int k in second.Step(t))
            {
                spikesB.Add((t, k));
            }
        }

        Assert.Equal(spikesA, spikesB);
        Assert.DoesNotContain(spikesA, s => s.Item1 is >= 10_000 and < 20_000);
        Assert.Contains(spikesA, s => s.Item1 >= 20_000);
    }

    private static double Correlation(double[,] counts, int a, int b, int bins)
    {
        double ma = 0, mb = 0;
        for (int k = 0; k < bins; k++)
        {
            ma += counts[a, k];
            mb += counts[b, k];
        }

        ma /= bins;
        mb /= bins;
        double cov = 0, va = 0, vb = 0;
        for (int k = 0; k < bins; k++)
        {
            double da = counts[a, k] - ma, db = counts[b, k] - mb;
            cov += da * db;
            va += da * da;
            vb += db * db;
        }

        return cov / Math.Sqrt(va * vb);
    }
}
