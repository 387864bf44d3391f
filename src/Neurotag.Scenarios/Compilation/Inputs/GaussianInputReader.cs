using Neurotag.Core.Specs;
using Neurotag.Scenarios.Units;
using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation.Inputs;

/// <summary>Correlated Ornstein-Uhlenbeck noise onto rate neurons (<c>kind: gaussian</c>).</summary>
internal sealed class GaussianInputReader : RateInputReader
{
    private static readonly KeySet InputKeys = new("input-gaussian", "Correlated Ornstein-Uhlenbeck noise (kind: gaussian).",
        KeyShapes.Must("target", ValueShape.Text, "tag, family member or population"),
        KeyShapes.Must("kind", ValueShape.Choice("gaussian"), "input kind"),
        KeyShapes.Key("mean", ValueShape.Number, "mean added input, default 0"),
        KeyShapes.Must("std", ValueShape.Number, "stationary standard deviation of each channel"),
        KeyShapes.Key("correlation", ValueShape.Number, "correlation between channels, in [0, 1], default 0"),
        KeyShapes.Must("tau", ValueShape.Quantity, "correlation time"),
        KeyShapes.Key("fraction", ValueShape.Number, "fraction of the target driven, in (0, 1], default 1"));

    public override string Kind => "gaussian";

    public override KeySet Keys => InputKeys;

    protected override InputSpec? ReadSpec(CompileContext ctx, Definitions defs, string name, YamlMappingNode input, string path)
    {
        var r = ctx.Reader;
        var common = new InputTargetReader(ctx, defs).Read(input, path);
        double? mean = input["mean"] is { } m ? r.Number(m, path + ".mean", example: "0.0") : 0.0;
        double? std = r.Number(r.Required(input, "std", path, "0.5"), path + ".std", 0, example: "0.5");
        double? correlation = input["correlation"] is { } cr ? r.Number(cr, path + ".correlation", 0, 1, example: "0.3") : 0.0;
        var tauNode = r.Required(input, "tau", path, "5 ms");
        double? tau = r.Quantity(tauNode, path + ".tau", Dimension.Time, 0, minExclusive: true);
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
