using Neurotag.Core.Specs;
using Neurotag.Scenarios.Units;
using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation;

/// <summary>
/// The <c>inputs:</c> section. Keys common to every kind (<c>target</c>, <c>kind</c>, <c>fraction</c>) are read
/// here; each kind reads its own keys in its own method, so a new kind is one more case of the dispatch.
/// </summary>
internal sealed partial class ScenarioCompiler
{
    internal static readonly Dictionary<string, PatternOrder> PatternOrders = new(StringComparer.Ordinal)
    {
        ["cycle"] = PatternOrder.Cycle,
        ["random"] = PatternOrder.Random,
    };

    private void ReadInputs(YamlNodeBase? node)
    {
        var map = _r.Mapping(node, "inputs", "{ cue: { target: bend, kind: current, amplitude: 1.0 } }");
        if (map is null)
        {
            return;
        }

        foreach (var (key, value) in map.Entries)
        {
            string path = "inputs." + key.Value;
            string? name = _r.Identifier(key, path, "input name");
            var input = _r.Mapping(value, path, "{ target: bend, kind: current, amplitude: 1.0 }");
            if (name is null || input is null)
            {
                continue;
            }

            var kindNode = _r.Scalar(_r.Required(input, "kind", path, "current"), path + ".kind", "an input kind", "current");
            if (kindNode is null || ReadSpikingInput(kindNode, name, key, input, path))
            {
                continue;
            }

            InputSpec? spec = kindNode.Value switch
            {
                "current" => ReadCurrentInput(name, input, path),
                "patterns" => ReadPatternsInput(name, input, path),
                "gaussian" => ReadGaussianInput(name, input, path),
                _ => UnsupportedInputKind(kindNode, path),
            };
            if (spec is not null)
            {
                _inputs[name] = (spec, key);
            }
        }

        NoteRejected(map, _inputs, "input");
        _rejected.ExceptWith(_poissonInputs.Keys.Select(k => ("input", k)));
    }

    private InputSpec? UnsupportedInputKind(YamlScalarNode kindNode, string path)
    {
        _r.Error(kindNode, path + ".kind", $"unknown input kind '{kindNode.Value}'", "use 'kind: current', 'patterns' or 'gaussian' (drives onto rate neurons), or 'poisson' (spiking)");
        return null;
    }

    /// <summary>Target (a tag, a family member or a population) and fraction, common to every kind.</summary>
    private (string Target, bool IsTag, double Fraction)? ReadTargetAndFraction(YamlMappingNode input, string path) =>
        ReadTargetAndFraction(input, path, out _);

    /// <summary>As above; <paramref name="written"/> is the target as written, valid or not (for checks that only need its population).</summary>
    private (string Target, bool IsTag, double Fraction)? ReadTargetAndFraction(YamlMappingNode input, string path, out string? written)
    {
        var targetNode = _r.Required(input, "target", path, "bend");
        written = (targetNode as YamlScalarNode)?.Value;
        string? target = TagReference(targetNode, path + ".target", "tag or population name", allowFamily: false, allowPopulation: true);
        double? fraction = input["fraction"] is { } f ? _r.Number(f, path + ".fraction", 0, 1, minExclusive: true, example: "0.3") : 1.0;
        return target is null || fraction is null ? null : (target, _tags.ContainsKey(target), fraction.Value);
    }

    private InputSpec? ReadCurrentInput(string name, YamlMappingNode input, string path)
    {
        _r.CheckKeys(input, path, ScenarioKeys.CurrentInput);
        var common = ReadTargetAndFraction(input, path);
        double? amplitude = _r.Number(_r.Required(input, "amplitude", path, "1.0"), path + ".amplitude", example: "1.0");
        return common is not { } c || amplitude is null ? null : new InputSpec(name, c.Target, c.IsTag, amplitude.Value, c.Fraction);
    }

