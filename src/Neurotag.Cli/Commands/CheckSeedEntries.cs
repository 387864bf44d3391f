using System.Globalization;
using Neurotag.Scenarios.Expectations;

namespace Neurotag.Cli.Commands;

/// <summary>
/// The expectations over seeds of one scenario: evaluated on the distribution of its runs (and, for an effect against
/// another scenario, that scenario's runs), printed as one line each with the statistic, its 95 % CI, the test, p and
/// n, which JUnit carries as properties.
/// </summary>
internal static class CheckSeedEntries
{
    public static void Evaluate(CliContext context, CheckScenario scenario, CheckPlan plan, CheckTally tally, List<JUnitCase> cases)
    {
        string name = scenario.Compiled.Spec!.Name;
        foreach (var e in scenario.Compiled.Expectations!.Where(e => e.OverSeeds is not null))
        {
            var spec = e.OverSeeds!;
            var versus = spec.Effect is { } effect ? plan.VersusOf(scenario, effect) : null;
            var seeds = Evaluators(scenario, spec.Seeds);
            var other = versus is null ? null : Evaluators(versus, spec.Seeds);
            if (seeds is null || (versus is not null && other is null))
            {
                // A run it needs stopped or crashed: reported above (STOP/ERROR) and counted there.
                continue;
            }

            var r = SeedEvaluator.Evaluate(e, seeds, other);
            tally.Passed += r.Passed ? 1 : 0;
            tally.Failed += r.Passed ? 0 : 1;
            string summary = Summary(r);
            context.Out.WriteLine($"{(r.Passed ? "PASS" : "FAIL")}  {name}  over {spec.Seeds} seeds  {e.Label}  ({summary}: {r.Detail})");
            if (!r.Passed)
            {
                context.Error.WriteLine($"{scenario.File}:{e.Line}:1: expectation over seeds failed: {e.Label}: {summary} ({r.Detail})");
            }

            cases.Add(new JUnitCase(scenario.File, name, e.Label, null, r.Passed ? null : $"{summary}: {r.Detail}", null, Properties(r)));
        }
    }

    /// <summary>e.g. <c>mean difference 0.00798 [95% CI 0.00797, 0.00799], Welch t (greater) p = 1.2e-12, n = 5</c>.</summary>
    public static string Summary(SeedExpectationResult r)
    {
        if (r.Statistic.Length == 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"not measured, n = {r.N}");
        }

        string test = r.Test.Length == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $", {r.Test} p = {r.P:G3}");
        return string.Create(CultureInfo.InvariantCulture, $"{r.Statistic} {r.Estimate:G6} [95% CI {r.CiLow:G6}, {r.CiHigh:G6}]{test}, n = {r.N}");
    }

    private static List<(string, string)> Properties(SeedExpectationResult r) =>
    [
        ("statistic", r.Statistic),
        ("estimate", G(r.Estimate)),
        ("ci_low", G(r.CiLow)),
        ("ci_high", G(r.CiHigh)),
        ("test", r.Test),
        ("p", G(r.P)),
        ("n", r.N.ToString(CultureInfo.InvariantCulture)),
    ];

    private static string G(double v) => v.ToString("G6", CultureInfo.InvariantCulture);

    /// <summary>The evaluators of the first <paramref name="n"/> runs, or null if one of them has none (stopped, crashed).</summary>
    private static List<ExpectationEvaluator>? Evaluators(CheckScenario scenario, int n)
    {
        var evaluators = scenario.Runs.Take(n).Select(r => r?.Evaluator).OfType<ExpectationEvaluator>().ToList();
        return evaluators.Count == n ? evaluators : null;
    }
}
