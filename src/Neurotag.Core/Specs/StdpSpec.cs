namespace Neurotag.Core.Specs;

/// <summary>How an STDP update depends on the current weight (Morrison, Diesmann &amp; Gerstner 2008, §3.2).</summary>
public enum StdpWeightDependence
{
    /// <summary>Additive (Song, Miller &amp; Abbott 2000): Δw = +a_plus·x on LTP, −a_minus·y on LTD; hard bounds.</summary>
    Additive,

    /// <summary>
    /// Multiplicative (soft bounds; van Rossum, Bi &amp; Turrigiano 2000, Rubin, Lee &amp; Sompolinsky 2001):
    /// Δw = +a_plus·x·(w_max − w)/(w_max − w_min) on LTP, −a_minus·y·(w − w_min)/(w_max − w_min) on LTD.
    /// </summary>
    Multiplicative,
}

/// <summary>Which spike pairs interact (Morrison, Diesmann &amp; Gerstner 2008, §4.1).</summary>
public enum StdpPairing
{
    /// <summary>All-to-all: every spike adds 1 to its trace, so each spike pairs with every earlier spike of the other side.</summary>
    AllToAll,

    /// <summary>
    /// Symmetric nearest-spike: a spike resets its trace to 1, so each spike pairs only with the most recent spike of the
    /// other side.
    /// </summary>
    Nearest,
}

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
