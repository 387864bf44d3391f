namespace Neurotag.Core.Recording;

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

    /// <summary>A projection's final weight matrix (<c>record.save_weights</c>), once per projection after the last phase.</summary>
    void Write(in WeightMatrixSample sample)
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
