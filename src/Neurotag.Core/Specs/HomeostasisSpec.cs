namespace Neurotag.Core.Specs;

/// <summary>
/// Homeostatic intrinsic plasticity (Turrigiano 2008; the integral controller of Turrigiano &amp; Nelson 2004):
/// each neuron's threshold θ follows its own rate toward a target, <c>τ_h dθ/dt = r − r_target</c>, so a neuron that
/// fires above target becomes less excitable and one below becomes more excitable. Runs in learning steps only
/// (frozen by <c>plasticity: off</c>) and is frozen during offline phases, whose rates are not simulated.
/// </summary>
/// <param name="TargetRate">r_target, in the network's rate units (Hz in spiking networks, where the form is Spiking.AdaptiveThreshold's).</param>
/// <param name="TauMs">τ_h in ms (&gt; 0).</param>
public sealed record HomeostasisSpec(double TargetRate, double TauMs);
