namespace Neurotag.Core.Specs;

/// <summary>
/// Triggers at fixed global steps (<c>at:</c>, time from the start of the run) and/or every <see cref="EverySteps"/>
/// steps from <see cref="StartStep"/> on (a step k·T after the start, k ≥ 1). Offline phases trigger nothing.
/// </summary>
/// <param name="AtSteps">Global steps of single triggers.</param>
/// <param name="EverySteps">Period in steps, or null.</param>
/// <param name="StartStep">Start of the periodic triggers (global step).</param>
/// <param name="Source">Where it was written.</param>
public sealed record ScheduleEventSpec(IReadOnlyList<long> AtSteps, long? EverySteps, long StartStep, string Source) : EventSpec(Source);
