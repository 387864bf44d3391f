using System.Globalization;
using Neurotag.Scenarios.Units;
using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation;

/// <summary>
/// Typed reads from the YAML tree that never throw: each problem becomes a <see cref="Diagnostic"/> at the
/// offending node, and the read returns null so checking goes on and every error of a file is reported at once.
/// </summary>
internal sealed partial class SchemaReader(string file)
{
    private const string NonFiniteHint = "non-finite numbers (NaN, infinities) are not allowed: write a finite number";

    public string File { get; } = file;

    public List<Diagnostic> Errors { get; } = [];

    public static string Inv(FormattableString text) => FormattableString.Invariant(text);

    public void Error(YamlNodeBase node, string path, string message, string hint = "") =>
        Errors.Add(new Diagnostic(node.Origin ?? File, node.Start.Line, node.Start.Column, path, message, hint));

    public YamlMappingNode? Mapping(YamlNodeBase? node, string path, string example)
    {
        if (node is YamlMappingNode mapping)
        {
            return mapping;
        }

        if (node is not null)
        {
            Error(node, path, $"expected a mapping, found {Describe(node)}", "write it as " + example);
        }

        return null;
    }

    public YamlSequenceNode? Sequence(YamlNodeBase? node, string path, string example)
    {
        if (node is YamlSequenceNode sequence)
        {
            return sequence;
        }

        if (node is not null)
        {
            Error(node, path, $"expected a list, found {Describe(node)}", "write it as " + example);
        }

        return null;
    }

    /// <summary>
    /// Reports keys outside <paramref name="keys"/>, suggesting the nearest allowed key. Key sets come only from
    /// <see cref="ScenarioKeys"/>, the table the JSON Schema is generated from.
    /// </summary>
    public void CheckKeys(YamlMappingNode mapping, string path, KeySet keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        CheckKeys(mapping, path, keys.Names);
    }

    private void CheckKeys(YamlMappingNode mapping, string path, string[] allowed)
    {
        foreach (var (key, _) in mapping.Entries)
        {
            if (Array.IndexOf(allowed, key.Value) < 0)
            {
                string? near = Nearest(key.Value, allowed);
                string hint = near is not null ? $"did you mean '{near}'?" : "allowed keys: " + string.Join(", ", allowed);
                Error(key, Join(path, key.Value), $"unknown key '{key.Value}'", hint);
            }
        }
    }

    /// <summary>The value of a required key, or null with an error at the mapping.</summary>
    public YamlNodeBase? Required(YamlMappingNode mapping, string key, string path, string example)
    {
        var value = mapping[key];
        if (value is null)
        {
            Error(mapping, Join(path, key), $"missing required key '{key}'", $"add '{key}: {example}'");
        }

        return value;
    }

    public YamlScalarNode? Scalar(YamlNodeBase? node, string path, string what, string example)
    {
        if (node is YamlScalarNode scalar && !scalar.IsNull)
        {
            return scalar;
        }

        if (node is not null)
        {
            Error(node, path, $"expected {what}, found {Describe(node)}", "for example " + example);
        }

        return null;
    }

    public string? Text(YamlNodeBase? node, string path) => Scalar(node, path, "text", "'a description'")?.Value;

    /// <summary>A name of the form <c>[a-z][a-z0-9_-]*</c>.</summary>
    public string? Identifier(YamlNodeBase? node, string path, string what = "a name")
    {
        var scalar = Scalar(node, path, what, "cortex");
        if (scalar is null)
        {
            return null;
        }

        if (!IdentifierPattern().IsMatch(scalar.Value))
        {
            Error(scalar, path, $"'{scalar.Value}' is not a valid {what}: names are a lowercase letter followed by lowercase letters, digits, '_' or '-'", $"for example '{Suggest(scalar.Value)}'");
            return null;
        }

        return scalar.Value;
    }

