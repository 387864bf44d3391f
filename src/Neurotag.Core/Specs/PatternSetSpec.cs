namespace Neurotag.Core.Specs;

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

    /// <summary>
    /// Period of a sinusoidal modulation in steps (may be fractional), or 0 (none, the default): the shown pattern then
    /// receives amplitude·(1 + sin(2π·k/period)) at the drive's own step k (Tetzlaff et al. 2015, Sci Rep 5:12866).
    /// </summary>
    public double SinePeriodSteps { get; init; }

    /// <summary>
    /// ±1 patterns (Hopfield 1982): a presentation adds +amplitude to the pattern's neurons and −amplitude to the
    /// target's other neurons; <see cref="InputSpec.Fraction"/> then selects round(Fraction·n) of the target's n neurons
    /// (the same ones for every pattern), so a partial cue keeps that fraction of the pattern's bits and leaves the
    /// rest undriven. False: 0/1 patterns, as before.
    /// </summary>
    public bool Bipolar { get; init; }
}
