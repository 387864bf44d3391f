namespace Neurotag.Core.Specs;

/// <summary>
/// Synaptic tagging and capture (Frey &amp; Morris 1997; Clopath, Ziegler, Vasilaki, Büsing &amp; Gerstner 2008), the
/// rate-mode formulation of docs/models.md. Each synapse's weight is a late, stable component l plus an early
/// component u (the tag) that decays with <see cref="TauEarlyMs"/>. A plasticity-related resource p, one per
/// postsynaptic neuron, is set to 1 while the neuron's summed early change exceeds <see cref="Threshold"/> or the
/// salience modulator <see cref="TriggeredBy"/> is at or above <see cref="TriggerLevel"/>, and otherwise decays with
/// <see cref="TauResourceMs"/>. While p &gt; 0, tagged early change is captured into late weight:
/// <c>dl/dt = p·u/τ_capture</c>. The Hebbian term charges u, soft-bounded by <see cref="EarlyMax"/> (the
/// within-session saturation that makes spacing help).
/// </summary>
/// <param name="TauEarlyMs">τ_early in ms (&gt; 0): decay of the early component (the tag).</param>
/// <param name="TauResourceMs">τ_resource in ms (&gt; 0): decay of the resource once no trigger holds.</param>
/// <param name="TauCaptureMs">τ_capture in ms (&gt; 0): a tag u with the resource present is captured at u/τ_capture.</param>
/// <param name="Threshold">Summed early change onto one postsynaptic neuron above which it makes the resource, or null (salience only).</param>
/// <param name="TriggeredBy">Salience modulator that makes the resource directly, or null (early change only).</param>
/// <param name="TriggerLevel">Level of <see cref="TriggeredBy"/> at or above which it triggers.</param>
/// <param name="EarlyMax">Soft bound of the early component: du/dt = η·x·y·(1 − u/u_max); null for no saturation.</param>
public sealed record ConsolidationSpec(
    double TauEarlyMs,
    double TauResourceMs,
    double TauCaptureMs,
    double? Threshold,
    string? TriggeredBy,
    double TriggerLevel,
    double? EarlyMax)
{
    /// <summary>Default <see cref="TriggerLevel"/>: 0.5.</summary>
    public const double DefaultTriggerLevel = 0.5;
}
