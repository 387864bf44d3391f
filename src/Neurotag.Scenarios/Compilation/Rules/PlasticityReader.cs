using Neurotag.Core.Specs;
using Neurotag.Scenarios.Units;
using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation.Rules;

/// <summary>
/// A projection's <c>plasticity:</c>: the rule (through <see cref="PlasticityRules"/>, which also fences each rule to its
/// kind of network), the keys every rule shares (rate, decay, modulated_by, modulation_gain), each rule's own block,
/// eligibility traces, consolidation (<see cref="ConsolidationReader"/>) and the published late phase (<see cref="LatePhaseReader"/>).
/// </summary>
internal sealed class PlasticityReader(CompileContext ctx, Definitions defs)
{
    private readonly SchemaReader _r = ctx.Reader;
    private readonly CompileContext _ctx = ctx;
    private readonly Definitions _defs = defs;
    private readonly ConsolidationReader _consolidationReader = new(ctx, defs);
    private readonly LatePhaseReader _latePhaseReader = new(ctx);

    /// <summary>
    /// Reads a projection's <c>plasticity:</c>; <paramref name="levelTarget"/> is the projection's target as its weight
    /// levels read it (null on rate projections), for rule blocks with synaptic quantities.
    /// </summary>
    internal PlasticitySpec? ReadPlasticity(YamlNodeBase node, string path, string? levelTarget = null)
    {
        var map = _r.Mapping(node, path, "{ rule: hebbian, rate: 0.01 }");
        if (map is null)
        {
            return null;
        }

        _r.CheckKeys(map, path, ScenarioKeys.Plasticity);

        // named: the rule as written, when known. rule: the rule the rest of the block is checked against; null when
        // the rule is missing, unknown, or refused on this kind of network (then every block's contents are checked).
        PlasticityRuleReader? named = null, rule = null;
        var ruleNode = _r.Scalar(_r.Required(map, "rule", path, "hebbian"), path + ".rule", "a plasticity rule", "hebbian");
        if (ruleNode is not null && PlasticityRules.Find(ruleNode.Value) is { } found)
        {
            named = found;

            // The one place rules are fenced to their kind of network.
            rule = found.Network == _ctx.Kind || found.RefuseNetwork(_r, ruleNode, path + ".rule") ? found : null;
        }
        else if (ruleNode is not null)
        {
            // An unknown rule is reported here; the other keys are still checked, so every error shows at once.
            _r.Choice(ruleNode, path + ".rule", PlasticityRules.ByName(NetworkKind.Rate), "plasticity rule");
        }

        double? rate = named?.DefaultRate is { } defaultRate && map["rate"] is null
            ? defaultRate
            : _r.Number(_r.Required(map, "rate", path, "0.01"), path + ".rate", 0, example: "0.01");
        if (rule is not null && !rule.CheckRate(_r, map, path))
        {
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
        bool blocksValid = ReadRuleBlocks(map, path, rule, levelTarget, out var applyRule);
        blocksValid &= ReadEligibility(map, path, rule, out double? eligibilityTauMs);
        blocksValid &= _consolidationReader.ReadConsolidation(map, path, rule, out var consolidation);
        blocksValid &= _latePhaseReader.ReadLatePhase(map, path, rule, out var latePhase);
        return rule is null || rate is null || gain is null || !blocksValid
            || (map["modulated_by"] is not null && modulator is null) || (map["decay"] is not null && decay is null)
            ? null
            : applyRule(new PlasticitySpec(rule.Rule, rate.Value, decay, modulator, gain.Value)
            {
                EligibilityTauMs = eligibilityTauMs,
                Consolidation = consolidation,
                LatePhase = latePhase,
            });
    }

    /// <summary>
    /// The rules' own blocks (<c>stdp:</c>, <c>bcm:</c>, <c>covariance:</c> …): each is allowed only with its own rule,
    /// and required when its rule says so, which is only reported once the rule itself is allowed here (one error per
    /// mistake). With the rule missing, unknown or refused, every block's contents are still checked.
    /// <paramref name="apply"/> sets what <paramref name="rule"/>'s block read. Returns false when a block is invalid,
    /// misplaced or missing.
    /// </summary>
    private bool ReadRuleBlocks(YamlMappingNode map, string path, PlasticityRuleReader? rule, string? levelTarget, out Func<PlasticitySpec, PlasticitySpec> apply)
    {
        apply = spec => spec;
        bool valid = true;
        foreach (var owner in PlasticityRules.WithBlocks)
        {
            string key = owner.Name;
            if (map[key] is not { } block)
            {
                if (owner == rule && owner.BlockRequired)
                {
                    _r.Required(map, key, path, owner.BlockExample);
                    valid = false;
                }
            }
            else if (rule is not null && rule != owner)
            {
                _r.Error(block, path + "." + key, $"'{key}:' only applies to rule {key}", $"remove it or use 'rule: {key}'");
                valid = false;
            }
            else
            {
                valid &= owner.ReadBlock(_ctx, _defs, block, path + "." + key, levelTarget, out var read);
                apply = owner == rule ? read : apply;
            }
        }

        return valid;
    }

    /// <summary>
    /// <c>eligibility: { tau }</c>: a per-synapse eligibility trace, implemented for the rules that say so
    /// (<see cref="PlasticityRuleReader.TakesEligibility"/>; format v1 allows it for every rule). The trace is converted
    /// into weight change by the modulator alone, so <c>modulated_by</c> is required. Returns false when the block is
    /// invalid or misplaced.
    /// </summary>
    private bool ReadEligibility(YamlMappingNode map, string path, PlasticityRuleReader? rule, out double? tauMs)
    {
        tauMs = null;
        if (map["eligibility"] is not { } node)
        {
            return true;
        }

        string ep = path + ".eligibility";
        if (rule is { TakesEligibility: false })
        {
            var names = PlasticityRules.WithEligibility.ToList();
            string only = names.Count == 1 ? names[0] : string.Join(", ", names[..^1]) + " and " + names[^1];
            _r.Error(node, ep, $"'eligibility:' with rule {rule.Name} is part of scenario format v1 but not implemented by this version (only with rules {only})", "remove it or use 'rule: hebbian'");
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
}
