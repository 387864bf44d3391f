namespace Neurotag.Core.Recording;

/// <summary>One value of a population metric (a row of populations.csv).</summary>
public readonly record struct PopulationSample(double TimeMs, string Phase, int Rep, string Population, string Metric, double Value, ValueUnit Unit);
