namespace Neurotag.Core.Specs;

/// <summary>
/// An event-driven increment of a modulator (NEST's volume transmitter and <c>stdp_dopamine_synapse</c>, Brian2's
/// <c>on_pre: d += amount</c>): each trigger of <see cref="On"/> adds <see cref="Amount"/> to the modulator's level
/// <see cref="DelaySteps"/> steps later (0: at the end of the triggering step), after which it relaxes with the
/// modulator's τ. Izhikevich (2007): dopamine +0.5 μM, 1–3 s (uniform) after each rewarded pairing.
/// </summary>
/// <param name="On">The triggering event.</param>
/// <param name="Amount">Increment of the level (may be negative).</param>
/// <param name="DelaySteps">Delay in steps: a constant or a distribution drawn per trigger from the stream
/// <c>pulse:MODULATOR:K</c> of the seed, rounded to the nearest step and clipped at 0.</param>
public sealed record ModulatorPulseSpec(EventSpec On, double Amount, Distribution DelaySteps);
