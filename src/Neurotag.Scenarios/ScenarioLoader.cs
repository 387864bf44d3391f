using Neurotag.Core.Specs;
using Neurotag.Scenarios.Compilation;
using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios;

/// <summary>The outcome of loading a scenario: a spec, or every problem found.</summary>
/// <param name="Spec">The compiled spec; null when there are errors.</param>
/// <param name="Errors">Every problem, in file order.</param>
public sealed record ScenarioLoadResult(SimulationSpec? Spec, IReadOnlyList<Diagnostic> Errors)
{
    /// <summary>Whether the scenario is valid.</summary>
    public bool IsValid => Spec is not null && Errors.Count == 0;
}

/// <summary>Reads, validates and compiles scenario files: <c>scenario.yaml → YAML tree → validator → spec</c>.</summary>
public static class ScenarioLoader
{
    /// <summary>Loads the file at <paramref name="path"/>.</summary>
    public static ScenarioLoadResult LoadFile(string path, ScenarioOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes;
        try
        {
            if (Directory.Exists(path))
            {
                return Fail(path, "this is a folder, not a scenario file", "pass a .yaml file, e.g. scenarios/chronic-pain.yaml");
            }

            using var stream = File.OpenRead(path);
            if (stream.Length > YamlTreeLoader.MaxBytes)
            {
                return Fail(path, $"the file is {stream.Length:N0} bytes; scenarios are at most {YamlTreeLoader.MaxBytes:N0}", "is this really a scenario file?");
            }

            bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
        }
        catch (FileNotFoundException)
        {
            return Fail(path, "file not found", "check the path; bundled scenarios are in scenarios/");
        }
        catch (DirectoryNotFoundException)
        {
            return Fail(path, "file not found (its folder does not exist)", "check the path; bundled scenarios are in scenarios/");
        }
        catch (UnauthorizedAccessException)
        {
            return Fail(path, "permission denied", "check the file's permissions");
        }
        catch (IOException e)
        {
            return Fail(path, "cannot read the file: " + e.Message, "");
        }

        var errors = new List<Diagnostic>();
        string? text = YamlTreeLoader.DecodeText(bytes, path, errors);
        return text is null ? new ScenarioLoadResult(null, errors) : LoadText(text, path, options);
    }

    /// <summary>Loads scenario text; <paramref name="file"/> names it in diagnostics.</summary>
    public static ScenarioLoadResult LoadText(string text, string file, ScenarioOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var errors = new List<Diagnostic>();
        var root = YamlTreeLoader.Load(text, file, errors);
        if (errors.Count > 0)
        {
            return new ScenarioLoadResult(null, errors);
        }

        if (root is null || root is YamlScalarNode { IsNull: true })
        {
            return Fail(file, "the scenario is empty", "a scenario is a mapping with at least 'name:', 'populations:' and 'protocol:'; see scenarios/chronic-pain.yaml");
        }

        var compiler = new ScenarioCompiler(file, options ?? ScenarioOptions.Default);
        var spec = compiler.Compile(root);
        var sorted = compiler.Errors.OrderBy(e => e.Line).ThenBy(e => e.Column).ToList();
        return new ScenarioLoadResult(sorted.Count == 0 ? spec : null, sorted);
    }

    /// <summary>
    /// The default ceiling on network state: <c>NEUROTAG_MEMORY_LIMIT_MB</c> when set, else 75 % of the memory
    /// available to this process.
    /// </summary>
    public static long DefaultMemoryLimitBytes()
    {
        string? env = Environment.GetEnvironmentVariable("NEUROTAG_MEMORY_LIMIT_MB");
        if (long.TryParse(env, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long mb) && mb > 0)
        {
            return mb * 1024 * 1024;
        }

        return (long)(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes * 0.75);
    }

    private static ScenarioLoadResult Fail(string file, string message, string hint) =>
        new(null, [new Diagnostic(file, 1, 1, "", message, hint)]);
}
