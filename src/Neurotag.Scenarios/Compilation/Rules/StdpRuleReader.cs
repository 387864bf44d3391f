using Neurotag.Core.Specs;
using Neurotag.Scenarios.Units;
using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation.Rules;

/// <summary>
/// <c>plasticity: { rule: stdp, stdp: { tau_plus, tau_minus, a_plus, a_minus, mode, pairing } }</c> on spiking
/// projections (Song, Miller &amp; Abbott 2000; Morrison, Diesmann &amp; Gerstner 2008). Amplitudes are plain numbers in
/// units of w_max, the projection's <c>weight.max</c>.
/// </summary>
internal sealed class StdpRuleReader(CompileContext ctx)
{
    private readonly SchemaReader _r = ctx.Reader;
    private readonly CompileContext _ctx = ctx;

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

    /// <summary>
    /// Whether rule stdp may be used here: it learns from spike times, so it needs a spiking scenario. Reports the error
    /// at <paramref name="ruleNode"/> otherwise.
    /// </summary>
    internal bool StdpAllowed(YamlScalarNode ruleNode, string path)
    {
        if (_ctx.IsSpiking)
        {
            return true;
        }

        _r.Error(ruleNode, path, "rule 'stdp' learns from spike timing: it needs a spiking projection (lif, izhikevich or poisson populations)", "for rate projections use one of: " + string.Join(", ", PlasticityReader.PlasticityRules.Keys));
        return false;
    }

    /// <summary>
    /// The <c>stdp:</c> block: required with rule stdp, an error with any other rule (its contents are still checked
    /// when the rule is unknown, so every error shows at once). Returns false when the block is invalid or misplaced.
    /// </summary>
    internal bool ReadStdp(YamlMappingNode map, string path, bool isStdp, bool requireBlock, bool ruleKnown, out StdpSpec? spec)
    {
        spec = null;
        string sp = path + ".stdp";
        var node = map["stdp"];
        if (node is not null && ruleKnown && !isStdp)
        {
            _r.Error(node, sp, "'stdp:' only applies to rule stdp", "remove it or use 'rule: stdp'");
            return false;
        }

        if (node is null)
        {
            if (requireBlock)
            {
                _r.Required(map, "stdp", path, StdpExample);
                return false;
            }

            return !isStdp;
        }

        if (_r.Mapping(node, sp, StdpExample) is not { } block)
        {
            return false;
        }

        _r.CheckKeys(block, sp, ScenarioKeys.Stdp);
        double? tauPlus = block["tau_plus"] is { } tp ? _r.Quantity(tp, sp + ".tau_plus", Dimension.Time, 0, minExclusive: true) : 20.0;
        double? tauMinus = block["tau_minus"] is { } tm ? _r.Quantity(tm, sp + ".tau_minus", Dimension.Time, 0, minExclusive: true) : 20.0;
        double? aPlus = _r.Number(_r.Required(block, "a_plus", sp, "0.01"), sp + ".a_plus", 0, example: "0.01");
        double? aMinus = _r.Number(_r.Required(block, "a_minus", sp, "0.0105"), sp + ".a_minus", 0, example: "0.0105");
        StdpWeightDependence? mode = block["mode"] is { } m ? _r.Choice(m, sp + ".mode", StdpModes, "STDP mode") : StdpWeightDependence.Additive;
        StdpPairing? pairing = block["pairing"] is { } pa ? _r.Choice(pa, sp + ".pairing", StdpPairings, "STDP pairing") : StdpPairing.AllToAll;
        if (tauPlus is null || tauMinus is null || aPlus is null || aMinus is null || mode is null || pairing is null)
        {
            return false;
        }

        spec = new StdpSpec(tauPlus.Value, tauMinus.Value, aPlus.Value, aMinus.Value, mode.Value, pairing.Value);
        return true;
    }
}
