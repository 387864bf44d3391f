namespace Neurotag.Core.Specs;

/// <summary>Normal with the given mean and standard deviation.</summary>
public sealed record NormalDistribution(double Mu, double Sigma) : Distribution
{
    /// <inheritdoc />
    public override double Mean => Mu;
}
