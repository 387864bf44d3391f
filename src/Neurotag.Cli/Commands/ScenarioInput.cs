using Neurotag.Scenarios;

namespace Neurotag.Cli.Commands;

/// <summary>Loads a scenario and prints its diagnostics.</summary>
internal static class ScenarioInput
{
    /// <summary>Loads <paramref name="path"/>, printing every error to stderr.</summary>
    public static ScenarioLoadResult Load(CliContext context, string path, ScenarioOptions? options = null)
    {
        var result = ScenarioLoader.LoadFile(path, options);
        if (result.Errors.Count > 0)
        {
            Report(context, path, result.Errors);
        }

        return result;
    }

    /// <summary>Prints <paramref name="errors"/> and a count line; returns the invalid-input exit code.</summary>
    public static int Report(CliContext context, string path, IReadOnlyList<Diagnostic> errors)
    {
        foreach (var error in errors)
        {
            context.Error.WriteLine(error.ToString());
        }

        context.Error.WriteLine($"{path}: {errors.Count} error{(errors.Count == 1 ? "" : "s")}; nothing was run");
        return ExitCodes.InvalidInput;
    }
}
