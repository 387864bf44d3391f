namespace Neurotag.Core.Specs;

/// <summary>Uniform on [Low, High).</summary>
public sealed record UniformDistribution(double Low, double High) : Distribution
{
    /// <inheritdoc />
    public override double Mean => 0.5 * (Low + High);
}
