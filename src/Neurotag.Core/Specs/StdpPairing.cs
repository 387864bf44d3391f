namespace Neurotag.Core.Specs;

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
