using System.Globalization;
using Neurotag.Core.Specs;

namespace Neurotag.Core.Recording;

/// <summary>
/// Counts of one projection's weights in <c>bins</c> equal bins over its bounds [lo, hi] (weight_hist.csv), shared by
/// the rate and the spiking recorders. Edge b is lo + (hi − lo)·b/bins to 15 significant digits, so an edge the
/// scenario could write (0.018) is written as such, not as 0.018000000000000002.
/// A weight belongs to the bin whose edges enclose it; weights outside [lo, hi] go to the first or last bin.
/// </summary>
internal sealed class WeightHistogram
{
    private readonly double _lo;
    private readonly double _hi;
    private readonly long[] _counts;

    public WeightHistogram(double lo, double hi, int bins)
    {
        _lo = lo;
        _hi = hi;
        _counts = new long[bins];
    }

    /// <summary>Adds one existing synapse's weight.</summary>
    public void Add(double w)
    {
        int bins = _counts.Length;
        double range = _hi - _lo;
        double x = range > 0 ? (w - _lo) * bins / range : 0;
        int bin = x >= bins - 1 ? bins - 1 : x > 0 ? (int)x : 0; // written so that NaN, too, lands in a bin
        _counts[bin]++;
    }

    /// <summary>
    /// Edge <paramref name="b"/> (0 … bins): lo, …, hi. Inner edges are rounded to 15 significant digits, the precision
    /// of a bound written in the scenario, so 0.1·3/20 is 0.015 rather than 0.015000000000000003.
    /// </summary>
    public double Edge(int b)
    {
        if (b == 0 || b == _counts.Length)
        {
            return b == 0 ? _lo : _hi;
        }

        double edge = _lo + ((_hi - _lo) * b / _counts.Length);
        return double.Parse(edge.ToString("G15", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    /// <summary>Writes one row per bin.</summary>
    public void Write(IRecordSink sink, double timeMs, PhaseSpec phase, string projection)
    {
        for (int b = 0; b < _counts.Length; b++)
        {
            sink.Write(new WeightHistogramSample(timeMs, phase.Name, phase.Rep, projection, Edge(b), Edge(b + 1), _counts[b]));
        }
    }
}
