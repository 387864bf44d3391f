namespace Neurotag.Core.Protocol;

/// <summary>Progress of a run: simulated (online) steps done of the total, and the current phase.</summary>
public readonly record struct RunProgress(long StepsDone, long StepsTotal, string Phase, int Rep);
