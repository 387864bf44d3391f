namespace Neurotag.Core.Recording;

/// <summary>One phase instance of the protocol as run (a row of phases.csv), sent when the phase starts.</summary>
/// <param name="Phase">Phase name.</param>
/// <param name="Rep">Repetition index (0 outside a repeat block).</param>
/// <param name="Instance">Index in the flattened protocol, from 0.</param>
/// <param name="StartMs">Model time at the phase start.</param>
/// <param name="EndMs">Model time at the phase end.</param>
/// <param name="Offline">Whether the phase is offline (closed-form rest, no activity simulated).</param>
/// <param name="Steps">Length in steps of dt.</param>
public readonly record struct PhaseSample(string Phase, int Rep, int Instance, double StartMs, double EndMs, bool Offline, long Steps);
