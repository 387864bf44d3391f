using System.CommandLine;
using Neurotag.Scenarios;

namespace Neurotag.Cli.Commands;

/// <summary>
/// <c>schema</c>: prints the JSON Schema of scenario files, generated from the validator's key table. The committed
/// schema/scenario.schema.json is this output (a test keeps them equal).
/// </summary>
internal static class SchemaCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command(
            "schema",
            "Print the JSON Schema of scenario files (the one in schema/scenario.schema.json), for editors: add "
            + "'# yaml-language-server: $schema=PATH/scenario.schema.json' as a scenario's first line.");
        command.SetAction(_ =>
        {
            context.Out.Write(ScenarioJsonSchema.Generate());
            return ExitCodes.Ok;
        });
        return command;
    }
}
