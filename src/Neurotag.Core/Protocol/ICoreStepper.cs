using Neurotag.Core.Recording;
using Neurotag.Core.Specs;

namespace Neurotag.Core.Protocol;

/// <summary>
/// What <see cref="ProtocolRunner"/> asks of a core (rate or spiking): apply a phase's settings, advance one step of
/// the core's own cycle, fast-forward an offline phase in closed form, and check the state. The core keeps its step
/// cycle and its populations; the runner owns the protocol around them.
/// </summary>
internal interface ICoreStepper
{
    /// <summary>The global modulators, entered and fast-forwarded by the runner (the core relaxes them each step).</summary>
    ModulatorState Modulators { get; }

    /// <summary>Applies one <c>set:</c> action of a phase starting at global step <paramref name="step"/>.</summary>
    void Set(ParameterSet set, long step);

    /// <summary>
    /// The core's own phase-start work, after the <c>set:</c> actions and before the modulators enter the phase
    /// (which inputs are on, sensitization, disinhibition).
    /// </summary>
    void EnterPhase(PhaseSpec phase, long step);

    /// <summary>One step of the core's cycle (the core relaxes the modulators at its end).</summary>
    void Step(bool learning);

    /// <summary>
    /// An offline interval of <paramref name="durationMs"/> in closed form, ending at global step
    /// <paramref name="stepAfter"/>, leaving the network at rest. The runner fast-forwards the modulators after it.
    /// </summary>
    void FastForward(double durationMs, long stepAfter);

    /// <summary>Stops the run (<see cref="SimulationStoppedException"/>) when the state at global step <paramref name="step"/> is unusable.</summary>
    void Check(long step);

    /// <summary>Per projection (in spec order), its name and structural counts, or null when nothing prunes it.</summary>
    IEnumerable<(string Projection, IStructuralCounts? Counts)> StructuralCounts();
}
