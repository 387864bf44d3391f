using Neurotag.Core.Specs;
using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation;

/// <summary>
/// Tag families (<c>tags: { memory: { population, size, count: 50 } }</c>): the members memory.0 … memory.49 are
/// ordinary tags whose members are drawn independently (uniformly from the whole population, each from its own
/// seed stream), which is what storing many random memories needs. Anywhere a tag is named, <c>FAMILY.K</c> names a
/// member; inputs of kind <c>patterns</c>, <c>record</c> and <c>expect</c> also accept the family name.
/// </summary>
internal sealed partial class ScenarioCompiler
{
    /// <summary>Family name → its member tag names, in index order.</summary>
    private readonly Dictionary<string, List<string>> _families = new(StringComparer.Ordinal);

    /// <summary>Reads a tag entry that has <c>count:</c> and adds its members to the tags.</summary>
    private void ReadFamily(string name, YamlMappingNode tag, string path)
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

        if (!_populations.TryGetValue(popName, out var population))
        {
            UnknownName(popNode!, path + ".population", popName, "population", _populations.Keys);
            if (IsRejected("population", popName))
            {
                _rejectedTagPopulations[name] = popName;
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
            _rejectedTagPopulations[name] = popName;
            return;
        }

        var members = new List<string>((int)count.Value);
        for (int k = 0; k < count; k++)
        {
            string member = SchemaReader.Inv($"{name}.{k}");
            members.Add(member);
            _tags[member] = new TagSpec(member, popName, (int)size.Value, null, []) { Family = name };
        }

        _families[name] = members;
    }

    /// <summary>
    /// A reference to one tag: an identifier, or <c>FAMILY.K</c> for a family member. With
    /// <paramref name="allowFamily"/>, a family name is accepted too. Reports unknown names; null on error.
    /// </summary>
    private string? TagReference(YamlNodeBase? node, string path, string what, bool allowFamily, bool allowPopulation)
    {
        var scalar = _r.Scalar(node, path, what, "pain");
        if (scalar is null)
        {
            return null;
        }

        string name = scalar.Value;
        if (_tags.ContainsKey(name) || (allowFamily && _families.ContainsKey(name)) || (allowPopulation && _populations.ContainsKey(name)))
        {
            return name;
        }

        if (!name.Contains('.', StringComparison.Ordinal))
        {
            var known = _tags.Keys.Where(t => !t.Contains('.', StringComparison.Ordinal)).Concat(_families.Keys).Concat(allowPopulation ? _populations.Keys : []);
            UnknownName(scalar, path, name, allowPopulation ? "tag or population" : "tag", known);
            return null;
        }

        int dot = name.LastIndexOf('.');
        string family = name[..dot];
        if (IsRejected("tag", family))
        {
            return null; // a member of a family whose definition was rejected (and reported)
        }

        _r.Error(scalar, path, _families.TryGetValue(family, out var members)
            ? $"family '{family}' has members {family}.0 … {family}.{members.Count - 1}; '{name}' is not one of them"
            : $"no tag family named '{family}'", "a family member is FAMILY.K with 0 ≤ K < count");
        return null;
    }

    /// <summary>Tag names with every family name replaced by its members.</summary>
    private IEnumerable<string> ExpandFamilies(IEnumerable<string> names) =>
        names.SelectMany(n => _families.TryGetValue(n, out var members) ? members : [n]);
}
