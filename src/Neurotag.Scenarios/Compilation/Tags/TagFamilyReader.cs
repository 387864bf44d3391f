using Neurotag.Core.Specs;
using Neurotag.Scenarios.Units;
using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation.Tags;

/// <summary>
/// Tag families (<c>tags: { memory: { population, size, count: 50 } }</c>): the members memory.0 … memory.49 are
/// ordinary tags whose members are drawn independently (uniformly from the whole population, each from its own
/// seed stream), which is what storing many random memories needs. Anywhere a tag is named, <c>FAMILY.K</c> names a
/// member; inputs of kind <c>patterns</c>, <c>record</c> and <c>expect</c> also accept the family name.
/// </summary>
internal sealed class TagFamilyReader(CompileContext ctx, Definitions defs)
{
    private readonly SchemaReader _r = ctx.Reader;
    private readonly Definitions _defs = defs;

    /// <summary>Reads a tag entry that has <c>count:</c> and adds its members to the tags.</summary>
    internal void ReadFamily(string name, YamlMappingNode tag, string path)
    {
        _r.CheckKeys(tag, path, ScenarioKeys.TagFamily);
        foreach (string fixedKey in new[] { "neurons", "shares" })
        {
            if (tag[fixedKey] is { } bad)
            {
                _r.Error(bad, path + "." + fixedKey, $"a tag family ('count:') cannot have '{fixedKey}:'", "family members are drawn independently from the whole population; declare a separate tag for a fixed or shared one");
            }
        }

        var popNode = _r.Required(tag, "population", path, "cortex");
        string? popName = _r.Identifier(popNode, path + ".population", "population name");
        long? count = _r.Integer(_r.Required(tag, "count", path, "50"), path + ".count", 1, 100_000, "50");
        var sizeNode = _r.Required(tag, "size", path, "100");
        long? size = _r.Integer(sizeNode, path + ".size", 1, int.MaxValue);
        if (popName is null)
        {
            return;
        }

        if (!_defs.Populations.TryGetValue(popName, out var population))
        {
            _defs.UnknownName(popNode!, path + ".population", popName, "population", _defs.Populations.Keys);
            if (_defs.IsRejected("population", popName))
            {
                _defs.RejectedTagPopulations[name] = popName;
            }

            return;
        }

        if (size > population.Size)
        {
            _r.Error(sizeNode!, path + ".size", SchemaReader.Inv($"family member size {size} is larger than population '{popName}' ({population.Size} neurons)"), "make the members smaller or the population larger");
            return;
        }

        if (count is null || size is null)
        {
            _defs.RejectedTagPopulations[name] = popName;
            return;
        }

        var members = new List<string>((int)count.Value);
        for (int k = 0; k < count; k++)
        {
            string member = SchemaReader.Inv($"{name}.{k}");
            members.Add(member);
            _defs.Tags[member] = new TagSpec(member, popName, (int)size.Value, null, []) { Family = name };
        }

        _defs.Families[name] = members;
    }
}
