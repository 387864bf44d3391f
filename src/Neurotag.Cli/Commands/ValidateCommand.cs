using System.CommandLine;
using Neurotag.Scenarios;

namespace Neurotag.Cli.Commands;

/// <summary>
/// <c>validate SCENARIO... [--allow-large]</c>: checks every file and reports every error; exit 2 if any file is invalid,
/// 1 if checking one hit a bug (the other files are still checked and reported).
/// </summary>
internal static class ValidateCommand
{
    public static Command Create(CliContext context)
    {
        var files = new Argument<string[]>("scenario") { Description = "Scenario files to check.", Arity = ArgumentArity.OneOrMore };
        var allowLarge = AllowLargeOption.Create();
        var command = new Command("validate", "Check scenario files without running them: every error of every file, as file:line:col.") { files, allowLarge };
        command.SetAction(parse =>
        {
            int invalid = 0, crashed = 0;
            var options = new ScenarioOptions { AllowLargeOutput = parse.GetValue(allowLarge) };
            foreach (string file in parse.GetValue(files)!)
            {
                bool valid = false;
                if (!ScenarioInput.Guard(context, file, () => valid = ScenarioInput.Load(context, file, options).IsValid))
                {
                    crashed++;
                }
                else if (valid)
                {
                    context.Out.WriteLine($"{file}: ok");
                }
                else
                {
                    invalid++;
                }
            }

            return crashed > 0 ? ExitCodes.InternalError : invalid == 0 ? ExitCodes.Ok : ExitCodes.InvalidInput;
        });
        return command;
    }
}
