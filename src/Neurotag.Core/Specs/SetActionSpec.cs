namespace Neurotag.Core.Specs;

/// <summary>Set intrinsic parameters as a phase's <c>set:</c> does, from the step after the action is due until the next set.</summary>
/// <param name="Sets">The parameters, applied in order.</param>
public sealed record SetActionSpec(IReadOnlyList<ParameterSet> Sets) : TriggerActionSpec;
