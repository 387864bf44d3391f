using Neurotag.Statistics;

namespace Neurotag.Scenarios.Expectations;

/// <summary>What an expectation over seeds tests.</summary>
public enum SeedStatistic
{
    /// <summary>The mean over seeds, with its 95 % confidence interval inside the bound.</summary>
    Mean,

    /// <summary>At least a fraction of the seeds meet the bound one by one.</summary>
    Fraction,

    /// <summary>An effect between two conditions, tested across seeds.</summary>
    Effect,
}

/// <summary>How an effect is measured.</summary>
public enum EffectScale
{
    /// <summary>mean(subject) − mean(versus).</summary>
    Difference,

    /// <summary>mean(subject) / mean(versus).</summary>
    Ratio,
}

/// <summary>The two-sample test of an effect.</summary>
public enum EffectTest
{
    /// <summary>Welch's t (Welch 1947).</summary>
    Welch,

    /// <summary>Mann–Whitney U (Mann &amp; Whitney 1947), for small or skewed samples.</summary>
    MannWhitney,
}

/// <summary>
/// An effect: the subject against <see cref="Versus"/> (another phase, tag or metric of the same scenario, or of the
/// scenario file <see cref="Scenario"/>), tested with <see cref="Test"/> under <see cref="Sided"/> at level
/// <see cref="Alpha"/>. <see cref="Margin"/> is the least difference (or, for a ratio, the least ratio: the null is
/// mean(subject) = margin · mean(versus)); <see cref="MinCohensD"/> the least standardized effect.
/// </summary>
/// <param name="Versus">The other condition.</param>
/// <param name="Scenario">The other scenario's file (relative to this one), or null for this scenario.</param>
/// <param name="Line">Where <c>versus:</c> is written, for messages about the other scenario.</param>
/// <param name="Column">Its column.</param>
/// <param name="Scale">Difference or ratio.</param>
/// <param name="Test">The two-sample test.</param>
/// <param name="Sided">The alternative hypothesis.</param>
/// <param name="Alpha">The significance level.</param>
/// <param name="Margin">The least difference, or least ratio.</param>
/// <param name="MinCohensD">The least Cohen's d, or null.</param>
public sealed record EffectSpec(MetricRef Versus, string? Scenario, int Line, int Column, EffectScale Scale, EffectTest Test, Alternative Sided, double Alpha, double Margin, double? MinCohensD);

/// <summary>An expectation judged on the distribution over <see cref="Seeds"/> seeds (<c>over_seeds:</c>).</summary>
/// <param name="Seeds">How many seeds (at least 2): the scenario's seed and the ones after it.</param>
/// <param name="Statistic">What is tested.</param>
/// <param name="Fraction">For <see cref="SeedStatistic.Fraction"/>: the least fraction of seeds that must pass.</param>
/// <param name="Effect">For <see cref="SeedStatistic.Effect"/>.</param>
public sealed record SeedSpec(int Seeds, SeedStatistic Statistic, double Fraction, EffectSpec? Effect);
