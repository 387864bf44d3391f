namespace Neurotag.Core.Specs;

/// <summary>What a trigger does: switch an input on for a while (<see cref="StimulateActionSpec"/>) or set parameters (<see cref="SetActionSpec"/>).</summary>
public abstract record TriggerActionSpec;
