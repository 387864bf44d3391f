namespace Neurotag.Core.Recording;

/// <summary>One state value of a recorded neuron (a row of state.csv).</summary>
public readonly record struct StateSample(double TimeMs, string Phase, int Rep, string Population, int Neuron, string Variable, double Value, ValueUnit Unit);
