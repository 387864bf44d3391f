namespace Neurotag.Statistics;

/// <summary>What a rerun shows against its baseline.</summary>
public enum BaselineVerdict
{
    /// <summary>Equivalent: TOST shows the difference of means is within ±margin ("no change" is claimed).</summary>
    Same,

    /// <summary>Neither moved nor shown equivalent: no evidence of change, but not enough to claim none.</summary>
    Inconclusive,

    /// <summary>Moved beyond noise: Welch's test rejects equal means and TOST does not show equivalence.</summary>
    Moved,
}

/// <summary>One metric of a rerun against its baseline.</summary>
/// <param name="Verdict">The verdict.</param>
/// <param name="Old">The baseline's summary.</param>
/// <param name="New">The rerun's summary.</param>
/// <param name="WelchP">Two-sided Welch p of equal means.</param>
/// <param name="EquivalenceP">TOST p of equivalence within ±<paramref name="Margin"/>.</param>
/// <param name="Margin">The equivalence margin used (absolute).</param>
public sealed record BaselineComparison(BaselineVerdict Verdict, SampleSummary Old, SampleSummary New, double WelchP, double EquivalenceP, double Margin)
{
    /// <summary>
    /// Compares <paramref name="rerun"/> with <paramref name="baseline"/>: a two-sided Welch test (Welch 1947) and two
    /// one-sided tests of equivalence within ±<paramref name="relativeMargin"/>·|baseline mean| (Schuirmann 1987), both
    /// at <paramref name="alpha"/>. With margin 0 the verdict is Welch's test alone, so its false-alarm rate is α.
    /// </summary>
    public static BaselineComparison Of(IReadOnlyList<double> baseline, IReadOnlyList<double> rerun, double relativeMargin, double alpha = 0.05)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(rerun);
        var old = SampleSummary.Of(baseline);
        var now = SampleSummary.Of(rerun);
        double margin = relativeMargin * Math.Abs(old.Mean);
        double welch = WelchTest.Compare(rerun, baseline, Alternative.TwoSided).P;
        double tost = margin > 0 ? WelchTest.EquivalenceP(rerun, baseline, margin) : 1;
        var verdict = tost < alpha ? BaselineVerdict.Same : welch < alpha ? BaselineVerdict.Moved : BaselineVerdict.Inconclusive;
        return new BaselineComparison(verdict, old, now, welch, tost, margin);
    }
}
