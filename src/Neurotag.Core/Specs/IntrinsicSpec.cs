namespace Neurotag.Core.Specs;

/// <summary>
/// Homeostatic intrinsic plasticity (Turrigiano 2008; the integral controller of Turrigiano &amp; Nelson 2004):
/// each neuron's threshold θ follows its own rate toward a target, <c>τ_h dθ/dt = r − r_target</c>, so a neuron that
/// fires above target becomes less excitable and one below becomes more excitable. Runs in learning steps only
/// (frozen by <c>plasticity: off</c>) and is frozen during offline phases, whose rates are not simulated.
/// </summary>
/// <param name="TargetRate">r_target, in the network's rate units.</param>
/// <param name="TauMs">τ_h in ms (&gt; 0).</param>
public sealed record HomeostasisSpec(double TargetRate, double TauMs);

/// <summary>
/// Sensitization / facilitation at a phase start (Woolf 2011, central sensitization): every threshold of the
/// population is shifted by <see cref="ThresholdShift"/> (negative = more excitable) and its gain multiplied by
/// <see cref="GainFactor"/>. Persists for the rest of the run, like <c>set:</c>.
/// </summary>
/// <param name="Population">The rate population.</param>
/// <param name="ThresholdShift">Added to every θ of the population.</param>
/// <param name="GainFactor">Multiplies the population's gain (&gt; 0).</param>
public sealed record Sensitization(string Population, double ThresholdShift, double GainFactor);

/// <summary>
/// Disinhibition at a phase start: every weight of an inhibitory projection is multiplied by <see cref="Factor"/>
/// (then clipped to its bounds). Persists for the rest of the run (a plastic projection with decay relaxes back).
/// </summary>
/// <param name="Projection">An inhibitory projection.</param>
/// <param name="Factor">Multiplies every weight (≥ 0; below 1 disinhibits).</param>
public sealed record Disinhibition(string Projection, double Factor);
