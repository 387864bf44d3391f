using Neurotag.Core.Specs;
using Neurotag.Scenarios.Units;
using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation.Rules;

/// <summary>
/// <c>plasticity: { rule: stdp_triplet, stdp_triplet: { tau_plus, tau_minus, tau_x, tau_y, a2_plus, a3_plus, a2_minus,
/// a3_minus } }</c> on spiking projections: triplet STDP, all-to-all (Pfister &amp; Gerstner 2006). Every key defaults
/// to the paper's minimal all-to-all visual-cortex fit (<see cref="TripletStdpSpec.VisualCortexMinimal"/>), so the
/// block may be left out. Amplitudes are in units of w_max, the projection's <c>weight.max</c>, as for <c>stdp</c>.
/// The rule has no learning rate, modulation, eligibility or passive decay: those keys are refused at their position.
/// </summary>
internal sealed class TripletStdpRuleReader : PlasticityRuleReader
{
    internal const string TripletExample = "{ tau_plus: 16.8 ms, tau_minus: 33.7 ms, tau_y: 114 ms, a3_plus: 6.5e-3, a2_minus: 7.1e-3 }";

    /// <summary>The shared keys this rule does not implement, with why.</summary>
    private static readonly (string Key, string Why)[] Refused =
    [
        ("rate", "triplet STDP's step sizes are stdp_triplet.a2_plus / a3_plus / a2_minus / a3_minus"),
        ("decay", "passive decay is implemented for rule stdp only"),
        ("modulated_by", "modulation is implemented for rule stdp only"),
        ("modulation_gain", "modulation is implemented for rule stdp only"),
    ];

    public override string Name => "stdp_triplet";

    public override PlasticityRule Rule => PlasticityRule.StdpTriplet;

    public override NetworkKind Network => NetworkKind.Spiking;

    public override KeySet Block { get; } = new("stdp_triplet", "Triplet STDP, all-to-all (rule: stdp_triplet; Pfister & Gerstner 2006).",
        KeyShapes.Key("tau_plus", ValueShape.Quantity, "presynaptic r1 (pair LTP window), default 16.8 ms"),
        KeyShapes.Key("tau_minus", ValueShape.Quantity, "postsynaptic o1 (pair LTD window), default 33.7 ms"),
        KeyShapes.Key("tau_x", ValueShape.Quantity, "presynaptic r2 (triplet LTD), default 101 ms"),
        KeyShapes.Key("tau_y", ValueShape.Quantity, "postsynaptic o2 (triplet LTP), default 114 ms"),
        KeyShapes.Key("a2_plus", ValueShape.Number, "pair LTP amplitude in units of weight.max, default 0"),
        KeyShapes.Key("a3_plus", ValueShape.Number, "triplet LTP amplitude in units of weight.max, default 6.5e-3"),
        KeyShapes.Key("a2_minus", ValueShape.Number, "pair LTD amplitude in units of weight.max, default 7.1e-3"),
        KeyShapes.Key("a3_minus", ValueShape.Number, "triplet LTD amplitude in units of weight.max, default 0"));

    public override string BlockDescription => "Triplet STDP parameters (rule: stdp_triplet)";

    public override string BlockExample => TripletExample;

    /// <summary>Read only so <c>rate:</c> is not asked for; it is refused in <see cref="CheckRate"/>.</summary>
    public override double? DefaultRate => 1.0;

    public override string Example => "plasticity: { rule: stdp_triplet, stdp_triplet: " + TripletExample + " }";

    public override bool RefuseNetwork(SchemaReader r, YamlScalarNode ruleNode, string path)
    {
        r.Error(ruleNode, path, "rule 'stdp_triplet' learns from spike timing: it needs a spiking projection (lif, izhikevich, adex or poisson populations)", "for rate projections use one of: " + PlasticityRules.Names(NetworkKind.Rate));
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
                r.Error(node, path + "." + key, $"'{key}:' is not implemented for rule stdp_triplet", why + "; remove '" + key + ":'");
                valid = false;
            }
        }

        return valid;
    }

    public override bool ReadBlock(CompileContext ctx, YamlNodeBase node, string path, out Func<PlasticitySpec, PlasticitySpec> apply)
    {
        var r = ctx.Reader;
        apply = spec => spec;
        if (r.Mapping(node, path, BlockExample) is not { } block)
        {
            return false;
        }

        r.CheckKeys(block, path, Block);
        var d = TripletStdpSpec.VisualCortexMinimal;
        double? Tau(string key, double fallback) =>
            block[key] is { } n ? r.Quantity(n, path + "." + key, Dimension.Time, 0, minExclusive: true) : fallback;
        double? Amplitude(string key, double fallback) =>
            block[key] is { } n ? r.Number(n, path + "." + key, 0, example: fallback.ToString("G3", System.Globalization.CultureInfo.InvariantCulture)) : fallback;
        double? tauPlus = Tau("tau_plus", d.TauPlusMs), tauMinus = Tau("tau_minus", d.TauMinusMs);
        double? tauX = Tau("tau_x", d.TauXMs), tauY = Tau("tau_y", d.TauYMs);
        double? a2Plus = Amplitude("a2_plus", d.A2Plus), a3Plus = Amplitude("a3_plus", d.A3Plus);
        double? a2Minus = Amplitude("a2_minus", d.A2Minus), a3Minus = Amplitude("a3_minus", d.A3Minus);
        if (tauPlus is null || tauMinus is null || tauX is null || tauY is null || a2Plus is null || a3Plus is null || a2Minus is null || a3Minus is null)
        {
            return false;
        }

        var triplet = new TripletStdpSpec(tauPlus.Value, tauMinus.Value, tauX.Value, tauY.Value, a2Plus.Value, a3Plus.Value, a2Minus.Value, a3Minus.Value);
        apply = spec => spec with { Triplet = triplet };
        return true;
    }
}
