using System.CommandLine;

namespace Neurotag.Cli.Commands;

/// <summary><c>validate SCENARIO...</c>: checks every file and reports every error; exit 2 if any file is invalid.</summary>
internal static class ValidateCommand
{
    public static Command Create(CliContext context)
    {
        var files = new Argument<string[]>("scenario") { Description = "Scenario files to check.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("validate", "Check scenario files without running them: every error of every file, as file:line:col.") { files };
        command.SetAction(parse =>
        {
            int invalid = 0;
            foreach (string file in parse.GetValue(files)!)
            {
                var result = ScenarioInput.Load(context, file);
                if (result.IsValid)
                {
                    context.Out.WriteLine($"{file}: ok");
                }
                else
                {
                    invalid++;
                }
            }

            return invalid == 0 ? ExitCodes.Ok : ExitCodes.InvalidInput;
        });
        return command;
    }
}
