namespace Neurotag.Core.Specs;

/// <summary>Always <paramref name="Value"/>.</summary>
public sealed record ConstantDistribution(double Value) : Distribution
{
    /// <inheritdoc />
    public override double Mean => Value;
}
