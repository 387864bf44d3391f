namespace Neurotag.Statistics;

/// <summary>The outcome of a two-sample test.</summary>
/// <param name="Test">Its name as printed, e.g. <c>Welch t</c> or <c>Mann–Whitney U (exact)</c>.</param>
/// <param name="Statistic">t or U.</param>
/// <param name="Df">Degrees of freedom (Welch–Satterthwaite), NaN for rank tests.</param>
/// <param name="P">The p-value under <paramref name="Alternative"/>.</param>
/// <param name="Alternative">The alternative hypothesis.</param>
public sealed record TestResult(string Test, double Statistic, double Df, double P, Alternative Alternative);
