using Neurotag.Core.Specs;
using Neurotag.Scenarios.Compilation.Projections;
using Neurotag.Scenarios.Units;
using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation.Rules;

/// <summary>
/// <c>plasticity: { rule: istdp, istdp: { eta, target, tau } }</c> on inhibitory spiking projections: inhibitory STDP
/// with a target rate (Vogels, Sprekeler, Zenke, Clopath &amp; Gerstner 2011, Science 334:1569). <c>eta</c> is a weight
/// change (a bare number is in the projection's internal weight unit, nS onto conductance-based synapses, as in the
/// paper's and Brian2's w·nS), <c>target</c> the postsynaptic target rate ρ₀ (a frequency), <c>tau</c> τ_STDP
/// (default the paper's 20 ms). The block is required. The rule has no learning rate, modulation, eligibility or
/// passive decay: those keys are refused at their position. That the projection is inhibitory is checked by the
/// projections reader, which knows its sign.
/// </summary>
internal sealed class IstdpRuleReader : PlasticityRuleReader
{
    internal const string IstdpExample = "{ eta: 0.01 nS, target: 3 Hz, tau: 20 ms }";

    /// <summary>The shared keys this rule does not implement, with why.</summary>
    private static readonly (string Key, string Why)[] Refused =
    [
        ("rate", "the learning rate of istdp is istdp.eta (a weight change, e.g. 0.01 nS)"),
        ("decay", "passive decay is implemented for rule stdp only"),
        ("modulated_by", "modulation is implemented for rule stdp only"),
        ("modulation_gain", "modulation is implemented for rule stdp only"),
    ];

    public override string Name => "istdp";

    public override PlasticityRule Rule => PlasticityRule.Istdp;

    public override NetworkKind Network => NetworkKind.Spiking;

    public override KeySet Block { get; } = new("istdp", "Inhibitory STDP with a target rate (rule: istdp; Vogels et al. 2011).",
        KeyShapes.Must("eta", KeyShapes.NumberOrQuantity, "learning rate η: weight change per unit trace, in the weights' unit (e.g. 0.01 nS); bare number: internal weight unit"),
        KeyShapes.Must("target", ValueShape.Quantity, "target postsynaptic rate ρ0 (e.g. 3 Hz); alpha = 2·ρ0·tau"),
        KeyShapes.Key("tau", ValueShape.Quantity, "τ_STDP of both traces, default 20 ms"));

    public override string BlockDescription => "Inhibitory STDP parameters (rule: istdp)";

    public override string BlockExample => IstdpExample;

    public override bool BlockRequired => true;

    /// <summary>Read only so <c>rate:</c> is not asked for; it is refused in <see cref="CheckRate"/>.</summary>
    public override double? DefaultRate => 1.0;

    public override string Example => "plasticity: { rule: istdp, istdp: " + IstdpExample + " }";

    public override bool RefuseNetwork(SchemaReader r, YamlScalarNode ruleNode, string path)
    {
        r.Error(ruleNode, path, "rule 'istdp' learns from spike timing: it needs a spiking projection (lif, izhikevich, adex or poisson populations)", "for rate projections use one of: " + PlasticityRules.Names(NetworkKind.Rate));
        return false;
    }

    /// <summary>Refuses, at the key, each shared key the rule would read and ignore.</summary>
    public override bool CheckRate(SchemaReader r, YamlMappingNode map, string path)
    {
        bool valid = true;
        foreach (var (key, why) in Refused)
        {
            if (map.Entries.FirstOrDefault(e => e.Key.Value == key).Key is { } node)
            {
                r.Error(node, path + "." + key, $"'{key}:' is not implemented for rule istdp", why + "; remove '" + key + ":'");
                valid = false;
            }
        }

        return valid;
    }

    public override bool ReadBlock(CompileContext ctx, Definitions defs, YamlNodeBase node, string path, string? levelTarget, out Func<PlasticitySpec, PlasticitySpec> apply)
    {
        var r = ctx.Reader;
        apply = spec => spec;
        if (r.Mapping(node, path, BlockExample) is not { } block)
        {
            return false;
        }

        r.CheckKeys(block, path, Block);
        double? eta = new SpikingWeightReader(ctx, defs).WeightLevel(r.Required(block, "eta", path, "0.01 nS"), path + ".eta", levelTarget, "0.01 nS");
        double? target = r.Quantity(r.Required(block, "target", path, "3 Hz"), path + ".target", Dimension.Frequency, 0, minExclusive: true);
        double? tau = block["tau"] is { } t ? r.Quantity(t, path + ".tau", Dimension.Time, 0, minExclusive: true) : InhibitoryStdpSpec.DefaultTauMs;
        if (eta is null || target is null || tau is null)
        {
            return false;
        }

        var istdp = new InhibitoryStdpSpec(eta.Value, target.Value, tau.Value);
        apply = spec => spec with { InhibitoryStdp = istdp };
        return true;
    }
}
