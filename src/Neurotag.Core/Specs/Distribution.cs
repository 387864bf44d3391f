namespace Neurotag.Core.Specs;

/// <summary>A scalar distribution for initial values.</summary>
public abstract record Distribution
{
    /// <summary>The distribution's mean.</summary>
    public abstract double Mean { get; }
}
