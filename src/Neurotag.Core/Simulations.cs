using Neurotag.Core.Protocol;
using Neurotag.Core.Rate;
using Neurotag.Core.Specs;

namespace Neurotag.Core;

/// <summary>Chooses the simulator for a spec.</summary>
public static class Simulations
{
    /// <summary>The spiking simulator for spiking specs, the rate simulator otherwise.</summary>
    public static ISimulation Create(SimulationSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return spec.IsSpiking ? new Spiking.SpikingSimulator(spec) : new RateSimulator(spec);
    }
}
