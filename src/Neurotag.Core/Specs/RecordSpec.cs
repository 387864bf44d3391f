namespace Neurotag.Core.Specs;

/// <summary>Tag metrics, defined once for every network kind.</summary>
public enum TagMetric
{
    /// <summary>Mean rate of the tag's members.</summary>
    Activation,
    /// <summary>Mean weight among the tag's members (existing synapses of the population's excitatory recurrent projections, self-synapses excluded).</summary>
    Strength,
    /// <summary>Mean weight from tag A's members to tag B's members over the excitatory projections from A's population to B's, for every ordered pair of distinct tags that such a projection connects.</summary>
    Coupling,
    /// <summary>For neurons shared by A and B, the fraction whose summed incoming weight from A's exclusive members exceeds that from B's.</summary>
    Ownership,
    /// <summary>Fraction of the tag's members whose rate exceeds <see cref="RecordSpec.ActiveAbove"/> (retrieval hits).</summary>
    Recall,
    /// <summary>Fraction of the population's neurons outside the tag whose rate exceeds <see cref="RecordSpec.ActiveAbove"/> (false alarms of retrieval).</summary>
    Spurious,
}

/// <summary>What to record.</summary>
/// <param name="EverySteps">Sampling interval of the tag and population time series.</param>
/// <param name="TagMetrics">Tag metrics to record.</param>
/// <param name="PopulationRate">Whether to record each population's mean rate.</param>
/// <param name="Weights">Weight-block statistics, or null.</param>
public sealed record RecordSpec(long EverySteps, IReadOnlyList<TagMetric> TagMetrics, bool PopulationRate, WeightRecordSpec? Weights)
{
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

    /// <summary>Whether to record each population's mean threshold and its gain (metrics <c>threshold</c>, <c>gain</c>).</summary>
    public bool PopulationIntrinsics { get; init; }
}

/// <summary>Weight statistics of one projection between every pair of tags, and over the whole projection.</summary>
/// <param name="Projection">Projection name.</param>
/// <param name="EverySteps">Sampling interval.</param>
/// <param name="HistogramBins">Number of histogram bins over [min, max] of the projection's bounds, 0 for none.</param>
public sealed record WeightRecordSpec(string Projection, long EverySteps, int HistogramBins);
