namespace Neurotag.Core.Recording;

/// <summary>One value of a tag metric (a row of tags.csv).</summary>
/// <param name="TimeMs">Simulated time in ms.</param>
/// <param name="Phase">Phase name.</param>
/// <param name="Rep">Repetition index.</param>
/// <param name="Tag">Tag name.</param>
/// <param name="Metric">activation | strength | coupling | ownership.</param>
/// <param name="Other">The second tag for coupling and ownership, empty otherwise.</param>
/// <param name="Value">The value.</param>
public readonly record struct TagSample(double TimeMs, string Phase, int Rep, string Tag, string Metric, string Other, double Value);

/// <summary>One value of a population metric (a row of populations.csv).</summary>
public readonly record struct PopulationSample(double TimeMs, string Phase, int Rep, string Population, string Metric, double Value);

/// <summary>Statistics of the weights from one tag to another in one projection (a row of weights.csv); From and To are <c>*</c> for the whole projection.</summary>
public readonly record struct WeightBlockSample(
    double TimeMs, string Phase, int Rep, string Projection, string From, string To,
    double Mean, double Std, double Min, double Max, long Count);

/// <summary>One histogram bin of a projection's weights (a row of weight_hist.csv).</summary>
public readonly record struct WeightHistogramSample(double TimeMs, string Phase, int Rep, string Projection, double BinLow, double BinHigh, long Count);

/// <summary>One spike of a recorded neuron (a row of spikes.csv).</summary>
public readonly record struct SpikeSample(double TimeMs, string Population, int Neuron);

/// <summary>One state value of a recorded neuron (a row of state.csv).</summary>
public readonly record struct StateSample(double TimeMs, string Population, int Neuron, string Variable, double Value);

/// <summary>The mean of one recorded series over one phase instance (a row of summary.csv).</summary>
/// <param name="Phase">Phase name.</param>
/// <param name="Rep">Repetition index.</param>
/// <param name="Kind">tag | population | weights.</param>
/// <param name="Name">Tag, population or projection name.</param>
/// <param name="Metric">Metric name.</param>
/// <param name="Other">Second tag or block, empty otherwise.</param>
/// <param name="Value">The mean.</param>
public readonly record struct SummaryRow(string Phase, int Rep, string Kind, string Name, string Metric, string Other, double Value);

/// <summary>
/// Where recorders send their samples (NEST's recording backend): CSV files in the CLI, memory in tests.
/// Called from the simulation thread only, in simulation order.
/// </summary>
public interface IRecordSink
{
    /// <summary>A tag metric value.</summary>
    void Write(in TagSample sample);

    /// <summary>A population metric value.</summary>
    void Write(in PopulationSample sample);

    /// <summary>A weight-block statistic.</summary>
    void Write(in WeightBlockSample sample);

    /// <summary>A weight histogram bin.</summary>
    void Write(in WeightHistogramSample sample);

    /// <summary>A per-phase summary row.</summary>
    void Write(in SummaryRow row);

    /// <summary>A recorded spike (spiking networks).</summary>
    void Write(in SpikeSample sample)
    {
    }

    /// <summary>A recorded state value (spiking networks).</summary>
    void Write(in StateSample sample)
    {
    }

    /// <summary>
    /// Called after the summary rows of protocol entry <paramref name="instance"/> (its index in the flattened
    /// protocol) were written, so a sink can tell apart two phase instances with the same name and rep.
    /// </summary>
    void PhaseCompleted(int instance)
    {
    }
}

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

    /// <inheritdoc />
    public void Write(in SpikeSample sample) => Spikes.Add(sample);

    /// <inheritdoc />
    public void Write(in StateSample sample) => States.Add(sample);
}