    /// <summary>A dimensionless number within the given bounds.</summary>
    public double? Number(YamlNodeBase? node, string path, double min = double.MinValue, double max = double.MaxValue, bool minExclusive = false, string example = "0.5")
    {
        var scalar = Scalar(node, path, "a number", example);
        if (scalar is null)
        {
            return null;
        }

        string text = scalar.Value.Trim();
        if (QuantityParser.IsNonFinite(text))
        {
            Error(scalar, path, $"'{scalar.Value}' is not a finite number", NonFiniteHint + ", e.g. " + example);
            return null;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
        {
            bool hasUnit = text.Length > 0 && (char.IsDigit(text[0]) || text[0] is '-' or '+' or '.') && text.Any(char.IsLetter);
            string hint = text.Contains(',', StringComparison.Ordinal) ? "use a dot as the decimal separator"
                : hasUnit ? "this value is dimensionless: write the number alone, without a unit"
                : "for example " + example;
            Error(scalar, path, $"expected a number, found '{scalar.Value}'", hint);
            return null;
        }

        if (!double.IsFinite(value))
        {
            Error(scalar, path, $"'{scalar.Value}' is not a finite number", NonFiniteHint + " (numbers must fit a double), e.g. " + example);
            return null;
        }

        if (value < min || (minExclusive && value == min) || value > max)
        {
            Error(scalar, path, Inv($"{value} is out of range: expected {RangeText(min, max, minExclusive)}"), "");
            return null;
        }

        return value;
    }

    /// <summary>A whole number within the given bounds.</summary>
    public long? Integer(YamlNodeBase? node, string path, long min, long max, string example = "10")
    {
        var scalar = Scalar(node, path, "a whole number", example);
        if (scalar is null)
        {
            return null;
        }

        if (QuantityParser.IsNonFinite(scalar.Value))
        {
            Error(scalar, path, $"'{scalar.Value}' is not a finite number", NonFiniteHint + Inv($": a whole number between {min} and {max}"));
            return null;
        }

        if (!long.TryParse(scalar.Value.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value))
        {
            bool numeric = double.TryParse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && double.IsFinite(d);
            string message = numeric && Math.Abs(d) >= long.MaxValue ? $"'{scalar.Value}' is too large" : $"expected a whole number, found '{scalar.Value}'";
            Error(scalar, path, message, Inv($"a whole number between {min} and {max}"));
            return null;
        }

        if (value < min || value > max)
        {
            Error(scalar, path, Inv($"{value} is out of range: expected {min} to {max}"), "");
            return null;
        }

        return value;
    }

    /// <summary>A seed: a whole number in [0, 2^64).</summary>
    public ulong? Seed(YamlNodeBase? node, string path)
    {
        var scalar = Scalar(node, path, "a whole number", "42");
        if (scalar is null)
        {
            return null;
        }

        if (!ulong.TryParse(scalar.Value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out ulong seed))
        {
            Error(scalar, path, $"expected a seed (a whole number from 0 to 18446744073709551615), found '{scalar.Value}'", "for example 'seed: 42'");
            return null;
        }

        return seed;
    }

    /// <summary>A quantity with a unit of <paramref name="dimension"/>, in the internal unit.</summary>
    public double? Quantity(YamlNodeBase? node, string path, Dimension dimension, double min = double.MinValue, bool minExclusive = false, double max = double.MaxValue)
    {
        var scalar = Scalar(node, path, "a quantity with a unit", QuantityParser.Example(dimension));
        if (scalar is null)
        {
            return null;
        }

        if (!QuantityParser.TryParse(scalar.Value, dimension, out double value, out string message, out string hint))
        {
            Error(scalar, path, message, hint);
            return null;
        }

        if (value < min || (minExclusive && value == min) || value > max)
        {
            string unit = QuantityParser.InternalUnit(dimension);
            string bounds = RangeText(min, max, minExclusive);
            Error(scalar, path, $"{scalar.Value.Trim()} is out of range: expected {bounds} {unit}", "");
            return null;
        }

        return value;
    }

    /// <summary>true/false (also on/off, yes/no, as YAML 1.1 allowed).</summary>
    public bool? Boolean(YamlNodeBase? node, string path)
    {
        var scalar = Scalar(node, path, "true or false", "true");
        switch (scalar?.Value)
        {
            case null:
                return null;
            case "true" or "on" or "yes":
                return true;
            case "false" or "off" or "no":
                return false;
            default:
                Error(scalar, path, $"expected true or false, found '{scalar.Value}'", "write true, false, on or off");
                return null;
        }
    }

    /// <summary>One of a fixed set of words.</summary>
    public T? Choice<T>(YamlNodeBase? node, string path, IReadOnlyDictionary<string, T> options, string what)
        where T : struct =>
        ChoiceName(node, path, options.Keys.ToList(), what) is { } name ? options[name] : null;

    /// <summary>One of a fixed list of words (e.g. names the models declare), in the order <paramref name="options"/> lists them; null after an error.</summary>
    public string? ChoiceName(YamlNodeBase? node, string path, IReadOnlyList<string> options, string what)
    {
        var scalar = Scalar(node, path, what, options[0]);
        if (scalar is null)
        {
            return null;
        }

        if (options.Contains(scalar.Value, StringComparer.Ordinal))
        {
            return scalar.Value;
        }

        string? near = Nearest(scalar.Value, options);
        Error(scalar, path, $"unknown {what} '{scalar.Value}'", (near is not null ? $"did you mean '{near}'? " : "") + "expected one of: " + string.Join(", ", options));
        return null;
    }

    public static string Join(string path, string key) => path.Length == 0 ? key : path + "." + key;

    public static string Describe(YamlNodeBase node) => node switch
    {
        YamlScalarNode { IsNull: true } => "nothing (null)",
        YamlScalarNode s => $"'{s.Value}'",
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        _ => "an unknown node",
    };

    /// <summary>The candidate within edit distance <paramref name="maxDistance"/> of <paramref name="word"/>, if any (Levenshtein 1966).</summary>
    public static string? Nearest(string word, IEnumerable<string> candidates, int maxDistance = 2)
    {
        string? best = null;
        int bestDistance = maxDistance + 1;
        foreach (string c in candidates)
        {
            int d = EditDistance(word, c);
            if (d < bestDistance)
            {
                best = c;
                bestDistance = d;
            }
        }

        return best;
    }

    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    private static string RangeText(double min, double max, bool minExclusive)
    {
        string low = min == double.MinValue ? "" : Inv($"{(minExclusive ? ">" : "≥")} {min}");
        string high = max == double.MaxValue ? "" : Inv($"≤ {max}");
        return low.Length > 0 && high.Length > 0 ? low + " and " + high : low + high;
    }

    private static string Suggest(string value)
    {
        var chars = value.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' ? c : '_').ToArray();
        string s = new(chars);
        return s.Length > 0 && char.IsAsciiLetterLower(s[0]) ? s : "n" + s;
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[a-z][a-z0-9_-]*$")]
    private static partial System.Text.RegularExpressions.Regex IdentifierPattern();
}
