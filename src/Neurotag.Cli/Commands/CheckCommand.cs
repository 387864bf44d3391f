using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Xml.Linq;
using Neurotag.Core;
using Neurotag.Core.Protocol;
using Neurotag.Scenarios;
using Neurotag.Scenarios.Expectations;

namespace Neurotag.Cli.Commands;

/// <summary>
/// <c>check PATH... [--seeds N] [--junit FILE] [--jobs N]</c>: runs scenarios (files, or every *.yaml of a folder)
/// without writing run folders, evaluates their <c>expect:</c> entries for each seed, prints one line per
/// expectation and seed and a closing "N passed, N failed" line, and exits 4 if any failed (2 invalid scenario,
/// 3 run stopped by a checker). The regression check CI pipelines run.
/// </summary>
internal static class CheckCommand
{
    public static Command Create(CliContext context)
    {
        var paths = new Argument<string[]>("path") { Description = "Scenario files or folders of them.", Arity = ArgumentArity.OneOrMore };
        var seeds = NumberOptions.Count("--seeds", "Run each scenario with seeds seed..seed+N-1; every expectation must hold for each [default: 1].", "5");
        var junit = new Option<string?>("--junit") { Description = "Also write a JUnit XML report to this file (for CI systems)." };
        var jobs = NumberOptions.Count("--jobs", "Runs at once [default: the processor count].", "2", "-j");
        var allowLarge = AllowLargeOption.Create();
        var command = new Command("check", "Run scenarios and check their 'expect:' entries; exit 4 if any fails (regression checks for CI).") { paths, seeds, junit, jobs, allowLarge };
        command.SetAction(parse => Execute(context, parse.GetValue(paths)!, parse.GetValue(seeds) ?? 1, parse.GetValue(junit), parse.GetValue(jobs), parse.GetValue(allowLarge)));
        return command;
    }

    private sealed record Job(string File, ScenarioDocument Document, ScenarioLoadResult Base, int SeedIndex);

    private sealed record Outcome(Job Job, ulong Seed, IReadOnlyList<ExpectationResult> Results, string? Stopped, double Seconds)
    {
        /// <summary>An unexpected exception of this run (a bug): reported with its file, the other runs go on.</summary>
        public string? Crashed { get; init; }
    }

    private static int Execute(CliContext context, string[] paths, int seeds, string? junit, int? jobCount, bool allowLarge)
    {
        if (seeds < 1 || jobCount is < 1)
        {
            context.Error.WriteLine("error: --seeds and --jobs take a whole number of at least 1 (hint: for example --seeds 5)");
            return ExitCodes.InvalidInput;
        }

        var files = new List<string>();
        foreach (string path in paths)
        {
            if (Directory.Exists(path))
            {
                var found = Directory.GetFiles(path, "*.yaml").Order(StringComparer.Ordinal).ToList();
                if (found.Count == 0)
                {
                    // "0 passed, 0 failed" and exit 0 would let a CI job that points at the wrong folder pass forever.
                    context.Error.WriteLine($"{path}: no scenario files (*.yaml) in this folder; nothing to check (hint: pass the folder that holds the scenarios, e.g. scenarios/)");
                    return ExitCodes.InvalidInput;
                }

                files.AddRange(found);
            }
            else
            {
                files.Add(path);
            }
        }

        var invalid = new List<(string File, IReadOnlyList<Diagnostic> Errors)>();
        bool crashed = false;
        var jobs = new List<Job>();
        var scenarioOptions = new ScenarioOptions { AllowLargeOutput = allowLarge };
        foreach (string file in files)
        {
            ScenarioDocument? document = null;
            IReadOnlyList<Diagnostic> readErrors = [];
            ScenarioLoadResult? compiled = null;
            if (!ScenarioInput.Guard(context, file, () =>
            {
                (document, readErrors) = ScenarioLoader.ReadDocument(file);
                compiled = document is null ? null : ScenarioLoader.Compile(document, [], scenarioOptions);
            }))
            {
                crashed = true;
                continue;
            }

            if (document is null || compiled?.Spec is null)
            {
                var errors = document is null ? readErrors : compiled!.Errors;
                ScenarioInput.Report(context, file, errors);
                invalid.Add((file, errors));
                continue;
            }

            if (compiled.Expectations is not { Count: > 0 })
            {
                context.Error.WriteLine($"{file}: no 'expect:' entries; nothing to check");
                continue;
            }

            jobs.AddRange(Enumerable.Range(0, seeds).Select(k => new Job(file, document, compiled, k)));
        }

        var outcomes = new Outcome[jobs.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = jobCount ?? Environment.ProcessorCount, CancellationToken = context.Cancellation };
        Parallel.For(0, jobs.Count, options, k => outcomes[k] = Run(jobs[k], context.Cancellation));

        int passed = 0, failed = 0, stopped = 0;
        foreach (var outcome in outcomes)
        {
            string scenario = outcome.Job.Base.Spec!.Name;
            string seedText = outcome.Seed.ToString(CultureInfo.InvariantCulture);
            if (outcome.Crashed is { } bug)
            {
                crashed = true;
                context.Out.WriteLine($"ERROR {scenario}  seed {seedText}  {bug}");
                context.Error.WriteLine($"{outcome.Job.File}: seed {seedText}: {bug}; this is a bug in neurotag-cli; please report it with the scenario file");
                continue;
            }

            if (outcome.Stopped is { } why)
            {
                stopped++;
                context.Out.WriteLine($"STOP  {scenario}  seed {seedText}  {why}");
                continue;
            }

            foreach (var r in outcome.Results)
            {
                passed += r.Passed ? 1 : 0;
                failed += r.Passed ? 0 : 1;
                context.Out.WriteLine($"{(r.Passed ? "PASS" : "FAIL")}  {scenario}  seed {seedText}  {r.Expectation.Label}  ({r.Detail})");
                if (!r.Passed)
                {
                    context.Error.WriteLine($"{outcome.Job.File}:{r.Expectation.Line}:1: expectation failed with seed {seedText}: {r.Expectation.Label}: measured {r.Measured.ToString("G6", CultureInfo.InvariantCulture)} ({r.Detail})");
                }
            }
        }

        if (junit is not null)
        {
            WriteJUnit(junit, outcomes, invalid);
        }

        context.Out.WriteLine($"{passed} passed, {failed} failed{(invalid.Count > 0 ? $", {invalid.Count} invalid scenario{(invalid.Count == 1 ? "" : "s")}" : "")}");
        return crashed ? ExitCodes.InternalError : invalid.Count > 0 ? ExitCodes.InvalidInput : stopped > 0 ? ExitCodes.RunStopped : failed > 0 ? ExitCodes.ExpectationsFailed : ExitCodes.Ok;
    }

