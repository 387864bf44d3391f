namespace Neurotag.Core.Specs;

/// <summary>Connectivity rules (NEST names).</summary>
public enum ConnectivityRule
{
    /// <summary>Every pre to every post.</summary>
    AllToAll,
    /// <summary>Pre i to post i (equal sizes).</summary>
    OneToOne,
    /// <summary>Each pair independently with probability p.</summary>
    FixedProbability,
    /// <summary>Each post receives exactly k distinct pre.</summary>
    FixedIndegree,
}
