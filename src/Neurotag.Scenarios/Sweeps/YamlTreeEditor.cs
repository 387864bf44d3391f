using Neurotag.Scenarios.Compilation;
using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Sweeps;

/// <summary>
/// Grafts override values into a scenario's YAML tree, returning a new tree (the original is shared, not changed).
/// Path segments are mapping keys; inside a list, a segment is an item's <c>name:</c> or <c>phase:</c> (a repeat
/// block or a phase, e.g. <c>protocol.rehab.repeat</c>) or its index (<c>protocol.3.duration</c>). The last key may be
/// absent from the file (setting a parameter that was left at its default); the compiler then checks it is allowed.
/// </summary>
public static class YamlTreeEditor
{
    /// <summary>Applies <paramref name="overrides"/> in order; problems (unknown paths) go to <paramref name="errors"/>.</summary>
    public static YamlNodeBase Apply(YamlNodeBase root, IEnumerable<ParameterOverride> overrides, string file, List<Diagnostic> errors)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        ArgumentNullException.ThrowIfNull(errors);
        foreach (var o in overrides)
        {
            string[] segments = o.Path.Split('.');
            if (segments.Any(s => s.Length == 0))
            {
                errors.Add(new Diagnostic(o.Value.Origin ?? file, o.Value.Start.Line, o.Value.Start.Column, o.Path, "malformed parameter path", "segments are separated by single dots, e.g. projections.recurrent.plasticity.rate"));
                continue;
            }

            var replaced = Replace(root, segments, 0, o.Value);
            if (replaced is null)
            {
                string? near = SchemaReader.Nearest(o.Path, Paths(root), Math.Max(3, o.Path.Length / 4));
                string hint = near is not null ? $"did you mean '{near}'?" : "paths follow the scenario's keys, e.g. populations.cortex.neuron.tau; 'neurotag-cli describe' shows the names";
                errors.Add(new Diagnostic(o.Value.Origin ?? file, o.Value.Start.Line, o.Value.Start.Column, o.Path, $"the scenario has no parameter '{o.Path}'", hint));
                continue;
            }

            root = replaced;
        }

        return root;
    }

    /// <summary>Every parameter path of the tree, as <see cref="Apply"/> addresses them.</summary>
    public static IEnumerable<string> Paths(YamlNodeBase root)
    {
        var stack = new Stack<(YamlNodeBase Node, string Path)>();
        stack.Push((root, ""));
        int budget = 100_000; // aliases may share subtrees; a bounded walk is enough for suggestions
        while (stack.Count > 0 && budget-- > 0)
        {
            var (node, path) = stack.Pop();
            switch (node)
            {
                case YamlMappingNode m:
                    foreach (var (key, value) in m.Entries)
                    {
                        stack.Push((value, SchemaReader.Join(path, key.Value)));
                    }

                    break;
                case YamlSequenceNode q:
                    for (int i = 0; i < q.Items.Count; i++)
                    {
                        // A name shared by several items does not address one (FindItem): list those by index.
                        string? name = ItemName(q.Items[i]);
                        string segment = name is not null && FindItem(q, name) == i ? name : i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                        stack.Push((q.Items[i], SchemaReader.Join(path, segment)));
                    }

                    break;
                default:
                    yield return path;
                    break;
            }
        }
    }

    private static YamlNodeBase? Replace(YamlNodeBase node, string[] segments, int i, YamlNodeBase value)
    {
        if (i == segments.Length)
        {
            return value;
        }

        string segment = segments[i];
        switch (node)
        {
            case YamlMappingNode m:
            {
                int index = IndexOf(m, segment);
                if (index < 0)
                {
                    if (i != segments.Length - 1)
                    {
                        return null;
                    }

                    var key = new YamlScalarNode(value.Start, segment, plain: true) { Origin = value.Origin };
                    return new YamlMappingNode(m.Start, [.. m.Entries, new(key, value)]) { Origin = m.Origin };
                }

                var child = Replace(m.Entries[index].Value, segments, i + 1, value);
                if (child is null)
                {
                    return null;
                }

                var entries = m.Entries.ToList();
                entries[index] = new(entries[index].Key, child);
                return new YamlMappingNode(m.Start, entries) { Origin = m.Origin };
            }

            case YamlSequenceNode q:
            {
                int index = FindItem(q, segment);
                if (index < 0)
                {
                    return null;
                }

                var child = Replace(q.Items[index], segments, i + 1, value);
                if (child is null)
                {
                    return null;
                }

                var items = q.Items.ToList();
                items[index] = child;
                return new YamlSequenceNode(q.Start, items) { Origin = q.Origin };
            }

            default:
                return null;
        }
    }

    private static int IndexOf(YamlMappingNode m, string key)
    {
        for (int k = 0; k < m.Entries.Count; k++)
        {
            if (m.Entries[k].Key.Value == key)
            {
                return k;
            }
        }

        return -1;
    }

    /// <summary>The item named <paramref name="segment"/> (exactly one), or the item at that index.</summary>
    private static int FindItem(YamlSequenceNode q, string segment)
    {
        var named = Enumerable.Range(0, q.Items.Count).Where(k => ItemName(q.Items[k]) == segment).ToList();
        if (named.Count == 1)
        {
            return named[0];
        }

        return named.Count == 0 && int.TryParse(segment, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int index) && index < q.Items.Count ? index : -1;
    }

    private static string? ItemName(YamlNodeBase item) =>
        item is YamlMappingNode m ? ((m["name"] ?? m["phase"]) as YamlScalarNode)?.Value : null;
}
