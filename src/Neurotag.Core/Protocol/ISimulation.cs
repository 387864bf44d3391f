using Neurotag.Core.Recording;

namespace Neurotag.Core.Protocol;

/// <summary>A built network that can run its protocol (the rate or the spiking simulator).</summary>
public interface ISimulation
{
    /// <summary>Runs the whole protocol, sending samples to <paramref name="sink"/>.</summary>
    /// <exception cref="SimulationStoppedException">A checker stopped the run.</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    RunResult Run(IRecordSink sink, IProgress<RunProgress>? progress = null, CancellationToken cancellation = default);
}
