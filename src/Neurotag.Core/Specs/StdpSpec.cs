namespace Neurotag.Core.Specs;

/// <summary>
/// Pair-based STDP parameters (Song, Miller &amp; Abbott 2000; Morrison et al. 2008). A presynaptic trace x_j and a
/// postsynaptic trace y_i decay with <see cref="TauPlusMs"/> and <see cref="TauMinusMs"/>; a presynaptic spike arriving
/// at the synapse depresses by <see cref="AMinus"/>·y_i, a postsynaptic spike potentiates by <see cref="APlus"/>·x_j.
/// The amplitudes are in units of w_max, the projection's <c>weight.max</c> (as Brian2's STDP example writes
/// <c>dApre = 0.01·gmax</c>), so one scenario value works for any weight unit; the bounds are <c>weight.min</c> and w_max.
/// </summary>
/// <param name="TauPlusMs">τ₊ in ms, the decay of the presynaptic trace (the LTP window).</param>
/// <param name="TauMinusMs">τ₋ in ms, the decay of the postsynaptic trace (the LTD window).</param>
/// <param name="APlus">LTP amplitude in units of w_max (≥ 0).</param>
/// <param name="AMinus">LTD amplitude in units of w_max (≥ 0; the magnitude of the depression).</param>
/// <param name="Mode">Weight dependence.</param>
/// <param name="Pairing">Which spike pairs interact.</param>
public sealed record StdpSpec(double TauPlusMs, double TauMinusMs, double APlus, double AMinus, StdpWeightDependence Mode, StdpPairing Pairing);
