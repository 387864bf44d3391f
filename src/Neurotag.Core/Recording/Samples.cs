namespace Neurotag.Core.Recording;

/// <summary>
/// The unit of a recorded value and the precision the core holds it at. <see cref="SinglePrecision"/> values are float32
/// state (rates of rate neurons, weights, membrane state) or statistics of it (means of rates or weights, accumulated
/// in double); they are written as the shortest text that reads back to the same float32 (0.1, not
/// 0.10000000149011612). Other values (rates in Hz from spike counts, fractions, gains, counts) are doubles and are
/// written as the shortest text that reads back to the same double.
/// </summary>
/// <param name="Symbol">Unit symbol written in the <c>unit</c> column and the manifest: <c>Hz</c>, <c>mV</c>,
/// <c>nS</c>, <c>mV/ms</c> (Izhikevich synaptic input), or <c>1</c> for dimensionless values (rate-neuron activity
/// and thresholds, rate-network weights, fractions, gains, counts).</param>
/// <param name="SinglePrecision">Whether the value carries float32 precision.</param>
public sealed record ValueUnit(string Symbol, bool SinglePrecision)
{
    /// <summary>Dimensionless double: fractions (recall, spurious, ownership, frac_high, frac_low), gains, synapse counts.</summary>
    public static readonly ValueUnit Dimensionless = new("1", SinglePrecision: false);

    /// <summary>Activity of rate neurons (rate units, 0..1 for a sigmoid) and their thresholds: float32 state.</summary>
    public static readonly ValueUnit RateUnits = new("1", SinglePrecision: true);

    /// <summary>Firing rates of spiking neurons, from spike counts over a window.</summary>
    public static readonly ValueUnit Hertz = new("Hz", SinglePrecision: false);

    /// <summary>Float32 state (weights, membrane variables) in <paramref name="symbol"/>.</summary>
    public static ValueUnit OfFloat32State(string symbol) => new(symbol, SinglePrecision: true);
}

/// <summary>One value of a tag metric (a row of tags.csv).</summary>
/// <param name="TimeMs">Simulated time in ms.</param>
/// <param name="Phase">Phase name.</param>
/// <param name="Rep">Repetition index.</param>
/// <param name="Tag">Tag name.</param>
/// <param name="Metric">activation | strength | coupling | ownership | recall | spurious.</param>
/// <param name="Other">The second tag for coupling and ownership, empty otherwise.</param>
/// <param name="Value">The value.</param>
/// <param name="Unit">Its unit and precision.</param>
public readonly record struct TagSample(double TimeMs, string Phase, int Rep, string Tag, string Metric, string Other, double Value, ValueUnit Unit);

/// <summary>One value of a population metric (a row of populations.csv).</summary>
public readonly record struct PopulationSample(double TimeMs, string Phase, int Rep, string Population, string Metric, double Value, ValueUnit Unit);

/// <summary>
/// Statistics of the weights from one tag to another in one projection (a row of weights.csv); From and To are <c>*</c>
/// for the whole projection. Mean, Std, Min and Max are in <paramref name="Unit"/> (float32 precision).
/// </summary>
public readonly record struct WeightBlockSample(
    double TimeMs, string Phase, int Rep, string Projection, string From, string To,
    double Mean, double Std, double Min, double Max, long Count, ValueUnit Unit);

/// <summary>One histogram bin of a projection's weights (a row of weight_hist.csv); the edges are in the projection's weight unit.</summary>
public readonly record struct WeightHistogramSample(double TimeMs, string Phase, int Rep, string Projection, double BinLow, double BinHigh, long Count);

/// <summary>One spike of a recorded neuron (a row of spikes.csv).</summary>
public readonly record struct SpikeSample(double TimeMs, string Phase, int Rep, string Population, int Neuron);

/// <summary>One state value of a recorded neuron (a row of state.csv).</summary>
public readonly record struct StateSample(double TimeMs, string Phase, int Rep, string Population, int Neuron, string Variable, double Value, ValueUnit Unit);

/// <summary>The mean of one recorded series over one phase instance (a row of summary.csv).</summary>
/// <param name="Phase">Phase name.</param>
/// <param name="Rep">Repetition index.</param>
/// <param name="Instance">Index of the phase instance in the flattened protocol (row of phases.csv): tells apart two phases with the same name and rep.</param>
/// <param name="Kind">tag | population | weights | projection.</param>
/// <param name="Name">Tag, population or projection name.</param>
/// <param name="Metric">Metric name.</param>
/// <param name="Other">Second tag or block, empty otherwise.</param>
/// <param name="Value">The mean.</param>
/// <param name="Unit">Its unit and precision (those of the series it averages).</param>
public readonly record struct SummaryRow(string Phase, int Rep, int Instance, string Kind, string Name, string Metric, string Other, double Value, ValueUnit Unit);

/// <summary>One phase instance of the protocol as run (a row of phases.csv), sent when the phase starts.</summary>
/// <param name="Phase">Phase name.</param>
/// <param name="Rep">Repetition index (0 outside a repeat block).</param>
/// <param name="Instance">Index in the flattened protocol, from 0.</param>
/// <param name="StartMs">Model time at the phase start.</param>
/// <param name="EndMs">Model time at the phase end.</param>
/// <param name="Offline">Whether the phase is offline (closed-form rest, no activity simulated).</param>
/// <param name="Steps">Length in steps of dt.</param>
public readonly record struct PhaseSample(string Phase, int Rep, int Instance, double StartMs, double EndMs, bool Offline, long Steps);

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

    /// <summary>A phase instance, at its start.</summary>
    void Write(in PhaseSample sample)
    {
    }

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

    /// <inheritdoc />
    public void Write(in SpikeSample sample) => Spikes.Add(sample);

    /// <inheritdoc />
    public void Write(in StateSample sample) => States.Add(sample);

    /// <inheritdoc />
    public void Write(in PhaseSample sample) => Phases.Add(sample);
}
