using System.CommandLine;
using Neurotag.Scenarios;
using Neurotag.Scenarios.Sweeps;

namespace Neurotag.Cli.Commands;

/// <summary>
/// <c>validate SCENARIO...</c>: checks every file and reports every error; exit 2 if any file is invalid. A file's
/// <c>sweep:</c> block is checked as <c>sweep</c> would run it: its keys, its paths, and every point's values.
/// </summary>
internal static class ValidateCommand
{
    public static Command Create(CliContext context)
    {
        var files = new Argument<string[]>("scenario") { Description = "Scenario files to check.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("validate", "Check scenario files without running them: every error of every file (the sweep: block and each of its points included), as file:line:col.") { files };
        command.SetAction(parse =>
        {
            int invalid = 0;
            foreach (string file in parse.GetValue(files)!)
            {
                var errors = Check(file);
                if (errors.Count == 0)
                {
                    context.Out.WriteLine($"{file}: ok");
                }
                else
                {
                    ScenarioInput.Report(context, file, errors);
                    invalid++;
                }
            }

            return invalid == 0 ? ExitCodes.Ok : ExitCodes.InvalidInput;
        });
        return command;
    }

    /// <summary>Every problem of the scenario at <paramref name="file"/>, its sweep's included, in file order.</summary>
    internal static IReadOnlyList<Diagnostic> Check(string file)
    {
        var (document, readErrors) = ScenarioLoader.ReadDocument(file);
        if (document is null)
        {
            return readErrors;
        }

        var errors = new List<Diagnostic>(ScenarioLoader.Compile(document, []).Errors);
        var sweepErrors = new List<Diagnostic>();
        var sweep = SweepDefinition.Read(document.Root, document.File, [], null, sweepErrors);
        errors.AddRange(sweepErrors);
        if (sweep.Axes.Count > 0)
        {
            errors.AddRange(SweepValidation.Check(document, sweep, []).Errors);
        }

        if (SweepPlan.PointCount(sweep) > SweepPlan.MaxPoints)
        {
            var at = (document.Root as Scenarios.Yaml.YamlMappingNode)?["sweep"];
            errors.Add(new Diagnostic(file, at?.Start.Line ?? 1, at?.Start.Column ?? 1, "sweep", $"the sweep expands to more than {SweepPlan.MaxPoints:N0} points", "sweep fewer values or seeds"));
        }

        return [.. errors.Distinct().OrderBy(e => e.File, StringComparer.Ordinal).ThenBy(e => e.Line).ThenBy(e => e.Column)];
    }
}
