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

/// <summary>Order in which a pattern set is shown.</summary>
public enum PatternOrder
{
    /// <summary>Pattern 0, 1, …, P−1, 0, 1, … .</summary>
    Cycle,

    /// <summary>Each block of P presentations shows every pattern once, in an order shuffled from the input's seed stream.</summary>
    Random,
}

/// <summary>
/// A set of patterns shown one at a time: either <see cref="RandomCount"/> random patterns over the target (each
/// has <c>round(Sparsity·n)</c> of the target's n neurons, drawn independently), or one pattern per tag of
/// <see cref="Tags"/>. Each presentation lasts <see cref="HoldSteps"/> steps of the phases that switch the input on.
/// The input's <see cref="InputSpec.Amplitude"/> is added to the pattern's neurons; its
/// <see cref="InputSpec.Fraction"/> selects <c>round(Fraction·|pattern|)</c> of each pattern (a partial cue of each).
/// </summary>
/// <param name="RandomCount">Number of random patterns, or 0 when <see cref="Tags"/> gives the patterns.</param>
/// <param name="Tags">Tag names (families already expanded into their members), one pattern each; empty for random patterns.</param>
/// <param name="Sparsity">Fraction of the target active in each random pattern, in (0, 1]; unused for tag patterns.</param>
/// <param name="HoldSteps">Steps each presentation lasts, ≥ 1.</param>
/// <param name="Order">Presentation order.</param>
public sealed record PatternSetSpec(int RandomCount, IReadOnlyList<string> Tags, double Sparsity, long HoldSteps, PatternOrder Order)
{
    /// <summary>Blank steps after each presentation (an inter-stimulus interval, no drive); 0 by default.</summary>
    public long GapSteps { get; init; }
}

/// <summary>
/// Gaussian drive with a shared factor: channel i receives
/// <c>mean + std·(√c·S(t) + √(1 − c)·X_i(t))</c>, where S and every X_i are independent unit Ornstein–Uhlenbeck
/// processes with correlation time τ. So each channel has mean <c>mean</c>, standard deviation <c>std</c>,
/// autocorrelation <c>e^(−Δ/τ)</c>, and any two channels have correlation c.
/// </summary>
/// <param name="Mean">Mean added input (rate units).</param>
/// <param name="Std">Stationary standard deviation (rate units), ≥ 0.</param>
/// <param name="Correlation">Pairwise correlation c between channels, in [0, 1].</param>
/// <param name="TauMs">Correlation time τ in ms, > 0.</param>
public sealed record GaussianDriveSpec(double Mean, double Std, double Correlation, double TauMs);
