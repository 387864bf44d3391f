using System.Globalization;
using Neurotag.Scenarios.Expectations;
using Neurotag.Statistics;

namespace Neurotag.Cli.Commands;

/// <summary>
/// <c>check --save-baseline</c> and <c>check --baseline</c>: the metrics a scenario's expectations name (subjects,
/// references, other conditions), per seed. A rerun is compared metric by metric with Welch's t (is there evidence
/// of a change?) and TOST within ±margin·|baseline mean| (can "no change" be claimed?), both at α = 0.05
/// (<see cref="BaselineComparison"/>). A metric that moved is a failure (exit 4), named with its old and new
/// mean ± 95 % CI half-width and p.
/// </summary>
internal static class CheckBaselines
{
    private const double Alpha = 0.05;

    public static int Save(CliContext context, CheckPlan plan, string path)
    {
        var scenarios = new List<BaselineScenario>();
        foreach (var s in plan.Scenarios.Where(s => s.Checked))
        {
            if (s.Runs.Any(r => r?.Evaluator is null))
            {
                context.Error.WriteLine($"{path}: not written: a run of {s.File} stopped (see above); a baseline needs every seed");
                return ExitCodes.RunStopped;
            }

            var metrics = new List<BaselineMetric>();
            foreach (var m in Metrics(s))
            {
                var values = s.Runs.Select(r => r!.Evaluator!.Value(m)).ToList();
                if (values.Any(v => v is null || !double.IsFinite(v.Value)))
                {
                    context.Error.WriteLine($"{s.File}: {m.MetricText} in {m.PhaseText} was not measured for every seed; left out of the baseline");
                    continue;
                }

                double[] v = [.. values.Select(x => x!.Value)];
                var summary = SampleSummary.Of(v);
                metrics.Add(new BaselineMetric(m.Phase, m.Rep, m.After, m.Kind, m.Name, m.Metric, m.Other, v, summary.N, summary.Mean, summary.Sd, summary.CiLow, summary.CiHigh));
            }

            scenarios.Add(new BaselineScenario(s.Compiled.Spec!.Name, s.File, s.Sha256, [.. s.Runs.Select(r => r!.Seed)], metrics));
        }

        try
        {
            new BaselineFile { Format = BaselineFile.CurrentFormat, ToolVersion = RunExecutor.ToolVersion(), ToolCommit = RunExecutor.ToolCommit(), Scenarios = scenarios }.Write(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            context.Error.WriteLine($"{path}: cannot write the baseline: {e.Message}");
            return ExitCodes.InvalidInput;
        }

        context.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"baseline of {scenarios.Count} scenario{(scenarios.Count == 1 ? "" : "s")} ({scenarios.Sum(s => s.Metrics.Count)} metrics) written to {path}"));
        return ExitCodes.Ok;
    }

    public static int Compare(CliContext context, CheckPlan plan, BaselineFile baseline, CheckSettings settings, CheckTally tally, List<JUnitCase> cases)
    {
        int same = 0, unsure = 0, moved = 0;
        foreach (var s in plan.Scenarios.Where(s => s.Checked))
        {
            string name = s.Compiled.Spec!.Name;
            if (baseline.Scenarios.FirstOrDefault(b => b.Name == name) is not { } recorded)
            {
                continue;
            }

            int n = recorded.Seeds.Count;
            if (s.Runs.Take(n).Any(r => r?.Evaluator is null))
            {
                continue; // a stopped run is reported (STOP) and counted already
            }

            foreach (var metric in recorded.Metrics)
            {
                var m = metric.ToRef();
                string label = $"{m.MetricText} in {m.PhaseText}";
                var values = s.Runs.Take(n).Select(r => r!.Evaluator!.Value(m)).ToList();
                if (values.Any(v => v is null || !double.IsFinite(v.Value)))
                {
                    tally.Failed++;
                    moved++;
                    context.Out.WriteLine($"MOVED  {name}  baseline  {label}  (no longer measured for every seed)");
                    context.Error.WriteLine($"{s.File}: regression: {label} is no longer measured for every seed");
                    cases.Add(new JUnitCase(s.File, name, $"baseline: {label}", null, "no longer measured", null, []));
                    continue;
                }

                var c = BaselineComparison.Of(metric.Values, [.. values.Select(v => v!.Value)], settings.EquivalenceMargin, Alpha);
                string numbers = Numbers(c);
                string verdict = c.Verdict switch { BaselineVerdict.Same => "SAME", BaselineVerdict.Moved => "MOVED", _ => "UNSURE" };
                context.Out.WriteLine($"{verdict,-6} {name}  baseline  {label}  ({numbers})");
                same += c.Verdict == BaselineVerdict.Same ? 1 : 0;
                unsure += c.Verdict == BaselineVerdict.Inconclusive ? 1 : 0;
                if (c.Verdict == BaselineVerdict.Moved)
                {
                    moved++;
                    tally.Failed++;
                    context.Error.WriteLine($"{s.File}: regression: {label} moved beyond noise: {numbers}");
                }
                else
                {
                    tally.Passed++;
                }

                cases.Add(new JUnitCase(s.File, name, $"baseline: {label}", null, c.Verdict == BaselineVerdict.Moved ? $"moved: {numbers}" : null, null,
                [
                    ("statistic", "mean"), ("old_mean", G(c.Old.Mean)), ("old_ci_low", G(c.Old.CiLow)), ("old_ci_high", G(c.Old.CiHigh)),
                    ("new_mean", G(c.New.Mean)), ("new_ci_low", G(c.New.CiLow)), ("new_ci_high", G(c.New.CiHigh)),
                    ("test", "Welch t (two-sided)"), ("p", G(c.WelchP)), ("tost_p", G(c.EquivalenceP)), ("margin", G(c.Margin)), ("n", c.New.N.ToString(CultureInfo.InvariantCulture)),
                ]));
            }
        }

        context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"baseline: {same} same, {unsure} not shown equivalent, {moved} moved (Welch t and TOST at α = {Alpha}, margin ±{settings.EquivalenceMargin:P0} of the baseline mean)"));
        return moved > 0 ? ExitCodes.ExpectationsFailed : ExitCodes.Ok;
    }

    /// <summary>e.g. <c>old 0.0121 ± 2.1e-09, new 0.0098 ± 3e-09 (mean ± 95% CI), Welch p = 1e-12, TOST p = 1 within ±0.00121, n = 5</c>.</summary>
    private static string Numbers(BaselineComparison c) => string.Create(
        CultureInfo.InvariantCulture,
        $"old {c.Old.Mean:G6} ± {(c.Old.CiHigh - c.Old.CiLow) / 2:G3}, new {c.New.Mean:G6} ± {(c.New.CiHigh - c.New.CiLow) / 2:G3} (mean ± 95% CI), Welch p = {c.WelchP:G3}, TOST p = {c.EquivalenceP:G3} within ±{c.Margin:G3}, n = {c.New.N}");

    private static string G(double v) => v.ToString("G6", CultureInfo.InvariantCulture);

    /// <summary>Every metric the scenario's expectations measure in this scenario, once each, in the order written.</summary>
    private static List<MetricRef> Metrics(CheckScenario s)
    {
        var refs = new List<MetricRef>();
        foreach (var e in s.Compiled.Expectations!)
        {
            refs.Add(e.Subject);
            refs.AddRange(new[] { e.Above?.Reference, e.Below?.Reference }.OfType<MetricRef>());
            if (e.OverSeeds?.Effect is { Scenario: null } effect)
            {
                refs.Add(effect.Versus);
            }
        }

        return refs.Distinct().ToList();
    }
}
