using Neurotag.Core.Specs;
using Neurotag.Scenarios.Compilation;
using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios;

/// <summary>The outcome of loading a scenario: a spec, or every problem found.</summary>
/// <param name="Spec">The compiled spec; null when there are errors.</param>
/// <param name="Errors">Every problem, in file order.</param>
/// <param name="Expectations">The <c>expect:</c> entries (empty when there are none or on errors).</param>
public sealed record ScenarioLoadResult(SimulationSpec? Spec, IReadOnlyList<Diagnostic> Errors, IReadOnlyList<Expectations.Expectation>? Expectations = null)
{
    /// <summary>Whether the scenario is valid.</summary>
    public bool IsValid => Spec is not null && Errors.Count == 0;

    /// <summary>The estimated network state in bytes, as checked against the memory limit; null when the scenario is invalid.</summary>
    public long? MemoryBytes { get; init; }
}

/// <summary>A scenario file parsed once (YAML tree and bytes), ready to compile with different overrides (sweeps).</summary>
/// <param name="File">The path as the user gave it.</param>
/// <param name="Root">The YAML tree.</param>
/// <param name="Bytes">The file's bytes (for the manifest's SHA-256).</param>
public sealed record ScenarioDocument(string File, YamlNodeBase Root, byte[] Bytes);

/// <summary>Reads, validates and compiles scenario files: <c>scenario.yaml → YAML tree → validator → spec</c>.</summary>
public static class ScenarioLoader
{
    /// <summary>Loads the file at <paramref name="path"/>.</summary>
    public static ScenarioLoadResult LoadFile(string path, ScenarioOptions? options = null)
    {
        var (document, errors) = ReadDocument(path);
        return document is null ? new ScenarioLoadResult(null, errors) : Compile(document, [], options);
    }

    /// <summary>Reads and parses the file at <paramref name="path"/> without compiling it.</summary>
    public static (ScenarioDocument? Document, IReadOnlyList<Diagnostic> Errors) ReadDocument(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes;
        try
        {
            if (Directory.Exists(path))
            {
                return FailDocument(path, "this is a folder, not a scenario file", "pass a .yaml file, e.g. scenarios/chronic-pain.yaml");
            }

            // Read up to one byte past the limit without asking for the length: pipes, FIFOs and /dev/stdin have none.
            using var stream = File.OpenRead(path);
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = stream.Read(chunk, 0, (int)Math.Min(chunk.Length, YamlTreeLoader.MaxBytes + 1 - buffer.Length))) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > YamlTreeLoader.MaxBytes)
                {
                    string size = stream.CanSeek ? $"the file is {stream.Length:N0} bytes" : "the input is larger than that";
                    return FailDocument(path, $"{size}; scenarios are at most {YamlTreeLoader.MaxBytes:N0}", "is this really a scenario file?");
                }
            }

            bytes = buffer.ToArray();
        }
        catch (FileNotFoundException)
        {
            return FailDocument(path, "file not found", "check the path; bundled scenarios are in scenarios/");
        }
        catch (DirectoryNotFoundException)
        {
            return FailDocument(path, "file not found (its folder does not exist)", "check the path; bundled scenarios are in scenarios/");
        }
        catch (UnauthorizedAccessException)
        {
            return FailDocument(path, "permission denied", "check the file's permissions");
        }
        catch (IOException e)
        {
            return FailDocument(path, "cannot read the file: " + e.Message, "");
        }

        var errors = new List<Diagnostic>();
        string? text = YamlTreeLoader.DecodeText(bytes, path, errors);
        if (text is null)
        {
            return (null, errors);
        }

        var (root, parseErrors) = Parse(text, path);
        return root is null ? (null, parseErrors) : (new ScenarioDocument(path, root, bytes), []);
    }

    /// <summary>Loads scenario text; <paramref name="file"/> names it in diagnostics.</summary>
    public static ScenarioLoadResult LoadText(string text, string file, ScenarioOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var (root, errors) = Parse(text, file);
        return root is null
            ? new ScenarioLoadResult(null, errors)
            : Compile(new ScenarioDocument(file, root, System.Text.Encoding.UTF8.GetBytes(text)), [], options);
    }

    /// <summary>
    /// Compiles <paramref name="document"/> with <paramref name="overrides"/> grafted in (<c>--set</c>, sweep points).
    /// Errors in an override's value point at where the value was written (the sweep section, or the flag).
    /// </summary>
    public static ScenarioLoadResult Compile(ScenarioDocument document, IReadOnlyList<Sweeps.ParameterOverride> overrides, ScenarioOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(overrides);
        var errors = new List<Diagnostic>();
        var root = Sweeps.YamlTreeEditor.Apply(document.Root, overrides, document.File, errors);
        if (errors.Count > 0)
        {
            return new ScenarioLoadResult(null, errors);
        }

        var compiler = new ScenarioCompiler(document.File, options ?? ScenarioOptions.Default);
        var spec = compiler.Compile(root);
        var sorted = compiler.Errors.OrderBy(e => e.File, StringComparer.Ordinal).ThenBy(e => e.Line).ThenBy(e => e.Column).ToList();
        return new ScenarioLoadResult(sorted.Count == 0 ? spec : null, sorted, sorted.Count == 0 ? compiler.Expectations : [])
        {
            MemoryBytes = sorted.Count == 0 ? compiler.MemoryBytes : null,
        };
    }

    private static (YamlNodeBase? Root, List<Diagnostic> Errors) Parse(string text, string file)
    {
        var errors = new List<Diagnostic>();
        var root = YamlTreeLoader.Load(text, file, errors);
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        if (root is null || root is YamlScalarNode { IsNull: true })
        {
            return (null, [new Diagnostic(file, 1, 1, "", "the scenario is empty", "a scenario is a mapping with at least 'name:', 'populations:' and 'protocol:'; see scenarios/chronic-pain.yaml")]);
        }

        return (root, errors);
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

    private static (ScenarioDocument? Document, IReadOnlyList<Diagnostic> Errors) FailDocument(string file, string message, string hint) =>
        (null, [new Diagnostic(file, 1, 1, "", message, hint)]);
}
