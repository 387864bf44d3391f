namespace Neurotag.Core.Specs;

/// <summary>
/// A closed-loop action (top-level <c>triggers:</c>, spiking networks): each trigger of <see cref="On"/> schedules
/// <see cref="Then"/> <see cref="DelaySteps"/> steps later (0: at the end of the triggering step), with the same
/// events and delay draws as modulator pulses (<see cref="ModulatorPulseSpec"/>). Brian2's <c>run_regularly</c> /
/// NEST's <c>SetStatus</c> between runs, done inside the step loop: a cue delivered when the network does something.
/// </summary>
/// <param name="On">The triggering event.</param>
/// <param name="DelaySteps">Delay in steps: a constant or a distribution drawn per trigger from the stream
/// <c>trigger:K</c> of the seed, rounded to the nearest step and clipped at 0.</param>
/// <param name="Then">What happens when the delay has passed.</param>
public sealed record TriggerSpec(EventSpec On, Distribution DelaySteps, TriggerActionSpec Then);
