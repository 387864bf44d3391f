using Neurotag.Core.Recording;
using Neurotag.Core.Specs;

namespace Neurotag.Core.Simulation;

/// <summary>A built network that can run its protocol (the rate <see cref="Simulator"/> or the spiking simulator).</summary>
public interface ISimulation
{
    /// <summary>Runs the whole protocol, sending samples to <paramref name="sink"/>.</summary>
    /// <exception cref="SimulationStoppedException">A checker stopped the run.</exception>
    /// <exception cref="OperationCanceledException">The run was cancelled.</exception>
    RunResult Run(IRecordSink sink, IProgress<RunProgress>? progress = null, CancellationToken cancellation = default);
}

/// <summary>Chooses the simulator for a spec.</summary>
public static class Simulations
{
    /// <summary>The spiking simulator for spiking specs, the rate simulator otherwise.</summary>
    public static ISimulation Create(SimulationSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.IsSpiking ? new Spiking.SpikingSimulator(spec) : new Simulator(spec);
    }
}
