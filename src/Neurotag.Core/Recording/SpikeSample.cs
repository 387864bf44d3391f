namespace Neurotag.Core.Recording;

/// <summary>One spike of a recorded neuron (a row of spikes.csv).</summary>
public readonly record struct SpikeSample(double TimeMs, string Phase, int Rep, string Population, int Neuron);
