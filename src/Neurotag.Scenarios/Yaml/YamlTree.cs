using System.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Neurotag.Scenarios.Yaml;

/// <summary>A 1-based position in the source.</summary>
public readonly record struct SourceMark(int Line, int Column);

/// <summary>A node of the scenario's YAML tree, with where it starts.</summary>
public abstract class YamlNodeBase(SourceMark start)
{
    /// <summary>Where the node starts.</summary>
    public SourceMark Start { get; } = start;

    /// <summary>
    /// Where the node's text came from when not from the scenario file itself (e.g. <c>--set a.b=…</c>);
    /// diagnostics name it in place of the file.
    /// </summary>
    public string? Origin { get; internal set; }
}

/// <summary>A scalar; <see cref="Plain"/> when written without quotes (so <c>"1"</c> is a string, <c>1</c> a number).</summary>
public sealed class YamlScalarNode(SourceMark start, string value, bool plain) : YamlNodeBase(start)
{
    /// <summary>The text.</summary>
    public string Value { get; } = value;

    /// <summary>Whether it was written unquoted.</summary>
    public bool Plain { get; } = plain;

    /// <summary>A plain null (<c>~</c>, <c>null</c> or nothing).</summary>
    public bool IsNull => Plain && Value is "" or "~" or "null" or "Null" or "NULL";
}

/// <summary>A sequence.</summary>
public sealed class YamlSequenceNode(SourceMark start, IReadOnlyList<YamlNodeBase> items) : YamlNodeBase(start)
{
    /// <summary>The items in order.</summary>
    public IReadOnlyList<YamlNodeBase> Items { get; } = items;
}

/// <summary>A mapping with string keys, in file order.</summary>
public sealed class YamlMappingNode(SourceMark start, IReadOnlyList<KeyValuePair<YamlScalarNode, YamlNodeBase>> entries) : YamlNodeBase(start)
{
    /// <summary>The entries in file order.</summary>
    public IReadOnlyList<KeyValuePair<YamlScalarNode, YamlNodeBase>> Entries { get; } = entries;

    /// <summary>The value of <paramref name="key"/>, or null.</summary>
    public YamlNodeBase? this[string key] => Entries.FirstOrDefault(e => e.Key.Value == key).Value;
}

/// <summary>
/// Loads YAML into <see cref="YamlNodeBase"/> trees from YamlDotNet's event parser, keeping every node's position.
/// Aliases share the anchored node (no copy), and the size the tree would have if expanded is bounded, so an alias
/// bomb ("billion laughs") is an error, not a hang. Duplicate keys are errors naming both positions.
/// </summary>
public static class YamlTreeLoader
{
    /// <summary>Largest scenario file read, in bytes.</summary>
    public const int MaxBytes = 4 * 1024 * 1024;

    /// <summary>Largest number of nodes the tree may have once aliases are expanded.</summary>
    public const long MaxExpandedNodes = 1_000_000;

    /// <summary>Parses <paramref name="text"/>; returns the root (null when the document is empty) and appends problems to <paramref name="errors"/>.</summary>
    public static YamlNodeBase? Load(string text, string file, List<Diagnostic> errors, string? origin = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(errors);
        var state = new LoadState(file, errors) { Origin = origin };
        Parser? parser = null;
        try
        {
            parser = new Parser(new StringReader(text));
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _))
            {
                return null;
            }

            parser.Consume<DocumentStart>();
            var root = ReadNode(parser, state, depth: 0);
            parser.Consume<DocumentEnd>();
            if (!parser.Accept<StreamEnd>(out _))
            {
                var next = parser.Current!;
                errors.Add(new Diagnostic(file, (int)next.Start.Line, (int)next.Start.Column, "", "a second YAML document follows", "a scenario is one document: remove the '---' separator and what follows"));
                return null;
            }