    private static Outcome Run(Job job, CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        ulong seed = unchecked(job.Base.Spec!.Seed + (ulong)job.SeedIndex);
        var spec = job.Base.Spec with { Seed = seed };
        var evaluator = new ExpectationEvaluator(spec.Protocol);
        try
        {
            Simulations.Create(spec).Run(evaluator, progress: null, cancellation);
        }
        catch (SimulationStoppedException e)
        {
            return new Outcome(job, seed, [], e.Message, clock.Elapsed.TotalSeconds);
        }
        catch (OperationCanceledException)
        {
            throw;
        }
#pragma warning disable CA1031 // One run's bug must not take the other runs and the JUnit report down with it.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return new Outcome(job, seed, [], null, clock.Elapsed.TotalSeconds) { Crashed = $"internal error: {e.GetType().Name}: {e.Message}" };
        }

        return new Outcome(job, seed, evaluator.Evaluate(job.Base.Expectations!), null, clock.Elapsed.TotalSeconds);
    }

    /// <summary>
    /// JUnit XML (the Ant schema CI systems read): one suite per scenario, one case per expectation and seed. An
    /// invalid scenario is a suite with one failing case, "valid scenario", that lists its errors: left out, a broken
    /// file would look like one with nothing to check.
    /// </summary>
    private static void WriteJUnit(string path, IEnumerable<Outcome> outcomes, IEnumerable<(string File, IReadOnlyList<Diagnostic> Errors)> invalid)
    {
        var invalidSuites = invalid.Select(i => new XElement(
            "testsuite",
            new XAttribute("name", i.File),
            new XAttribute("tests", 1),
            new XAttribute("failures", 1),
            new XAttribute("errors", 0),
            new XElement(
                "testcase",
                new XAttribute("classname", Path.GetFileNameWithoutExtension(i.File)),
                new XAttribute("name", "valid scenario"),
                new XElement(
                    "failure",
                    new XAttribute("message", string.Create(CultureInfo.InvariantCulture, $"invalid scenario: {i.Errors.Count:N0} error{(i.Errors.Count == 1 ? "" : "s")}")),
                    XmlSafe(Diagnostic.Text(i.Errors))))));
        var suites = outcomes.GroupBy(o => o.Job.File).Select(group =>
        {
            var cases = group.SelectMany(o => (o.Stopped ?? o.Crashed) is { } why
                ? [new XElement("testcase", new XAttribute("classname", o.Job.Base.Spec!.Name), new XAttribute("name", $"run (seed {o.Seed})"), new XElement("error", new XAttribute("message", why)))]
                : o.Results.Select(r => new XElement(
                    "testcase",
                    new XAttribute("classname", o.Job.Base.Spec!.Name),
                    new XAttribute("name", $"{r.Expectation.Label} (seed {o.Seed})"),
                    new XAttribute("time", (o.Seconds / Math.Max(1, o.Results.Count)).ToString("0.###", CultureInfo.InvariantCulture)),
                    r.Passed ? null : new XElement("failure", new XAttribute("message", $"measured {r.Measured.ToString("G6", CultureInfo.InvariantCulture)}: {r.Detail}"))))).ToList();
            return new XElement(
                "testsuite",
                new XAttribute("name", group.Key),
                new XAttribute("tests", cases.Count),
                new XAttribute("failures", cases.Count(c => c.Element("failure") is not null)),
                new XAttribute("errors", cases.Count(c => c.Element("error") is not null)),
                cases);
        });
        var document = new XDocument(new XElement("testsuites", invalidSuites, suites));
        string full = Path.GetFullPath(path);
        string temp = full + ".tmp-" + Guid.NewGuid().ToString("N");
        using (var writer = System.Xml.XmlWriter.Create(temp, new System.Xml.XmlWriterSettings { Encoding = new System.Text.UTF8Encoding(false), Indent = true }))
        {
            document.Save(writer);
        }

        File.Move(temp, full, overwrite: true);
    }

    /// <summary>The text with characters XML cannot hold (control characters a scenario's escapes can produce) shown as '?'.</summary>
    private static string XmlSafe(string text) => string.Concat(text.Select(c => System.Xml.XmlConvert.IsXmlChar(c) || char.IsSurrogate(c) ? c : '?'));
}
