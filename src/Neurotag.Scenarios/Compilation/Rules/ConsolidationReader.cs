using Neurotag.Core.Specs;
using Neurotag.Scenarios.Units;
using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation.Rules;

/// <summary><c>plasticity.consolidation:</c> synaptic tagging and capture (docs/models.md, "Memory mechanisms").</summary>
internal sealed class ConsolidationReader(CompileContext ctx, Definitions defs)
{
    private readonly SchemaReader _r = ctx.Reader;
    private readonly Definitions _defs = defs;

    private const string ConsolidationExample = "{ tau_early: 2 h, tau_resource: 1 h, tau_capture: 1 h, threshold: 0.5, triggered_by: threat }";

    /// <summary>
    /// Reads <c>consolidation: { tau_early, tau_resource, tau_capture, threshold, triggered_by, trigger_level, early_max }</c>.
    /// Only for rules that take it (<see cref="PlasticityRuleReader.TakesConsolidation"/>: hebbian) and not together with an eligibility trace; at least one trigger (threshold or triggered_by) is
    /// required, since without one nothing could ever be consolidated. Returns false when the block is invalid.
    /// </summary>
    internal bool ReadConsolidation(YamlMappingNode map, string path, PlasticityRuleReader? rule, out ConsolidationSpec? spec)
    {
        spec = null;
        if (map["consolidation"] is not { } node)
        {
            return true;
        }

        string cp = path + ".consolidation";
        bool valid = true;
        if (rule is { TakesConsolidation: false })
        {
            _r.Error(node, cp, $"'consolidation:' (tagging and capture) is implemented for rule hebbian only, not {rule.Name}", "remove it or use 'rule: hebbian'");
            valid = false;
        }

        if (map["eligibility"] is not null)
        {
            _r.Error(node, cp, "'consolidation:' and 'eligibility:' cannot be combined", "use one: an eligibility trace (reward after the fact) or tagging and capture");
            valid = false;
        }

        if (_r.Mapping(node, cp, ConsolidationExample) is not { } block)
        {
            return false;
        }

        _r.CheckKeys(block, cp, ScenarioKeys.Consolidation);
        double? tauEarly = _r.Quantity(_r.Required(block, "tau_early", cp, "2 h"), cp + ".tau_early", Dimension.Time, 0, minExclusive: true);
        double? tauResource = _r.Quantity(_r.Required(block, "tau_resource", cp, "1 h"), cp + ".tau_resource", Dimension.Time, 0, minExclusive: true);
        double? tauCapture = _r.Quantity(_r.Required(block, "tau_capture", cp, "1 h"), cp + ".tau_capture", Dimension.Time, 0, minExclusive: true);
        double? threshold = block["threshold"] is { } t ? _r.Number(t, cp + ".threshold", 0, minExclusive: true, example: "0.5") : null;
        double? earlyMax = block["early_max"] is { } em ? _r.Number(em, cp + ".early_max", 0, minExclusive: true, example: "0.01") : null;
        double? level = block["trigger_level"] is { } tl ? _r.Number(tl, cp + ".trigger_level", example: "0.5") : ConsolidationSpec.DefaultTriggerLevel;
        string? trigger = null;
        if (block["triggered_by"] is { } tb)
        {
            trigger = _r.Identifier(tb, cp + ".triggered_by", "modulator name");
            if (trigger is not null && !_defs.Modulators.ContainsKey(trigger))
            {
                _defs.UnknownName(tb, cp + ".triggered_by", trigger, "modulator", _defs.Modulators.Keys);
                trigger = null;
            }

            valid &= trigger is not null;
        }
        else if (block["trigger_level"] is { } orphan)
        {
            _r.Error(orphan, cp + ".trigger_level", "'trigger_level:' needs 'triggered_by:'", "add 'triggered_by: <modulator>' or remove 'trigger_level:'");
            valid = false;
        }

        if (block["threshold"] is null && block["triggered_by"] is null)
        {
            _r.Error(block, cp, "nothing triggers the plasticity-related resource, so nothing would ever be consolidated", "add 'threshold:' (summed early change per neuron) and/or 'triggered_by: <modulator>'");
            valid = false;
        }

        valid &= (block["threshold"] is null || threshold is not null) && (block["early_max"] is null || earlyMax is not null) && level is not null;
        if (!valid || tauEarly is null || tauResource is null || tauCapture is null)
        {
            return false;
        }

        spec = new ConsolidationSpec(tauEarly.Value, tauResource.Value, tauCapture.Value, threshold, trigger, level!.Value, earlyMax);
        return true;
    }
}
