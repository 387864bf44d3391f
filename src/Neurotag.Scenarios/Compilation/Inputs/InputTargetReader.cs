using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation.Inputs;

/// <summary>Target (a tag, a family member or a population) and fraction, common to the rate input kinds.</summary>
internal sealed class InputTargetReader(CompileContext ctx, Definitions defs)
{
    private readonly SchemaReader _r = ctx.Reader;

    public (string Target, bool IsTag, double Fraction)? Read(YamlMappingNode input, string path) => Read(input, path, out _);

    /// <summary>As above; <paramref name="written"/> is the target as written, valid or not (for checks that only need its population).</summary>
    public (string Target, bool IsTag, double Fraction)? Read(YamlMappingNode input, string path, out string? written)
    {
        var targetNode = _r.Required(input, "target", path, "bend");
        written = (targetNode as YamlScalarNode)?.Value;
        string? target = defs.TagReference(targetNode, path + ".target", "tag or population name", allowFamily: false, allowPopulation: true);
        double? fraction = input["fraction"] is { } f ? _r.Number(f, path + ".fraction", 0, 1, minExclusive: true, example: "0.3") : 1.0;
        return target is null || fraction is null ? null : (target, defs.Tags.ContainsKey(target), fraction.Value);
    }
}
