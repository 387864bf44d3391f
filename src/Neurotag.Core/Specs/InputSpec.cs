namespace Neurotag.Core.Specs;

/// <summary>
/// An external drive onto a fraction of a tag's or population's neurons while a phase switches it on. The driven
/// subset is drawn once from the seed (a partial cue is the same neurons every time). <see cref="Kind"/> says how
/// the drive varies in time: constant (<c>current</c>), a pattern set, or correlated Gaussian noise.
/// </summary>
/// <param name="Name">Identifier.</param>
/// <param name="Target">A tag or population name.</param>
/// <param name="TargetIsTag">Whether <paramref name="Target"/> names a tag.</param>
/// <param name="Amplitude">Added input (rate units); for patterns, added to the shown pattern's neurons; unused by Gaussian drives.</param>
/// <param name="Fraction">Fraction of the target's neurons that receive it, in (0, 1].</param>
public sealed record InputSpec(string Name, string Target, bool TargetIsTag, double Amplitude, double Fraction)
{
    /// <summary>How the drive varies in time; <see cref="InputKind.Current"/> by default.</summary>
    public InputKind Kind { get; init; } = InputKind.Current;

    /// <summary>The pattern set of a <see cref="InputKind.Patterns"/> input, else null.</summary>
    public PatternSetSpec? Patterns { get; init; }

    /// <summary>The noise parameters of a <see cref="InputKind.Gaussian"/> input, else null.</summary>
    public GaussianDriveSpec? Gaussian { get; init; }
}