            return root;
        }
        catch (YamlException e)
        {
            var inner = e.InnerException as YamlException ?? e;
            if (inner.Message.Contains("tab", StringComparison.OrdinalIgnoreCase) && FirstIndentationTab(text) is { } tab)
            {
                errors.Add(new Diagnostic(file, tab.Line, tab.Column, "", "invalid YAML: a tab in the indentation", "YAML indents with spaces only: replace the tab with spaces"));
                return null;
            }

            errors.Add(new Diagnostic(file, (int)Math.Max(1, inner.Start.Line), (int)Math.Max(1, inner.Start.Column), "", "invalid YAML: " + Trim(inner.Message), "check indentation, quotes and colons near this position"));
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this instead of a YamlException for some malformed input (a flow mapping
            // `{ … }` broken by block-style lines): report it at the last event it read, as invalid YAML.
            var at = parser?.Current?.Start;
            errors.Add(new Diagnostic(file, (int)Math.Max(1, at?.Line ?? 1), (int)Math.Max(1, at?.Column ?? 1), "",
                "invalid YAML: the parser could not continue after this position", "check that every '{' and '[' is closed, and that flow mappings do not mix in block-style lines"));
            return null;
        }
        catch (TooDeepException)
        {
            errors.Add(new Diagnostic(file, 1, 1, "", "the document nests too deeply", "scenarios need only a few levels of nesting"));
            return null;
        }
    }

    /// <summary>Checks that bytes are UTF-8 text a scenario can be; returns the text or null with an error.</summary>
    public static string? DecodeText(byte[] bytes, string file, List<Diagnostic> errors)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        ArgumentNullException.ThrowIfNull(errors);
        if (bytes.Length > MaxBytes)
        {
            errors.Add(new Diagnostic(file, 1, 1, "", $"the file is {bytes.Length:N0} bytes; scenarios are at most {MaxBytes:N0}", "is this really a scenario file?"));
            return null;
        }

        if (UnicodeEncodingOf(bytes) is { } encoding)
        {
            errors.Add(new Diagnostic(file, 1, 1, "", $"the file is {encoding} text; scenarios are UTF-8", $"save it as UTF-8, e.g. 'iconv -f {encoding.Replace(" ", "", StringComparison.Ordinal)} -t UTF-8 {file} > fixed.yaml'"));
            return null;
        }

        if (Array.IndexOf(bytes, (byte)0) >= 0)
        {
            errors.Add(new Diagnostic(file, 1, 1, "", "the file is binary (it contains NUL bytes), not YAML text", "pass a .yaml scenario file"));
            return null;
        }

        try
        {
            return new UTF8Encoding(false, true).GetString(bytes).TrimStart('\uFEFF');
        }
        catch (DecoderFallbackException)
        {
            errors.Add(new Diagnostic(file, 1, 1, "", "the file is not valid UTF-8 text", "save the scenario as UTF-8"));
            return null;
        }
    }

    /// <summary>
    /// "UTF-16 LE", "UTF-16 BE", "UTF-32 LE" or "UTF-32 BE" when <paramref name="bytes"/> are text in that encoding:
    /// by its byte-order mark, or, without one, by where the zero bytes of ASCII characters fall (every second byte,
    /// or three of four). Null for anything else (UTF-8, or binary data whose zeros follow no such pattern).
    /// </summary>
    internal static string? UnicodeEncodingOf(byte[] bytes)
    {
        ReadOnlySpan<byte> b = bytes;
        if (b.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0, 0]))
        {
            return "UTF-32 LE";
        }

        if (b.StartsWith((ReadOnlySpan<byte>)[0, 0, 0xFE, 0xFF]))
        {
            return "UTF-32 BE";
        }

        if (b.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return "UTF-16 LE";
        }

        if (b.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return "UTF-16 BE";
        }

        if (b.Length < 4 || b.IndexOf((byte)0) < 0)
        {
            return null;
        }

        // Count zero bytes by position modulo 4 over a prefix; text in UTF-16/32 without a BOM is mostly ASCII in YAML.
        Span<int> zeros = stackalloc int[4];
        int n = Math.Min(b.Length - (b.Length % 4), 4096);
        for (int i = 0; i < n; i++)
        {
            zeros[i % 4] += b[i] == 0 ? 1 : 0;
        }

        int quarter = n / 4;
        bool Mostly(int count) => count >= quarter * 0.9;
        bool Rarely(int count) => count <= quarter * 0.1;
        return (Mostly(zeros[1]), Mostly(zeros[2]), Mostly(zeros[3]), Mostly(zeros[0])) switch
        {
            (true, true, true, false) when Rarely(zeros[0]) => "UTF-32 LE",
            (true, true, false, true) when Rarely(zeros[3]) => "UTF-32 BE",
            (true, false, true, false) when Rarely(zeros[0]) && Rarely(zeros[2]) => "UTF-16 LE",
            (false, true, false, true) when Rarely(zeros[1]) && Rarely(zeros[3]) => "UTF-16 BE",
            _ => null,
        };
    }

    /// <summary>
    /// The position of the first tab in a line's indentation (YAML forbids tabs there), or null. YamlDotNet reports
    /// this error at the start of the enclosing mapping, often 1:1, which does not show where the tab is.
    /// </summary>
    private static SourceMark? FirstIndentationTab(string text)
    {
        int line = 1, column = 1;
        bool indentation = true;
        foreach (char c in text)
        {
            if (c == '\n')
            {
                (line, column, indentation) = (line + 1, 1, true);
                continue;
            }

            if (indentation && c == '\t')
            {
                return new SourceMark(line, column);
            }

            indentation &= c == ' ' || c == '-' || c == '\r';
            column++;
        }

        return null;
    }

    private static string Trim(string message) => message.Replace("\r", "", StringComparison.Ordinal).Replace("\n", " ", StringComparison.Ordinal);

    private static YamlNodeBase ReadNode(IParser parser, LoadState state, int depth)
    {
        if (depth > 64)
        {
            throw new TooDeepException();
        }

        if (parser.TryConsume<AnchorAlias>(out var alias))
        {
            if (!state.Anchors.TryGetValue(alias.Value.Value, out var target))
            {
                throw new YamlException(alias.Start, alias.End, $"alias '*{alias.Value}' refers to no anchor defined before it");
            }

            state.AddExpanded(state.Sizes[target], alias.Start, alias.End);
            return target;
        }

        var start = parser.Current!.Start;
        var mark = new SourceMark((int)start.Line, (int)start.Column);
        YamlNodeBase node;
        string? anchor = null;
        long size = 1;
        if (parser.TryConsume<Scalar>(out var scalar))
        {
            anchor = scalar.Anchor.IsEmpty ? null : scalar.Anchor.Value;
            node = new YamlScalarNode(mark, scalar.Value, scalar.Style == ScalarStyle.Plain);
        }
        else if (parser.TryConsume<SequenceStart>(out var seqStart))
        {
            anchor = seqStart.Anchor.IsEmpty ? null : seqStart.Anchor.Value;
            var items = new List<YamlNodeBase>();
            while (!parser.TryConsume<SequenceEnd>(out _))
            {
                var item = ReadNode(parser, state, depth + 1);
                size = LoadState.Saturate(size + state.Sizes[item]);
                items.Add(item);
            }

            node = new YamlSequenceNode(mark, items);
        }
        else if (parser.TryConsume<MappingStart>(out var mapStart))
        {
            anchor = mapStart.Anchor.IsEmpty ? null : mapStart.Anchor.Value;
            var entries = new List<KeyValuePair<YamlScalarNode, YamlNodeBase>>();
            var seen = new Dictionary<string, SourceMark>(StringComparer.Ordinal);
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                var keyNode = ReadNode(parser, state, depth + 1);
                var value = ReadNode(parser, state, depth + 1);
                size = LoadState.Saturate(size + state.Sizes[value] + 1);
                if (keyNode is not YamlScalarNode key)
                {
                    state.Errors.Add(new Diagnostic(state.File, keyNode.Start.Line, keyNode.Start.Column, "", "a mapping key must be a plain name", "keys are identifiers such as 'tau' or 'populations'"));
                    continue;
                }

                if (key.Value == "<<")
                {
                    state.Errors.Add(new Diagnostic(state.File, key.Start.Line, key.Start.Column, "", "YAML merge keys ('<<') are not supported", "use an alias for the whole value ('key: *anchor') or write the keys out"));
                    continue;
                }

                if (seen.TryGetValue(key.Value, out var first))
                {
                    state.Errors.Add(new Diagnostic(state.File, key.Start.Line, key.Start.Column, "", $"duplicate key '{key.Value}' (first defined at line {first.Line}, column {first.Column})", "each key may appear once in a mapping: remove or rename one"));
                    continue;
                }

                seen[key.Value] = key.Start;
                entries.Add(new(key, value));
            }

            node = new YamlMappingNode(mark, entries);
        }
        else
        {
            var current = parser.Current!;
            throw new YamlException(current.Start, current.End, $"unexpected {current.GetType().Name}");
        }

        node.Origin = state.Origin;
        state.Sizes[node] = size;
        state.AddExpanded(1, start, start);

        if (anchor is not null)
        {
            state.Anchors[anchor] = node;
        }

        return node;
    }

    private sealed class LoadState(string file, List<Diagnostic> errors)
    {
        public string File { get; } = file;

        public List<Diagnostic> Errors { get; } = errors;

        public string? Origin { get; init; }

        public Dictionary<string, YamlNodeBase> Anchors { get; } = new(StringComparer.Ordinal);

        public Dictionary<YamlNodeBase, long> Sizes { get; } = new(ReferenceEqualityComparer.Instance);

        public long ExpandedNodes { get; private set; }

        /// <summary>Adds without overflowing: an alias bomb's sizes grow exponentially.</summary>
        public static long Saturate(long value) => value < 0 || value > MaxExpandedNodes * 2 ? MaxExpandedNodes * 2 : value;

        public void AddExpanded(long nodes, Mark start, Mark end)
        {
            ExpandedNodes = Saturate(ExpandedNodes + nodes);
            if (ExpandedNodes > MaxExpandedNodes)
            {
                throw new YamlException(start, end, $"the document expands to more than {MaxExpandedNodes:N0} nodes through aliases (an alias bomb?); write the values out or nest fewer aliases");
            }
        }
    }

    private sealed class TooDeepException : Exception
    {
    }
}
