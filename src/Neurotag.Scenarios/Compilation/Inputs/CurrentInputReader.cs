using Neurotag.Core.Specs;
using Neurotag.Scenarios.Units;
using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation.Inputs;

/// <summary>A constant drive onto rate neurons (<c>kind: current</c>).</summary>
internal sealed class CurrentInputReader : RateInputReader
{
    private static readonly KeySet InputKeys = new("input-current", "A constant drive (kind: current).",
        KeyShapes.Must("target", ValueShape.Text, "tag, family member or population"),
        KeyShapes.Must("kind", ValueShape.Choice("current"), "input kind"),
        KeyShapes.Must("amplitude", ValueShape.Number, "added input"),
        KeyShapes.Key("fraction", ValueShape.Number, "fraction of the target driven, in (0, 1], default 1"));

    public override string Kind => "current";

    public override KeySet Keys => InputKeys;

    protected override InputSpec? ReadSpec(CompileContext ctx, Definitions defs, string name, YamlMappingNode input, string path)
    {
        var r = ctx.Reader;
        var common = new InputTargetReader(ctx, defs).Read(input, path);
        double? amplitude = r.Number(r.Required(input, "amplitude", path, "1.0"), path + ".amplitude", example: "1.0");
        return common is not { } c || amplitude is null ? null : new InputSpec(name, c.Target, c.IsTag, amplitude.Value, c.Fraction);
    }
}
