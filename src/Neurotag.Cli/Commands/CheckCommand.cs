using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Neurotag.Core;
using Neurotag.Core.Protocol;
using Neurotag.Scenarios;
using Neurotag.Scenarios.Expectations;

namespace Neurotag.Cli.Commands;

/// <summary>
/// <c>check PATH... [--seeds N] [--seed S] [--junit FILE] [--jobs N] [--save-baseline FILE | --baseline FILE]</c>:
/// runs scenarios (files, or every *.yaml of a folder) without writing run folders, evaluates their <c>expect:</c>
/// entries for each seed (and entries with <c>over_seeds:</c> on the distribution over seeds), optionally compares
/// the metrics they name with a baseline, prints one line per verdict and a closing "N passed, N failed" line, and
/// exits 4 if any failed or moved (2 invalid input, 3 run stopped by a checker). The regression check CI runs.
/// </summary>
internal static class CheckCommand
{
    public static Command Create(CliContext context)
    {
        var paths = new Argument<string[]>("path") { Description = "Scenario files or folders of them.", Arity = ArgumentArity.OneOrMore };
        var seeds = NumberOptions.Count("--seeds", "Run each scenario with seeds seed..seed+N-1; every expectation must hold for each [default: 1]. Entries with over_seeds: run as many seeds as they name.", "5");
        var seed = NumberOptions.Seed("First seed [default: the scenario's 'seed:', or with --baseline the baseline's first seed].");
        var junit = new Option<string?>("--junit") { Description = "Also write a JUnit XML report to this file (for CI systems)." };
        var jobs = NumberOptions.Count("--jobs", "Runs at once [default: the processor count].", "2", "-j");
        var allowLarge = AllowLargeOption.Create();
        var save = new Option<string?>("--save-baseline") { Description = "Write the per-seed values of every metric the expectations name, and their summary, to this JSON baseline." };
        var baseline = new Option<string?>("--baseline") { Description = "Rerun the seeds of this baseline and exit 4 if a metric moved beyond noise (Welch's t and TOST equivalence)." };
        var margin = NumberOptions.NonNegative("--equivalence-margin", "With --baseline: a change smaller than this fraction of the baseline mean counts as none [default: 0.1].", "0.05");
        var acceptChanged = new Option<bool>("--accept-changed-scenario") { Description = "With --baseline: compare even if the scenario file differs from the one the baseline was recorded from." };
        var command = new Command("check", "Run scenarios and check their 'expect:' entries; exit 4 if any fails (regression checks for CI).")
        {
            paths, seeds, seed, junit, jobs, allowLarge, save, baseline, margin, acceptChanged,
        };
        command.SetAction(parse => Execute(context, new CheckSettings(
            parse.GetValue(paths)!, parse.GetValue(seeds) ?? 1, parse.GetValue(seed), parse.GetValue(junit), parse.GetValue(jobs), parse.GetValue(allowLarge),
            parse.GetValue(save), parse.GetValue(baseline), parse.GetValue(margin) ?? 0.1, parse.GetValue(acceptChanged))));
        return command;
    }

    private static int Execute(CliContext context, CheckSettings settings)
    {
        if (settings.Seeds < 1 || settings.Jobs is < 1)
        {
            context.Error.WriteLine("error: --seeds and --jobs take a whole number of at least 1 (hint: for example --seeds 5)");
            return ExitCodes.InvalidInput;
        }

        if (settings.SaveBaseline is not null && settings.Baseline is not null)
        {
            context.Error.WriteLine("error: --save-baseline and --baseline cannot be used together (hint: record a baseline once, then check against it)");
            return ExitCodes.InvalidInput;
        }

        BaselineFile? baseline = null;
        if (settings.Baseline is { } baselinePath)
        {
            try
            {
                baseline = BaselineFile.Read(baselinePath);
            }
            catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
            {
                context.Error.WriteLine($"{(e is InvalidDataException ? e.Message : $"{baselinePath}: cannot read the baseline: {e.Message}")} (hint: record one with 'neurotag-cli check SCENARIO --seeds 5 --save-baseline {baselinePath}')");
                return ExitCodes.InvalidInput;
            }
        }

        if (CheckPlan.Collect(context, settings) is not { } plan)
        {
            return ExitCodes.InvalidInput;
        }

        if (!plan.Prepare(context, settings, baseline))
        {
            return plan.Crashed ? ExitCodes.InternalError : ExitCodes.InvalidInput;
        }

        var jobs = plan.Scenarios.SelectMany(s => Enumerable.Range(0, s.RunSeeds).Select(k => (Scenario: s, SeedIndex: k))).ToList();
        var outcomes = new CheckRun[jobs.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = settings.Jobs ?? Environment.ProcessorCount, CancellationToken = context.Cancellation };
        Parallel.For(0, jobs.Count, options, k => outcomes[k] = Run(jobs[k].Scenario, jobs[k].SeedIndex, context.Cancellation));
        foreach (var outcome in outcomes)
        {
            outcome.Scenario.Runs[outcome.SeedIndex] = outcome;
        }

        var tally = new CheckTally();
        var cases = new List<JUnitCase>();
        bool crashed = plan.Crashed;
        foreach (var outcome in outcomes)
        {
            crashed |= Report(context, outcome, settings.Seeds, tally, cases);
        }

        foreach (var scenario in plan.Scenarios.Where(s => s.Checked))
        {
            CheckSeedEntries.Evaluate(context, scenario, plan, tally, cases);
        }

        int baselineExit = baseline is not null ? CheckBaselines.Compare(context, plan, baseline, settings, tally, cases)
            : settings.SaveBaseline is { } savePath ? CheckBaselines.Save(context, plan, savePath)
            : ExitCodes.Ok;

        if (settings.JUnit is not null)
        {
            CheckJUnit.Write(settings.JUnit, cases, plan.Invalid);
        }

        context.Out.WriteLine($"{tally.Passed} passed, {tally.Failed} failed{(plan.Invalid.Count > 0 ? $", {plan.Invalid.Count} invalid scenario{(plan.Invalid.Count == 1 ? "" : "s")}" : "")}");
        return crashed ? ExitCodes.InternalError
            : plan.Invalid.Count > 0 || baselineExit == ExitCodes.InvalidInput ? ExitCodes.InvalidInput
            : tally.Stopped > 0 ? ExitCodes.RunStopped
            : tally.Failed > 0 ? ExitCodes.ExpectationsFailed
            : baselineExit;
    }

