using Neurotag.Core.Specs;
using Neurotag.Scenarios.Units;
using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation.Rules;

/// <summary>
/// <c>plasticity: { rule: stdp, stdp: { tau_plus, tau_minus, a_plus, a_minus, mode, pairing } }</c> on spiking
/// projections (Song, Miller &amp; Abbott 2000; Morrison, Diesmann &amp; Gerstner 2008). Amplitudes are plain numbers in
/// units of w_max, the projection's <c>weight.max</c>. Its <c>rate:</c> only converts an eligibility trace.
/// </summary>
internal sealed class StdpRuleReader : PlasticityRuleReader
{
    internal const string StdpExample = "{ tau_plus: 20 ms, tau_minus: 20 ms, a_plus: 0.01, a_minus: 0.0105 }";

    internal static readonly Dictionary<string, StdpWeightDependence> StdpModes = new(StringComparer.Ordinal)
    {
        ["additive"] = StdpWeightDependence.Additive,
        ["multiplicative"] = StdpWeightDependence.Multiplicative,
    };

    internal static readonly Dictionary<string, StdpPairing> StdpPairings = new(StringComparer.Ordinal)
    {
        ["all"] = StdpPairing.AllToAll,
        ["nearest"] = StdpPairing.Nearest,
    };

    public override string Name => "stdp";

    public override PlasticityRule Rule => PlasticityRule.Stdp;

    public override NetworkKind Network => NetworkKind.Spiking;

    public override KeySet Block { get; } = new("stdp", "Spike-timing-dependent plasticity (rule: stdp).",
        KeyShapes.Key("tau_plus", ValueShape.Quantity, "LTP window, default 20 ms"),
        KeyShapes.Key("tau_minus", ValueShape.Quantity, "LTD window, default 20 ms"),
        KeyShapes.Must("a_plus", ValueShape.Number, "LTP amplitude in units of weight.max"),
        KeyShapes.Must("a_minus", ValueShape.Number, "LTD amplitude in units of weight.max"),
        KeyShapes.Key("mode", ValueShape.Choice(StdpModes.Keys), "additive (default) or multiplicative"),
        KeyShapes.Key("pairing", ValueShape.Choice(StdpPairings.Keys), "all (default) or nearest"));

    public override string BlockDescription => "STDP parameters (rule: stdp)";

    public override string BlockExample => StdpExample;

    public override bool BlockRequired => true;

    /// <summary>STDP's amplitudes are in its block; its rate only converts an eligibility trace (default 1 per second).</summary>
    public override double? DefaultRate => 1.0;

    public override bool TakesEligibility => true;

    public override string Example => "plasticity: { rule: stdp, stdp: " + StdpExample + " }";

    /// <summary>
    /// STDP learns from spike times. On a rate projection it is reported once: neither its block nor its rate is then
    /// asked for (one error per mistake).
    /// </summary>
    public override bool RefuseNetwork(SchemaReader r, YamlScalarNode ruleNode, string path)
    {
        r.Error(ruleNode, path, "rule 'stdp' learns from spike timing: it needs a spiking projection (lif, izhikevich or poisson populations)", "for rate projections use one of: " + PlasticityRules.Names(NetworkKind.Rate));
        return false;
    }

    /// <summary>Without a trace the rate would be read and never used: the output is the same whatever its value.</summary>
    public override bool CheckRate(SchemaReader r, YamlMappingNode map, string path)
    {
        if (map["eligibility"] is null && map.Entries.FirstOrDefault(e => e.Key.Value == "rate").Key is { } rateKey)
        {
            // The error is about the key itself, not its value, so it points at the key.
            r.Error(rateKey, path + ".rate", "'rate:' has no effect on rule stdp without 'eligibility:'",
                "rate scales the conversion of an eligibility trace; STDP's step sizes are stdp.a_plus / a_minus; remove 'rate:'");
            return false;
        }

        return true;
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
        double? tauPlus = block["tau_plus"] is { } tp ? r.Quantity(tp, path + ".tau_plus", Dimension.Time, 0, minExclusive: true) : 20.0;
        double? tauMinus = block["tau_minus"] is { } tm ? r.Quantity(tm, path + ".tau_minus", Dimension.Time, 0, minExclusive: true) : 20.0;
        double? aPlus = r.Number(r.Required(block, "a_plus", path, "0.01"), path + ".a_plus", 0, example: "0.01");
        double? aMinus = r.Number(r.Required(block, "a_minus", path, "0.0105"), path + ".a_minus", 0, example: "0.0105");
        StdpWeightDependence? mode = block["mode"] is { } m ? r.Choice(m, path + ".mode", StdpModes, "STDP mode") : StdpWeightDependence.Additive;
        StdpPairing? pairing = block["pairing"] is { } pa ? r.Choice(pa, path + ".pairing", StdpPairings, "STDP pairing") : StdpPairing.AllToAll;
        if (tauPlus is null || tauMinus is null || aPlus is null || aMinus is null || mode is null || pairing is null)
        {
            return false;
        }

        var stdp = new StdpSpec(tauPlus.Value, tauMinus.Value, aPlus.Value, aMinus.Value, mode.Value, pairing.Value);
        apply = spec => spec with { Stdp = stdp };
        return true;
    }
}
