namespace Neurotag.Core.Recording;

/// <summary>
/// Per-phase summary of the recorded projection's weight distribution, for <c>expect:</c> (summary.csv rows of kind
/// <c>weights</c>): <c>mean</c>, <c>frac_high</c> (fraction of synapses with w &gt; w_min + 0.9·(w_max − w_min)) and
/// <c>frac_low</c> (w &lt; w_min + 0.1·(w_max − w_min)), each averaged over the phase's weight samples. These are the
/// quantities Song, Miller &amp; Abbott (2000) follow: competitive STDP drives weights toward both bounds.
/// </summary>
public sealed class WeightSummary
{
    /// <summary>The metric names, as <c>weights.PROJECTION.METRIC</c>.</summary>
    public static readonly IReadOnlyList<string> Metrics = ["mean", "frac_high", "frac_low"];

    private double _mean;
    private double _high;
    private double _low;
    private long _samples;

    /// <summary>Adds one sample: the weights whose <paramref name="mask"/> entry is non-zero (all when the mask is empty).</summary>
    public void Add(ReadOnlySpan<float> weights, ReadOnlySpan<float> mask, double min, double max)
    {
        double highAbove = min + (0.9 * (max - min));
        double lowBelow = min + (0.1 * (max - min));
        double sum = 0;
        long high = 0, low = 0, count = 0;
        for (int k = 0; k < weights.Length; k++)
        {
            if (!mask.IsEmpty && mask[k] == 0f)
            {
                continue;
            }

            float w = weights[k];
            sum += w;
            high += w > highAbove ? 1 : 0;
            low += w < lowBelow ? 1 : 0;
            count++;
        }

        if (count == 0)
        {
            return;
        }

        _mean += sum / count;
        _high += (double)high / count;
        _low += (double)low / count;
        _samples++;
    }

    /// <summary>Forgets the samples (a new phase begins).</summary>
    public void Reset()
    {
        _mean = _high = _low = 0;
        _samples = 0;
    }

    /// <summary>Writes the phase means as summary rows (nothing when no sample was taken); the mean is in <paramref name="weightUnit"/>.</summary>
    public void Write(IRecordSink sink, string phase, int rep, int instance, string projection, ValueUnit weightUnit)
    {
        ArgumentNullException.ThrowIfNull(sink);
        if (_samples == 0)
        {
            return;
        }

        sink.Write(new SummaryRow(phase, rep, instance, "weights", projection, "mean", "", _mean / _samples, weightUnit));
        sink.Write(new SummaryRow(phase, rep, instance, "weights", projection, "frac_high", "", _high / _samples, ValueUnit.Dimensionless));
        sink.Write(new SummaryRow(phase, rep, instance, "weights", projection, "frac_low", "", _low / _samples, ValueUnit.Dimensionless));
    }
}
