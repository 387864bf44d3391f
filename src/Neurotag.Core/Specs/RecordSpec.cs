namespace Neurotag.Core.Specs;

/// <summary>What to record.</summary>
/// <param name="EverySteps">Sampling interval of the tag and population time series.</param>
/// <param name="TagMetrics">Tag metrics to record.</param>
/// <param name="PopulationRate">Whether to record each population's mean rate.</param>
/// <param name="Weights">Weight-block statistics, or null.</param>
public sealed record RecordSpec(long EverySteps, IReadOnlyList<TagMetric> TagMetrics, bool PopulationRate, WeightRecordSpec? Weights)
{
    /// <summary>
    /// Rate networks: after the last phase, send every projection's weight matrix to the sink (the CLI writes
    /// <c>weights/PROJECTION.csv</c> in the run folder, loadable with <c>weight: { file: … }</c>).
    /// </summary>
    public bool SaveWeights { get; init; }

    /// <summary>Spiking networks: the spike raster to record (spikes.csv), or null.</summary>
    public SpikeRecordSpec? Spikes { get; init; }

    /// <summary>Spiking networks: the state variable to record (state.csv), or null.</summary>
    public StateRecordSpec? State { get; init; }

    /// <summary>
    /// Spiking networks: length in steps of the sliding window over which population rates and tag activation are
    /// counted, ending at each sample and never reaching back before the phase start; null (the default) counts the
    /// spikes since the previous sample instead.
    /// </summary>
    public long? WindowSteps { get; init; }

    /// <summary>
    /// Rate above which a neuron counts as active for <see cref="TagMetric.Recall"/> and <see cref="TagMetric.Spurious"/>;
    /// default 0.5 (half of a sigmoid unit's range). In spiking networks a rate in Hz (spike count over the sampling
    /// interval divided by it, also with <see cref="WindowSteps"/>), which the scenario must give.
    /// </summary>
    public double ActiveAbove { get; init; } = 0.5;

    /// <summary>
    /// Weight above which a synapse counts as strong for <see cref="TagMetric.Size"/> (Tetzlaff et al. 2015 take half
    /// the maximal weight); NaN when size is not recorded.
    /// </summary>
    public double SizeAbove { get; init; } = double.NaN;

    /// <summary>Whether to record each population's mean threshold and its gain (metrics <c>threshold</c>, <c>gain</c>).</summary>
    public bool PopulationIntrinsics { get; init; }

    /// <summary>Modulators whose level is sampled with the time series (<c>record.modulators</c>).</summary>
    public IReadOnlyList<string> Modulators { get; init; } = [];

    /// <summary>Named synapses whose weight is sampled with the time series (<c>record.synapses</c>).</summary>
    public IReadOnlyList<string> Synapses { get; init; } = [];
}
