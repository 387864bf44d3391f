using Neurotag.Core.Specs;
using Neurotag.Scenarios.Units;
using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation.Rules;

/// <summary>
/// A projection's <c>plasticity:</c>: the rate rules (hebbian, oja, bcm, covariance) and their parameter blocks,
/// STDP (<see cref="StdpRuleReader"/>), eligibility traces and consolidation (<see cref="ConsolidationReader"/>).
/// </summary>
internal sealed class PlasticityReader(CompileContext ctx, Definitions defs)
{
    private readonly SchemaReader _r = ctx.Reader;
    private readonly Definitions _defs = defs;
    private readonly ConsolidationReader _consolidationReader = new(ctx, defs);
    private readonly StdpRuleReader _stdpRuleReader = new(ctx);

    internal static readonly Dictionary<string, PlasticityRule> PlasticityRules = new(StringComparer.Ordinal)
    {
        ["hebbian"] = PlasticityRule.Hebbian,
        ["oja"] = PlasticityRule.Oja,
        ["bcm"] = PlasticityRule.Bcm,
        ["covariance"] = PlasticityRule.Covariance,
    };

    internal PlasticitySpec? ReadPlasticity(YamlNodeBase node, string path)
    {
        var map = _r.Mapping(node, path, "{ rule: hebbian, rate: 0.01 }");
        if (map is null)
        {
            return null;
        }

        _r.CheckKeys(map, path, ScenarioKeys.Plasticity);
        PlasticityRule? rule = null;
        bool ruleKnown = false;
        var ruleNode = _r.Scalar(_r.Required(map, "rule", path, "hebbian"), path + ".rule", "a plasticity rule", "hebbian");
        if (ruleNode is not null && ruleNode.Value == "stdp")
        {
            ruleKnown = true;
            rule = _stdpRuleReader.StdpAllowed(ruleNode, path + ".rule") ? PlasticityRule.Stdp : null;
        }
        else if (ruleNode is not null)
        {
            // An unknown rule is reported here; the other keys are still checked, so every error shows at once.
            rule = _r.Choice(ruleNode, path + ".rule", PlasticityRules, "plasticity rule");
            ruleKnown = rule is not null;
        }

        bool isStdp = ruleNode?.Value == "stdp";

        // A missing 'stdp:' block is only reported once the rule itself is allowed here (one error per mistake).
        bool stdpValid = _stdpRuleReader.ReadStdp(map, path, isStdp, requireBlock: rule is PlasticityRule.Stdp, ruleKnown, out var stdp);

        // STDP's amplitudes are in its block; its rate only converts an eligibility trace (default 1 per second).
        double? rate = isStdp && map["rate"] is null ? 1.0 : _r.Number(_r.Required(map, "rate", path, "0.01"), path + ".rate", 0, example: "0.01");
        if (rule is PlasticityRule.Stdp && map["eligibility"] is null && RateKey(map) is { } rateKey)
        {
            // Without a trace the rate would be read and never used: the output is the same whatever its value.
            _r.Error(rateKey, path + ".rate", "'rate:' has no effect on rule stdp without 'eligibility:'",
                "rate scales the conversion of an eligibility trace; STDP's step sizes are stdp.a_plus / a_minus; remove 'rate:'");
            rate = null;
        }
        double? decay = null;
        if (map["decay"] is { } decayNode && _r.Mapping(decayNode, path + ".decay", "{ tau: 30 day }") is { } decayMap)
        {
            _r.CheckKeys(decayMap, path + ".decay", ScenarioKeys.Decay);
            decay = _r.Quantity(_r.Required(decayMap, "tau", path + ".decay", "30 day"), path + ".decay.tau", Dimension.Time, 0, minExclusive: true);
        }

        string? modulator = null;
        if (map["modulated_by"] is { } modNode)
        {
            modulator = _r.Identifier(modNode, path + ".modulated_by", "modulator name");
            if (modulator is not null && !_defs.Modulators.ContainsKey(modulator))
            {
                _defs.UnknownName(modNode, path + ".modulated_by", modulator, "modulator", _defs.Modulators.Keys);
                modulator = null; // keep checking the block: every error at once
            }
        }

        double? gain = map["modulation_gain"] is { } g ? _r.Number(g, path + ".modulation_gain", example: "4.0") : 1.0;
        bool blocksValid = ReadRuleBlocks(map, path, rule, out double tauThetaMs, out double? thetaInit, out double tauMeanMs);
        blocksValid &= ReadEligibility(map, path, rule, out double? eligibilityTauMs);
        blocksValid &= _consolidationReader.ReadConsolidation(map, path, rule, out var consolidation);
        return rule is null || rate is null || gain is null || !blocksValid || !stdpValid
            || (map["modulated_by"] is not null && modulator is null) || (map["decay"] is not null && decay is null)
            ? null
            : new PlasticitySpec(rule.Value, rate.Value, decay, modulator, gain.Value)
            {
                BcmTauThetaMs = tauThetaMs,
                BcmThetaInit = thetaInit,
                CovarianceTauMeanMs = tauMeanMs,
                EligibilityTauMs = eligibilityTauMs,
                Consolidation = consolidation,
                Stdp = stdp,
            };
    }

