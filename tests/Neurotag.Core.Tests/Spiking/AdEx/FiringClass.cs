namespace Neurotag.Core.Tests.Spiking.AdEx;

/// <summary>Firing-pattern classes of Naud et al. (2008), plus the two outcomes the criteria need besides.</summary>
internal enum FiringClass
{
    Silent,
    Transient,
    Tonic,
    Adapting,
    InitialBurst,
    RegularBursting,
    Accelerating,
    Irregular,

    /// <summary>No rule held.</summary>
    Unclassified,
}
