using Neurotag.Core.Specs;
using Neurotag.Scenarios.Units;
using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation.Tags;

/// <summary>The <c>tags:</c> section: ordinary tags (families are read by <see cref="TagFamilyReader"/>), their imprecision and shares.</summary>
internal sealed class TagsReader(CompileContext ctx, Definitions defs)
{
    private readonly SchemaReader _r = ctx.Reader;
    private readonly Definitions _defs = defs;
    private readonly IndexRangeReader _indexRangeReader = new(ctx);
    private readonly TagFamilyReader _tagFamilyReader = new(ctx, defs);
    private readonly TagSharesReader _tagSharesReader = new(ctx, defs);

    public void Read(YamlNodeBase? node)
    {
        var map = _r.Mapping(node, "tags", "{ pain: { population: cortex, size: 60 } }");
        if (map is null)
        {
            return;
        }

        var shareNodes = new List<(string Tag, YamlScalarNode Key, YamlNodeBase Value, string Path)>();
        var nodes = new Dictionary<string, YamlMappingNode>(StringComparer.Ordinal);
        foreach (var (key, value) in map.Entries)
        {
            string path = "tags." + key.Value;
            string? name = _r.Identifier(key, path, "tag name");
            var tag = _r.Mapping(value, path, "{ population: cortex, size: 60 }");
            if (name is null || tag is null)
            {
                continue;
            }

            if (_defs.Populations.ContainsKey(name) || _defs.IsRejected("population", name))
            {
                _r.Error(key, path, $"'{name}' names both a population and a tag", "give the tag a name of its own");
            }

            if (tag["count"] is not null)
            {
                _tagFamilyReader.ReadFamily(name, tag, path); // ScenarioCompiler.Families.cs
                continue;
            }

            _r.CheckKeys(tag, path, ScenarioKeys.Tag);
            var popNode = _r.Required(tag, "population", path, "cortex");
            string? popName = _r.Identifier(popNode, path + ".population", "population name");
            if (popName is null)
            {
                continue;
            }

            int errorsBefore = _r.Errors.Count;
            if (!_defs.Populations.TryGetValue(popName, out var population))
            {
                _defs.UnknownName(popNode!, path + ".population", popName, "population", _defs.Populations.Keys);
                if (_defs.IsRejected("population", popName))
                {
                    // The population failed for its own reasons: check what the tag says that does not depend on it.
                    _defs.RejectedTagPopulations[name] = popName;
                    CheckTagWithoutPopulation(tag, path);
                }

                continue;
            }

            IndexRange? range = null;
            if (tag["neurons"] is { } neuronsNode)
            {
                range = _indexRangeReader.ReadRange(neuronsNode, path + ".neurons", population.Size);
                if (tag["shares"] is { } sharesNode)
                {
                    _r.Error(sharesNode, path + ".shares", "a tag with explicit 'neurons:' cannot also have 'shares:'", "overlaps of explicit tags follow from their ranges");
                }
            }

            long? size = null;
            if (tag["size"] is { } sizeNode)
            {
                size = _r.Integer(sizeNode, path + ".size", 1, int.MaxValue);
                if (size > population.Size)
                {
                    _r.Error(sizeNode, path + ".size", SchemaReader.Inv($"tag size {size} is larger than population '{popName}' ({population.Size} neurons)"), "make the tag smaller or the population larger");
                    size = null;
                }
                else if (range is { } r && size != r.Count)
                {
                    _r.Error(sizeNode, path + ".size", SchemaReader.Inv($"size {size} disagrees with neurons [{r.First}, {r.Last}] ({r.Count} neurons)"), "drop 'size:' when 'neurons:' is given");
                }
            }
            else if (range is null && tag["neurons"] is null)
            {
                _r.Error(tag, path + ".size", "a tag needs 'size:' or 'neurons:'", "add 'size: 60' or 'neurons: [0, 59]'");
            }

            int? finalSize = range?.Count ?? (int?)size;
            double? imprecision = finalSize is { } fs ? ReadImprecision(tag, path, fs, population.Size) : null;
            if (finalSize is null || imprecision is null)
            {
                _defs.RejectedTagPopulations[name] = popName;
                _defs.PopulationsWithTagErrors.Add(popName);
                continue;
            }

            if (_r.Errors.Count > errorsBefore)
            {
                _defs.PopulationsWithTagErrors.Add(popName);
            }

            nodes[name] = tag;
            if (tag["shares"] is { } shares && range is null && _r.Mapping(shares, path + ".shares", "{ pain: 0.25 }") is { } shareMap)
            {
                foreach (var (otherKey, fraction) in shareMap.Entries)
                {
                    shareNodes.Add((name, otherKey, fraction, path + ".shares." + otherKey.Value));
                }
            }

            _defs.Tags[name] = new TagSpec(name, popName, finalSize.Value, range, []) { Imprecision = imprecision.Value };
        }

        _defs.NoteRejected(map, _defs.Tags, "tag");
        _defs.Rejected.ExceptWith(_defs.Families.Keys.Select(f => ("tag", f)));
        _tagSharesReader.ResolveShares(shareNodes, nodes);
    }

    /// <summary>
    /// The keys of a tag whose population was rejected: what can be checked without the population's size (neuron
    /// indices as a range, a positive size, fractions). Sizes against the population are left to a valid one.
    /// </summary>
    private void CheckTagWithoutPopulation(YamlMappingNode tag, string path)
    {
        if (tag["neurons"] is { } neuronsNode)
        {
            _indexRangeReader.ReadRange(neuronsNode, path + ".neurons", populationSize: null);
        }

        if (tag["size"] is { } sizeNode)
        {
            _r.Integer(sizeNode, path + ".size", 1, int.MaxValue);
        }

        if (tag["imprecision"] is { } imprecision)
        {
            _r.Number(imprecision, path + ".imprecision", 0, 1, example: "0.1");
        }

        if (tag["shares"] is { } shares && _r.Mapping(shares, path + ".shares", "{ pain: 0.25 }") is { } shareMap)
        {
            foreach (var (other, fraction) in shareMap.Entries)
            {
                _r.Number(fraction, path + ".shares." + other.Value, 0, 1, minExclusive: true, example: "0.25");
            }
        }
    }

    /// <summary><c>imprecision: f</c> on a tag, f in [0, 1], with enough non-members for round(f·size) spill neurons.</summary>
    private double? ReadImprecision(YamlMappingNode tag, string path, int size, int populationSize)
    {
        if (tag["imprecision"] is not { } node)
        {
            return 0.0;
        }

        double? f = _r.Number(node, path + ".imprecision", 0, 1, example: "0.1");
        if (f is { } v && Math.Round(v * size, MidpointRounding.AwayFromZero) > populationSize - size)
        {
            _r.Error(node, path + ".imprecision", SchemaReader.Inv($"imprecision {v} spills onto {Math.Round(v * size, MidpointRounding.AwayFromZero)} non-members, but only {populationSize - size} neurons are outside the tag"), "lower the imprecision or enlarge the population");
            return null;
        }

        return f;
    }
}
