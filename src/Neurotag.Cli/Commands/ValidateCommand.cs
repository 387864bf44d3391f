using System.CommandLine;
using Neurotag.Scenarios;
using Neurotag.Scenarios.Sweeps;

namespace Neurotag.Cli.Commands;

/// <summary>
/// <c>validate SCENARIO... [--allow-large]</c>: checks every file and reports every error; exit 2 if any file is invalid,
/// 1 if checking one hit a bug (the other files are still checked and reported). A file's <c>sweep:</c> block is checked
/// as <c>sweep</c> would run it: its keys, its paths, and every point's values.
/// </summary>
internal static class ValidateCommand
{
    public static Command Create(CliContext context)
    {
        var files = new Argument<string[]>("scenario") { Description = "Scenario files to check.", Arity = ArgumentArity.OneOrMore };
        var allowLarge = AllowLargeOption.Create();
        var command = new Command("validate", "Check scenario files without running them: every error of every file (the sweep: block and each of its points included), as file:line:col.") { files, allowLarge };
        command.SetAction(parse =>
        {
            int invalid = 0, crashed = 0;
            var options = new ScenarioOptions { AllowLargeOutput = parse.GetValue(allowLarge) };
            foreach (string file in parse.GetValue(files)!)
            {
                IReadOnlyList<Diagnostic> errors = [];
                if (!ScenarioInput.Guard(context, file, () => errors = Check(file, options)))
                {
                    crashed++;
                }
                else if (errors.Count == 0)
                {
                    context.Out.WriteLine($"{file}: ok");
                }
                else
                {
                    ScenarioInput.Report(context, file, errors);
                    invalid++;
                }
            }

            return crashed > 0 ? ExitCodes.InternalError : invalid == 0 ? ExitCodes.Ok : ExitCodes.InvalidInput;
        });
        return command;
    }

    /// <summary>Every problem of the scenario at <paramref name="file"/>, its sweep's included, in file order.</summary>
    internal static IReadOnlyList<Diagnostic> Check(string file, ScenarioOptions? options = null)
    {
        var (document, readErrors) = ScenarioLoader.ReadDocument(file);
        if (document is null)
        {
            return readErrors;
        }

        var errors = new List<Diagnostic>(ScenarioLoader.Compile(document, [], options).Errors);
        var sweepErrors = new List<Diagnostic>();
        var sweep = SweepDefinition.Read(document.Root, document.File, [], null, sweepErrors);
        errors.AddRange(sweepErrors);
        if (sweep.Axes.Count > 0)
        {
            errors.AddRange(SweepValidation.Check(document, sweep, [], options).Errors);
        }

        if (SweepPlan.PointCount(sweep) > SweepPlan.MaxPoints)
        {
            var at = (document.Root as Scenarios.Yaml.YamlMappingNode)?["sweep"];
            errors.Add(new Diagnostic(file, at?.Start.Line ?? 1, at?.Start.Column ?? 1, "sweep", $"the sweep expands to more than {SweepPlan.MaxPoints:N0} points", "sweep fewer values or seeds"));
        }

        return [.. errors.Distinct().OrderBy(e => e.File, StringComparer.Ordinal).ThenBy(e => e.Line).ThenBy(e => e.Column)];
    }
}
