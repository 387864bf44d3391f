namespace Neurotag.Core.Recording;

/// <summary>Keeps every sample in lists; for tests and for <c>check</c>.</summary>
public sealed class MemoryRecordSink : IRecordSink
{
    /// <summary>Tag samples in order.</summary>
    public List<TagSample> Tags { get; } = [];

    /// <summary>Population samples in order.</summary>
    public List<PopulationSample> Populations { get; } = [];

    /// <summary>Weight blocks in order.</summary>
    public List<WeightBlockSample> WeightBlocks { get; } = [];

    /// <summary>Histogram bins in order.</summary>
    public List<WeightHistogramSample> WeightHistograms { get; } = [];

    /// <summary>Summary rows in order.</summary>
    public List<SummaryRow> Summary { get; } = [];

    /// <summary>Recorded spikes in order.</summary>
    public List<SpikeSample> Spikes { get; } = [];

    /// <summary>Recorded state values in order.</summary>
    public List<StateSample> States { get; } = [];

    /// <summary>Phase instances in order.</summary>
    public List<PhaseSample> Phases { get; } = [];

    /// <inheritdoc />
    public void Write(in TagSample sample) => Tags.Add(sample);

    /// <inheritdoc />
    public void Write(in PopulationSample sample) => Populations.Add(sample);

    /// <inheritdoc />
    public void Write(in WeightBlockSample sample) => WeightBlocks.Add(sample);

    /// <inheritdoc />
    public void Write(in WeightHistogramSample sample) => WeightHistograms.Add(sample);

    /// <inheritdoc />
    public void Write(in SummaryRow row) => Summary.Add(row);

    /// <summary>Final weight matrices, copied.</summary>
    public List<WeightMatrixSample> WeightMatrices { get; } = [];

    /// <inheritdoc />
    public void Write(in WeightMatrixSample sample) => WeightMatrices.Add(sample with { Weights = sample.Weights.ToArray() });

    /// <inheritdoc />
    public void Write(in SpikeSample sample) => Spikes.Add(sample);

    /// <inheritdoc />
    public void Write(in StateSample sample) => States.Add(sample);

    /// <inheritdoc />
    public void Write(in PhaseSample sample) => Phases.Add(sample);
}
