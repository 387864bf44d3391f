using Neurotag.Core.Specs;

namespace Neurotag.Core.Recording;

/// <summary>
/// Running mean, standard deviation, min, max and count of the weights of one block (synapses from one tag to
/// another), shared by the rate and the spiking recorders so both write weights.csv rows the same way.
/// </summary>
internal struct WeightBlockStatistics
{
    private double _sum;
    private double _sumSq;
    private double _min = double.PositiveInfinity;
    private double _max = double.NegativeInfinity;
    private long _count;

    public WeightBlockStatistics()
    {
    }

    /// <summary>Adds one existing synapse's weight.</summary>
    public void Add(double w)
    {
        _sum += w;
        _sumSq += w * w;
        _min = Math.Min(_min, w);
        _max = Math.Max(_max, w);
        _count++;
    }

    /// <summary>The weights.csv row, or null for an empty block (which writes no row).</summary>
    public readonly WeightBlockSample? ToSample(double t, PhaseSpec phase, string projection, string fromName, string toName, ValueUnit unit)
    {
        if (_count == 0)
        {
            return null;
        }

        double mean = _sum / _count;
        double std = Math.Sqrt(Math.Max(0, (_sumSq / _count) - (mean * mean)));
        return new WeightBlockSample(t, phase.Name, phase.Rep, projection, fromName, toName, mean, std, _min, _max, _count, unit);
    }
}
