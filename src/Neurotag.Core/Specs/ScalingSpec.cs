namespace Neurotag.Core.Specs;

/// <summary>
/// Synaptic scaling toward a target rate (Turrigiano, Leslie, Desai, Rutherford &amp; Nelson 1998): every excitatory
/// input of a postsynaptic neuron grows when the neuron fires below <see cref="TargetRate"/> and shrinks above it,
/// whichever projection it arrives through, so the inputs of a neuron compete for it. Added to the projection's
/// learning rule in every learning step: <c>dw/dt = … + (F_T − F_post)·g(w)/τ_SS</c>, g(w) = w² (<see
/// cref="ScalingForm.Quadratic"/>) or w (<see cref="ScalingForm.Multiplicative"/>).
/// </summary>
/// <param name="Form">The weight dependence g(w).</param>
/// <param name="TargetRate">F_T, in the postsynaptic population's rate units.</param>
/// <param name="TauMs">τ_SS in ms (&gt; 0); the scaling term has units of w per ms when F is in rate units.</param>
public sealed record ScalingSpec(ScalingForm Form, double TargetRate, double TauMs);
