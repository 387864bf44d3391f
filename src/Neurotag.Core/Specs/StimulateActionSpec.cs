namespace Neurotag.Core.Specs;

/// <summary>
/// Switch a spiking input (Poisson or current noise) on for <see cref="Steps"/> steps from the step after the action
/// is due, whatever the phase's <c>inputs:</c> say; a trigger during a window extends it to the later end.
/// </summary>
/// <param name="Input">The input's name.</param>
/// <param name="Steps">Length of the window in steps, ≥ 1.</param>
public sealed record StimulateActionSpec(string Input, long Steps) : TriggerActionSpec;