    /// <summary>The key node of <c>rate:</c> (errors about the key itself, not its value, point at it), or null.</summary>
    private static YamlScalarNode? RateKey(YamlMappingNode map) => map.Entries.FirstOrDefault(e => e.Key.Value == "rate").Key;

    /// <summary>
    /// <c>eligibility: { tau }</c>: a per-synapse eligibility trace, implemented for rules hebbian and stdp (format v1 allows
    /// it for every rule). The trace is converted into weight change by the modulator alone, so <c>modulated_by</c> is
    /// required. Returns false when the block is invalid or misplaced.
    /// </summary>
    private bool ReadEligibility(YamlMappingNode map, string path, PlasticityRule? rule, out double? tauMs)
    {
        tauMs = null;
        if (map["eligibility"] is not { } node)
        {
            return true;
        }

        string ep = path + ".eligibility";
        if (rule is { } r && r is not (PlasticityRule.Hebbian or PlasticityRule.Stdp))
        {
            string name = PlasticityRules.First(kv => kv.Value == r).Key;
            _r.Error(node, ep, $"'eligibility:' with rule {name} is part of scenario format v1 but not implemented by this version (only with rules hebbian and stdp)", "remove it or use 'rule: hebbian'");
            return false;
        }

        // An unknown or missing rule still has the block's contents checked.
        if (_r.Mapping(node, ep, "{ tau: 1 s }") is not { } block)
        {
            return false;
        }

        _r.CheckKeys(block, ep, ScenarioKeys.Eligibility);
        tauMs = _r.Quantity(_r.Required(block, "tau", ep, "1 s"), ep + ".tau", Dimension.Time, 0, minExclusive: true);
        bool valid = tauMs is not null;
        if (map["modulated_by"] is null)
        {
            _r.Error(node, ep, "'eligibility:' needs 'modulated_by:': only the modulator converts the trace into weight change", "add 'modulated_by: <modulator>' (e.g. dopamine), or remove 'eligibility:'");
            valid = false;
        }

        return valid;
    }

    /// <summary>
    /// The rule-specific blocks <c>bcm: { tau_theta, theta_init }</c> and <c>covariance: { tau_mean }</c>; each is
    /// allowed only with its own rule. Returns false when a block is invalid or misplaced.
    /// </summary>
    private bool ReadRuleBlocks(YamlMappingNode map, string path, PlasticityRule? rule, out double tauThetaMs, out double? thetaInit, out double tauMeanMs)
    {
        tauThetaMs = PlasticitySpec.DefaultAveragingTauMs;
        thetaInit = null;
        tauMeanMs = PlasticitySpec.DefaultAveragingTauMs;
        bool valid = true;
        foreach (var (key, owner) in new[] { ("bcm", PlasticityRule.Bcm), ("covariance", PlasticityRule.Covariance) })
        {
            if (map[key] is { } block && rule is { } r && r != owner)
            {
                _r.Error(block, path + "." + key, $"'{key}:' only applies to rule {key}", $"remove it or use 'rule: {key}'");
                valid = false;
            }
        }

        // An unknown or missing rule leaves both blocks possible: their contents are still checked.
        if ((rule is null or PlasticityRule.Bcm) && map["bcm"] is { } bcmNode)
        {
            string bp = path + ".bcm";
            if (_r.Mapping(bcmNode, bp, "{ tau_theta: 1 s }") is { } bcm)
            {
                _r.CheckKeys(bcm, bp, ScenarioKeys.Bcm);
                if (bcm["tau_theta"] is { } t)
                {
                    double? tau = _r.Quantity(t, bp + ".tau_theta", Dimension.Time, 0, minExclusive: true);
                    valid &= tau is not null;
                    tauThetaMs = tau ?? tauThetaMs;
                }

                if (bcm["theta_init"] is { } ti)
                {
                    thetaInit = _r.Number(ti, bp + ".theta_init", 0, example: "0.0");
                    valid &= thetaInit is not null;
                }
            }
            else
            {
                valid = false;
            }
        }

        if ((rule is null or PlasticityRule.Covariance) && map["covariance"] is { } covNode)
        {
            string cp = path + ".covariance";
            if (_r.Mapping(covNode, cp, "{ tau_mean: 1 s }") is { } cov)
            {
                _r.CheckKeys(cov, cp, ScenarioKeys.Covariance);
                if (cov["tau_mean"] is { } t)
                {
                    double? tau = _r.Quantity(t, cp + ".tau_mean", Dimension.Time, 0, minExclusive: true);
                    valid &= tau is not null;
                    tauMeanMs = tau ?? tauMeanMs;
                }
            }
            else
            {
                valid = false;
            }
        }

        return valid;
    }
}
