using Neurotag.Core.Specs;
using Neurotag.Scenarios.Units;
using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation.Rules;

/// <summary>
/// <c>rule: covariance</c>, dw/dt = η·(x − ⟨x⟩)·(y − ⟨y⟩) (Sejnowski 1977), and its block <c>covariance: { tau_mean }</c>
/// (the time constant of the running means).
/// </summary>
internal sealed class CovarianceRuleReader : RatePlasticityRuleReader
{
    public override string Name => "covariance";

    public override PlasticityRule Rule => PlasticityRule.Covariance;

    public override KeySet Block { get; } = new("covariance", "Running means of the covariance rule (rule: covariance).",
        KeyShapes.Key("tau_mean", ValueShape.Quantity, "time constant of the running means, default 1 s"));

    public override string BlockDescription => "covariance parameters (rule: covariance)";

    public override string BlockExample => "{ tau_mean: 1 s }";

    public override bool ReadBlock(CompileContext ctx, YamlNodeBase node, string path, out Func<PlasticitySpec, PlasticitySpec> apply)
    {
        var r = ctx.Reader;
        apply = spec => spec;
        if (r.Mapping(node, path, BlockExample) is not { } cov)
        {
            return false;
        }

        r.CheckKeys(cov, path, Block);
        bool valid = true;
        double tauMeanMs = PlasticitySpec.DefaultAveragingTauMs;
        if (cov["tau_mean"] is { } t)
        {
            double? tau = r.Quantity(t, path + ".tau_mean", Dimension.Time, 0, minExclusive: true);
            valid &= tau is not null;
            tauMeanMs = tau ?? tauMeanMs;
        }

        apply = spec => spec with { CovarianceTauMeanMs = tauMeanMs };
        return valid;
    }
}