    /// <summary>Prints one run's per-seed verdicts (the scenarios named on the command line, the first --seeds seeds); true if the run crashed.</summary>
    private static bool Report(CliContext context, CheckRun outcome, int perSeed, CheckTally tally, List<JUnitCase> cases)
    {
        var s = outcome.Scenario;
        string name = s.Compiled.Spec!.Name;
        string seedText = outcome.Seed.ToString(CultureInfo.InvariantCulture);
        if (outcome.Crashed is { } bug)
        {
            context.Out.WriteLine($"ERROR {name}  seed {seedText}  {bug}");
            context.Error.WriteLine($"{s.File}: seed {seedText}: {bug}; this is a bug in neurotag-cli; please report it with the scenario file");
            return true;
        }

        if (outcome.Stopped is { } why)
        {
            tally.Stopped++;
            context.Out.WriteLine($"STOP  {name}  seed {seedText}  {why}");
            cases.Add(new JUnitCase(s.File, name, $"run (seed {outcome.Seed})", null, null, why, []));
            return false;
        }

        if (!s.Checked || outcome.SeedIndex >= perSeed)
        {
            return false;
        }

        var results = outcome.Evaluator!.Evaluate(s.Compiled.Expectations!.Where(e => e.OverSeeds is null));
        foreach (var r in results)
        {
            tally.Passed += r.Passed ? 1 : 0;
            tally.Failed += r.Passed ? 0 : 1;
            context.Out.WriteLine($"{(r.Passed ? "PASS" : "FAIL")}  {name}  seed {seedText}  {r.Expectation.Label}  ({r.Detail})");
            string measured = r.Measured.ToString("G6", CultureInfo.InvariantCulture);
            if (!r.Passed)
            {
                context.Error.WriteLine($"{s.File}:{r.Expectation.Line}:1: expectation failed with seed {seedText}: {r.Expectation.Label}: measured {measured} ({r.Detail})");
            }

            cases.Add(new JUnitCase(s.File, name, $"{r.Expectation.Label} (seed {outcome.Seed})", outcome.Seconds / Math.Max(1, results.Count), r.Passed ? null : $"measured {measured}: {r.Detail}", null, []));
        }

        return false;
    }

    private static CheckRun Run(CheckScenario scenario, int seedIndex, CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        ulong seed = unchecked(scenario.FirstSeed + (ulong)seedIndex);
        var spec = scenario.Compiled.Spec! with { Seed = seed };
        var evaluator = new ExpectationEvaluator(spec.Protocol);
        try
        {
            Simulations.Create(spec).Run(evaluator, progress: null, cancellation);
        }
        catch (SimulationStoppedException e)
        {
            return new CheckRun(scenario, seedIndex, seed, null, e.Message, null, clock.Elapsed.TotalSeconds);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
#pragma warning disable CA1031 // One run's bug must not take the other runs and the JUnit report down with it.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return new CheckRun(scenario, seedIndex, seed, null, null, $"internal error: {e.GetType().Name}: {e.Message}", clock.Elapsed.TotalSeconds);
        }

        return new CheckRun(scenario, seedIndex, seed, evaluator, null, null, clock.Elapsed.TotalSeconds);
    }
}

/// <summary>The options of <c>check</c>.</summary>
internal sealed record CheckSettings(string[] Paths, int Seeds, ulong? Seed, string? JUnit, int? Jobs, bool AllowLarge, string? SaveBaseline, string? Baseline, double EquivalenceMargin, bool AcceptChangedScenario);

/// <summary>One run of a scenario for one seed: its evaluator (summary rows), or why it has none.</summary>
internal sealed record CheckRun(CheckScenario Scenario, int SeedIndex, ulong Seed, ExpectationEvaluator? Evaluator, string? Stopped, string? Crashed, double Seconds);

/// <summary>Counts of verdicts.</summary>
internal sealed class CheckTally
{
    public int Passed { get; set; }

    public int Failed { get; set; }

    public int Stopped { get; set; }
}
