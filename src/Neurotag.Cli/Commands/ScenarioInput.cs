using Neurotag.Scenarios;

namespace Neurotag.Cli.Commands;

/// <summary>Loads a scenario and prints its diagnostics.</summary>
internal static class ScenarioInput
{
    /// <summary>Loads <paramref name="path"/>; on errors prints every one to stderr and returns null.</summary>
    public static ScenarioLoadResult Load(CliContext context, string path, ScenarioOptions? options = null)
    {
        var result = ScenarioLoader.LoadFile(path, options);
        foreach (var error in result.Errors)
        {
            context.Error.WriteLine(error.ToString());
        }

        if (result.Errors.Count > 0)
        {
            context.Error.WriteLine($"{path}: {result.Errors.Count} error{(result.Errors.Count == 1 ? "" : "s")}; nothing was run");
        }

        return result;
    }
}