    private InputSpec? ReadPatternsInput(string name, YamlMappingNode input, string path)
    {
        _r.CheckKeys(input, path, ScenarioKeys.PatternsInput);
        var common = ReadTargetAndFraction(input, path, out string? target);
        double? amplitude = _r.Number(_r.Required(input, "amplitude", path, "1.0"), path + ".amplitude", example: "1.0");
        long? hold = Steps(_r.Required(input, "hold", path, "50 ms"), path + ".hold");
        long? gap = input["gap"] is { } g ? Steps(g, path + ".gap", allowZero: true) : 0;
        var order = input["order"] is { } o ? _r.Choice(o, path + ".order", PatternOrders, "pattern order") : PatternOrder.Cycle;
        // The patterns are checked even when the target is broken; only checks against its size and population wait.
        var patternsNode = _r.Required(input, "patterns", path, "4");
        if (patternsNode is null)
        {
            return null;
        }

        int count = 0;
        var tags = new List<string>();
        double sparsity = 0;
        if (patternsNode is YamlScalarNode scalar && long.TryParse(scalar.Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _))
        {
            count = (int)(_r.Integer(scalar, path + ".patterns", 1, 100_000, "4") ?? 0);
            var sparsityNode = _r.Required(input, "sparsity", path, "0.25");
            sparsity = _r.Number(sparsityNode, path + ".sparsity", 0, 1, minExclusive: true, example: "0.25") ?? 0;
            if (sparsity > 0 && KnownSizeOf(common?.Target) is { } targetSize && (int)Math.Round(sparsity * targetSize) == 0)
            {
                _r.Error(sparsityNode!, path + ".sparsity", SchemaReader.Inv($"{sparsity} of {targetSize} neurons rounds to an empty pattern"), "raise the sparsity or enlarge the target");
                sparsity = 0;
            }
        }
        else
        {
            if (input["sparsity"] is { } s)
            {
                _r.Error(s, path + ".sparsity", "'sparsity:' applies to random patterns ('patterns: N') only", "the listed tags are the patterns; remove 'sparsity:'");
            }

            tags = ReadPatternTags(patternsNode, path + ".patterns", KnownPopulationOf(target));
        }

        if (common is not { } c || amplitude is null || hold is null || gap is null || order is null || (count == 0 && tags.Count == 0) || (count > 0 && sparsity == 0))
        {
            return null;
        }

        return new InputSpec(name, c.Target, c.IsTag, amplitude.Value, c.Fraction)
        {
            Kind = InputKind.Patterns,
            Patterns = new PatternSetSpec(count, tags, sparsity, hold.Value, order.Value) { GapSteps = gap.Value },
        };
    }

    /// <summary>A family name or a list of tags / family names / members, all in <paramref name="population"/>; families expanded.</summary>
    private List<string> ReadPatternTags(YamlNodeBase node, string path, string? population)
    {
        var items = node is YamlSequenceNode seq ? seq.Items.Select((n, i) => (n, SchemaReader.Inv($"{path}[{i}]"))).ToList() : [(node, path)];
        if (node is YamlSequenceNode { Items.Count: 0 })
        {
            _r.Error(node, path, "the pattern list is empty", "list tags, e.g. [a, b, c], name a family, or give a number of random patterns");
        }

        var names = new List<string>();
        foreach (var (item, itemPath) in items)
        {
            if (TagReference(item, itemPath, "a number of patterns, a tag or a family name", allowFamily: true, allowPopulation: false) is not { } name)
            {
                continue;
            }

            foreach (string tag in ExpandFamilies([name]))
            {
                if (population is not null && _tags[tag].Population != population)
                {
                    _r.Error(item, itemPath, $"tag '{tag}' is in population '{_tags[tag].Population}', not in the target's population '{population}'", "pattern tags must live in the target's population");
                    break;
                }

                names.Add(tag);
            }
        }

        return names;
    }

    private InputSpec? ReadGaussianInput(string name, YamlMappingNode input, string path)
    {
        _r.CheckKeys(input, path, ScenarioKeys.GaussianInput);
        var common = ReadTargetAndFraction(input, path);
        double? mean = input["mean"] is { } m ? _r.Number(m, path + ".mean", example: "0.0") : 0.0;
        double? std = _r.Number(_r.Required(input, "std", path, "0.5"), path + ".std", 0, example: "0.5");
        double? correlation = input["correlation"] is { } cr ? _r.Number(cr, path + ".correlation", 0, 1, example: "0.3") : 0.0;
        var tauNode = _r.Required(input, "tau", path, "5 ms");
        double? tau = _r.Quantity(tauNode, path + ".tau", Dimension.Time, 0, minExclusive: true);
        if (common is not { } c || mean is null || std is null || correlation is null || tau is null)
        {
            return null;
        }

        return new InputSpec(name, c.Target, c.IsTag, 0.0, c.Fraction)
        {
            Kind = InputKind.Gaussian,
            Gaussian = new GaussianDriveSpec(mean.Value, std.Value, correlation.Value, tau.Value),
        };
    }
}
