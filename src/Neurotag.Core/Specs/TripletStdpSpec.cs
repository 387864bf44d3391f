namespace Neurotag.Core.Specs;

/// <summary>
/// Triplet STDP, all-to-all interactions (Pfister &amp; Gerstner 2006, J Neurosci 26:9673, eqs. 3–4). Four traces jump
/// by 1 at their neuron's spikes and decay exponentially: presynaptic r₁ (<see cref="TauPlusMs"/>) and r₂
/// (<see cref="TauXMs"/>), postsynaptic o₁ (<see cref="TauMinusMs"/>) and o₂ (<see cref="TauYMs"/>). A presynaptic
/// spike depresses by o₁·(A₂⁻ + A₃⁻·r₂) and a postsynaptic spike potentiates by r₁·(A₂⁺ + A₃⁺·o₂), r₂ and o₂ read
/// before the spike's own increment. A₃⁻ = A₂⁺ = 0 is the paper's minimal model (only r₁, o₁, o₂ act). Amplitudes
/// are in units of w_max, the projection's <c>weight.max</c>, as for pair-based <see cref="StdpSpec"/>.
/// </summary>
/// <param name="TauPlusMs">τ₊ in ms, presynaptic r₁ (pair LTP window).</param>
/// <param name="TauMinusMs">τ₋ in ms, postsynaptic o₁ (pair LTD window).</param>
/// <param name="TauXMs">τ_x in ms, presynaptic r₂ (triplet LTD; unused when A₃⁻ = 0).</param>
/// <param name="TauYMs">τ_y in ms, postsynaptic o₂ (triplet LTP).</param>
/// <param name="A2Plus">A₂⁺ ≥ 0, pair LTP amplitude (units of w_max).</param>
/// <param name="A3Plus">A₃⁺ ≥ 0, triplet LTP amplitude.</param>
/// <param name="A2Minus">A₂⁻ ≥ 0, pair LTD amplitude (the magnitude).</param>
/// <param name="A3Minus">A₃⁻ ≥ 0, triplet LTD amplitude.</param>
public sealed record TripletStdpSpec(
    double TauPlusMs, double TauMinusMs, double TauXMs, double TauYMs, double A2Plus, double A3Plus, double A2Minus, double A3Minus)
{
    /// <summary>
    /// The minimal all-to-all model fitted to the visual-cortex pairing data of Sjöström, Turrigiano &amp; Nelson (2001):
    /// τ₊ = 16.8 ms and τ₋ = 33.7 ms (fixed by the authors from Bi &amp; Poo), τ_y = 114 ms, A₂⁺ = 0, A₃⁺ = 6.5·10⁻³,
    /// A₂⁻ = 7.1·10⁻³, A₃⁻ = 0 (Pfister &amp; Gerstner 2006, visual-cortex table, row "minimal, all-to-all"). τ_x is
    /// unused with A₃⁻ = 0; it is set to the full model's 101 ms.
    /// </summary>
    public static TripletStdpSpec VisualCortexMinimal { get; } = new(16.8, 33.7, 101, 114, 0, 6.5e-3, 7.1e-3, 0);
}
