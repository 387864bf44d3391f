namespace Neurotag.Core.Specs;

/// <summary>How an input drives its target (the <c>kind:</c> key of an input).</summary>
public enum InputKind
{
    /// <summary>A constant value added to the input of the driven neurons.</summary>
    Current,

    /// <summary>A set of patterns shown one at a time, each for a hold time (<see cref="PatternSetSpec"/>).</summary>
    Patterns,

    /// <summary>Ornstein–Uhlenbeck noise with a shared factor (<see cref="GaussianDriveSpec"/>).</summary>
    Gaussian,
}
