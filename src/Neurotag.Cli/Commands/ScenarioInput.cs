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

    /// <summary>Prints <paramref name="errors"/> (at most <see cref="Diagnostic.MaxShown"/>) and a count line; returns the invalid-input exit code.</summary>
    public static int Report(CliContext context, string path, IReadOnlyList<Diagnostic> errors)
    {
        foreach (string line in Diagnostic.Lines(errors))
        {
            context.Error.WriteLine(line);
        }

        context.Error.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{path}: {errors.Count:N0} error{(errors.Count == 1 ? "" : "s")}; nothing was run"));
        return ExitCodes.InvalidInput;
    }
}
