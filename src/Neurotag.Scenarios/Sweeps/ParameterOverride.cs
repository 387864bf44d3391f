using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Sweeps;

/// <summary>
/// One parameter set to a value: a dotted path into the scenario (<c>projections.recurrent.plasticity.rate</c>,
/// <c>protocol.rehab.repeat</c>) and the YAML node that replaces what the file says there. The value is compiled
/// with the same rules and units as the file, so <c>--set dt=0.5</c> fails exactly as <c>dt: 0.5</c> would.
/// </summary>
/// <param name="Path">The parameter path.</param>
/// <param name="Value">The replacement node (from the file's <c>sweep:</c> section, or parsed from the command line).</param>
public sealed record ParameterOverride(string Path, YamlNodeBase Value)
{
    /// <summary>The value as text, for folder names, index.csv and manifests.</summary>
    public string ValueText => Value is YamlScalarNode s ? s.Value : "<" + SchemaText(Value) + ">";

    /// <summary>
    /// Parses <c>PATH=VALUE</c> from the command line; the value is read as YAML (so <c>[0, 39]</c> is a list).
    /// Returns null and adds a diagnostic when the text is malformed.
    /// </summary>
    public static ParameterOverride? Parse(string assignment, string flag, List<Diagnostic> errors)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        ArgumentNullException.ThrowIfNull(errors);
        int eq = assignment.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0)
        {
            errors.Add(new Diagnostic($"{flag} {assignment}", 1, 1, "", "expected PATH=VALUE", "for example --set projections.recurrent.plasticity.rate=0.02"));
            return null;
        }

        string path = assignment[..eq].Trim();
        var value = ParseValue(assignment[(eq + 1)..], $"{flag} {path}", errors);
        return value is null ? null : new ParameterOverride(path, value);
    }

    /// <summary>Parses one command-line value as a YAML node whose diagnostics name <paramref name="origin"/>.</summary>
    public static YamlNodeBase? ParseValue(string text, string origin, List<Diagnostic> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var local = new List<Diagnostic>();
        var node = YamlTreeLoader.Load(text, origin, local, origin);
        errors.AddRange(local);
        if (local.Count == 0 && node is null)
        {
            errors.Add(new Diagnostic(origin, 1, 1, "", "the value is empty", "write a value after '='"));
        }

        return local.Count == 0 ? node : null;
    }

    private static string SchemaText(YamlNodeBase node) => node switch
    {
        YamlScalarNode s => s.Value,
        YamlSequenceNode q => "[" + string.Join(", ", q.Items.Select(SchemaText)) + "]",
        YamlMappingNode m => "{" + string.Join(", ", m.Entries.Select(e => e.Key.Value + ": " + SchemaText(e.Value))) + "}",
        _ => "?",
    };
}
