namespace Neurotag.Core.Tests.Spiking.AdEx;

/// <summary>
/// The operational firing-class criteria of Fixtures/adex/README.md ("Firing-class criteria"), applied to the spike
/// times of a step-current response. d_k are the ISIs, r_k = d_{k+1}/d_k; the tail is the second half of the ISIs;
/// a tail ISI is long if &gt; 0.5·max(tail). A = mean (d_{k+1} − d_k)/(d_{k+1} + d_k) is the adaptation index
/// (Naud et al. 2008; Allen Institute ephys features). CVs use the population standard deviation. The first rule that
/// holds wins.
/// </summary>
internal static class FiringClassifier
{
    public static FiringClass Classify(IReadOnlyList<double> spikeTimesMs)
    {
        ArgumentNullException.ThrowIfNull(spikeTimesMs);
        if (spikeTimesMs.Count == 0)
        {
            return FiringClass.Silent;
        }

        if (spikeTimesMs.Count < 5)
        {
            return FiringClass.Transient;
        }

        var d = new double[spikeTimesMs.Count - 1];
        for (int k = 0; k < d.Length; k++)
        {
            d[k] = spikeTimesMs[k + 1] - spikeTimesMs[k];
        }

        return ClassifyIsis(d);
    }

    /// <summary>The class of an ISI sequence (ms) of a train with at least 5 spikes.</summary>
    public static FiringClass ClassifyIsis(IReadOnlyList<double> d)
    {
        ArgumentNullException.ThrowIfNull(d);
        if (d.Count < 4)
        {
            throw new ArgumentException("at least 4 ISIs (5 spikes)", nameof(d));
        }

        var r = Enumerable.Range(0, d.Count - 1).Select(k => d[k + 1] / d[k]).ToArray();
        double adaptation = Enumerable.Range(0, d.Count - 1).Average(k => (d[k + 1] - d[k]) / (d[k + 1] + d[k]));
        double lastOverFirst = d[^1] / d[0];
        double rMax = r.Max();
        double rMin = r.Min();
        int rMaxAt = Array.IndexOf(r, rMax) + 1; // 1-based k of r_k = d_{k+1}/d_k

        var tail = d.Skip(d.Count / 2).ToArray();
        double tailCv = Cv(tail);
        double half = 0.5 * tail.Max();
        var longIsis = tail.Where(x => x > half).ToArray();
        var shortIsis = tail.Where(x => x <= half).ToArray();

        if (longIsis.Length >= 2 && shortIsis.Length > 0 && longIsis.Min() / shortIsis.Max() > 3)
        {
            return Cv(longIsis) < 0.05 ? FiringClass.RegularBursting : FiringClass.Irregular;
        }

        if (tailCv > 0.2)
        {
            return FiringClass.Irregular;
        }

        if (rMax >= 3 && rMaxAt <= 4 && tailCv < 0.05)
        {
            return FiringClass.InitialBurst;
        }

        if (rMax < 2 && rMin > 0.95 && adaptation > 0.05 && lastOverFirst > 2)
        {
            return FiringClass.Adapting;
        }

        if (rMax < 1.05 && adaptation < -0.005 && lastOverFirst < 0.8)
        {
            return FiringClass.Accelerating;
        }

        if (rMax < 1.25 && rMin > 0.8 && Math.Abs(adaptation) < 0.01 && lastOverFirst < 1.2)
        {
            return FiringClass.Tonic;
        }

        return FiringClass.Unclassified;
    }

    private static double Cv(IReadOnlyCollection<double> x)
    {
        double mean = x.Average();
        return Math.Sqrt(x.Average(v => (v - mean) * (v - mean))) / mean;
    }
}
