namespace Neurotag.Core.Recording;

/// <summary>One value of a tag metric (a row of tags.csv).</summary>
/// <param name="TimeMs">Simulated time in ms.</param>
/// <param name="Phase">Phase name.</param>
/// <param name="Rep">Repetition index.</param>
/// <param name="Tag">Tag name.</param>
/// <param name="Metric">activation | strength | coupling | ownership | recall | spurious.</param>
/// <param name="Other">The second tag for coupling and ownership, empty otherwise.</param>
/// <param name="Value">The value.</param>
/// <param name="Unit">Its unit and precision.</param>
public readonly record struct TagSample(double TimeMs, string Phase, int Rep, string Tag, string Metric, string Other, double Value, ValueUnit Unit);
