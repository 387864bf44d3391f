namespace Neurotag.Core.Specs;

/// <summary>The weight dependence of synaptic scaling (<see cref="ScalingSpec"/>).</summary>
public enum ScalingForm
{
    /// <summary>
    /// Quadratic: <c>dw/dt = (F_T − F_post)·w²/τ_SS</c> (Tetzlaff, Kolodziejski, Timme &amp; Wörgötter 2011, Front
    /// Comput Neurosci 5:47; Tetzlaff et al. 2013, PLoS Comput Biol 9:e1003307; Tetzlaff et al. 2015, Sci Rep 5:12866).
    /// </summary>
    Quadratic,

    /// <summary>
    /// Multiplicative: <c>dw/dt = (F_T − F_post)·w/τ_SS</c> (van Rossum, Bi &amp; Turrigiano 2000, J Neurosci
    /// 20:8812, with β = 1/τ_SS).
    /// </summary>
    Multiplicative,
}
