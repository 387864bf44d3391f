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

    /// <summary>
    /// Runs <paramref name="work"/> for one file of a multi-file command (<c>validate</c>, <c>check</c>). An unexpected
    /// exception is a bug, but it must not abort the other files: it is reported under the file's name, and the
    /// caller gets false (and exits 1 once every file is done).
    /// </summary>
    public static bool Guard(CliContext context, string file, Action work)
    {
        ArgumentNullException.ThrowIfNull(work);
        try
        {
            work();
            return true;
        }
        catch (OperationCanceledException)
        {
            throw;
        }
#pragma warning disable CA1031 // A bug in one file becomes a reported failure of that file, not the end of the command.
        catch (Exception e)
#pragma warning restore CA1031
        {
            context.Error.WriteLine($"{file}: internal error: {e.GetType().Name}: {e.Message}");
            context.Error.WriteLine($"{file}: this is a bug in neurotag-cli; please report it with the scenario file");
            return false;
        }
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
