namespace Neurotag.Core.Specs;

/// <summary>
/// Sensitization / facilitation at a phase start (Woolf 2011, central sensitization): every threshold of the
/// population is shifted by <see cref="ThresholdShift"/> (negative = more excitable) and its gain multiplied by
/// <see cref="GainFactor"/>. Persists for the rest of the run, like <c>set:</c>.
/// </summary>
/// <param name="Population">The rate population.</param>
/// <param name="ThresholdShift">Added to every θ of the population.</param>
/// <param name="GainFactor">Multiplies the population's gain (&gt; 0).</param>
public sealed record Sensitization(string Population, double ThresholdShift, double GainFactor);
