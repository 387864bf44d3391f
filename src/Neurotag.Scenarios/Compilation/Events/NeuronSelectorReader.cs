using Neurotag.Core.Specs;
using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation.Events;

/// <summary>
/// <c>{ population: exc }</c>, <c>{ tag: cue }</c>, or one neuron of either, <c>{ population: exc, index: 3 }</c>
/// (within a tag: its members in increasing order), as NEST's <c>nodes[3]</c> or Brian2's <c>G[3]</c>.
/// </summary>
internal sealed class NeuronSelectorReader(CompileContext ctx, Definitions defs)
{
    private readonly SchemaReader _r = ctx.Reader;
    private readonly Definitions _defs = defs;

    /// <summary>Reads a selector from the keys of <paramref name="map"/>; <paramref name="single"/> requires an index.</summary>
    internal NeuronSelectorSpec? Read(YamlMappingNode map, string path, bool single)
    {
        var population = map["population"];
        var tag = map["tag"];
        if ((population is null) == (tag is null))
        {
            _r.Error(map, path, "expected exactly one of 'population:' or 'tag:'", single ? "for example { population: exc, index: 3 }" : "for example { population: exc } or { tag: cue }");
            return null;
        }

        string key = population is not null ? "population" : "tag";
        var nameNode = population ?? tag!;
        string? name = _r.Identifier(nameNode, path + "." + key, key + " name");
        if (name is null)
        {
            return null;
        }

        bool isTag = population is null;
        if (isTag ? !_defs.Tags.ContainsKey(name) : !_defs.Populations.ContainsKey(name))
        {
            _defs.UnknownName(nameNode, path + "." + key, name, key, isTag ? _defs.Tags.Keys : _defs.Populations.Keys);
            return null;
        }

        int size = _defs.SizeOf(name);
        if (map["index"] is not { } indexNode)
        {
            if (single)
            {
                _r.Error(map, path, "a pairing is between two neurons: 'index:' is required", SchemaReader.Inv($"add 'index: K' with 0 ≤ K < {size}"));
                return null;
            }

            return new NeuronSelectorSpec(name, isTag, null);
        }

        long? index = _r.Integer(indexNode, path + ".index", 0, long.MaxValue, "3");
        if (index is null)
        {
            return null;
        }

        if (index >= size)
        {
            _r.Error(indexNode, path + ".index", SchemaReader.Inv($"index {index} is out of range: {key} '{name}' has {size} neurons"), SchemaReader.Inv($"use 0 ≤ index < {size}"));
            return null;
        }

        return new NeuronSelectorSpec(name, isTag, (int)index.Value);
    }
}
