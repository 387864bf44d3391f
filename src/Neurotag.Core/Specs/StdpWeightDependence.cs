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
