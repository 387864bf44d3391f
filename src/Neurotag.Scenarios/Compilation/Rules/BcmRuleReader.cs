using Neurotag.Core.Specs;
using Neurotag.Scenarios.Units;
using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation.Rules;

/// <summary>
/// <c>rule: bcm</c>, dw/dt = η·x·y·(y − θ) with a sliding threshold θ ≈ ⟨y²⟩ (Bienenstock, Cooper &amp; Munro 1982;
/// Intrator &amp; Cooper 1992), and its block <c>bcm: { tau_theta, theta_init }</c>.
/// </summary>
internal sealed class BcmRuleReader : RatePlasticityRuleReader
{
    public override string Name => "bcm";

    public override PlasticityRule Rule => PlasticityRule.Bcm;

    public override KeySet Block { get; } = new("bcm", "BCM sliding threshold (rule: bcm).",
        KeyShapes.Key("tau_theta", ValueShape.Quantity, "time constant of θ, default 1 s"),
        KeyShapes.Key("theta_init", ValueShape.Number, "initial θ, default y² of the first learning step"));

    public override string BlockDescription => "BCM parameters (rule: bcm)";

    public override string BlockExample => "{ tau_theta: 1 s }";

    public override bool ReadBlock(CompileContext ctx, YamlNodeBase node, string path, out Func<PlasticitySpec, PlasticitySpec> apply)
    {
        var r = ctx.Reader;
        apply = spec => spec;
        if (r.Mapping(node, path, BlockExample) is not { } bcm)
        {
            return false;
        }

        r.CheckKeys(bcm, path, Block);
        bool valid = true;
        double tauThetaMs = PlasticitySpec.DefaultAveragingTauMs;
        double? thetaInit = null;
        if (bcm["tau_theta"] is { } t)
        {
            double? tau = r.Quantity(t, path + ".tau_theta", Dimension.Time, 0, minExclusive: true);
            valid &= tau is not null;
            tauThetaMs = tau ?? tauThetaMs;
        }

        if (bcm["theta_init"] is { } ti)
        {
            thetaInit = r.Number(ti, path + ".theta_init", 0, example: "0.0");
            valid &= thetaInit is not null;
        }

        apply = spec => spec with { BcmTauThetaMs = tauThetaMs, BcmThetaInit = thetaInit };
        return valid;
    }
}
