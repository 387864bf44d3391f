using Neurotag.Core.Specs;
using Neurotag.Scenarios.Units;
using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation.Rules;

/// <summary>
/// <c>plasticity.late_phase:</c> the published early/late phase with tag and protein thresholds (Clopath et al. 2008,
/// PLoS Comput Biol 4:e1000248; Luboeinski &amp; Tetzlaff 2021, Commun Biol 4:275); docs/models.md, "Late phase".
/// Every key defaults to the published table, so <c>late_phase: {}</c> is the paper's model.
/// </summary>
internal sealed class LatePhaseReader(CompileContext ctx)
{
    private readonly SchemaReader _r = ctx.Reader;

    private const string Example = "{ rest: 0.42, tau_early: 688.4 s, tau_protein: 60 min, tau_late: 60 min, tag_threshold: 0.2, protein_threshold: 0.5 }";

    /// <summary>
    /// Reads <c>late_phase: { rest, tau_early, tau_protein, tau_late, tag_threshold, protein_threshold, protein_synthesis }</c>.
    /// Rule hebbian only, and not with <c>consolidation:</c>, <c>eligibility:</c> or <c>decay:</c> (the early weight has
    /// its own relaxation and the late weight none). Returns false when the block is invalid or misplaced.
    /// </summary>
    internal bool ReadLatePhase(YamlMappingNode map, string path, PlasticityRuleReader? rule, out LatePhaseSpec? spec)
    {
        spec = null;
        if (map["late_phase"] is not { } node)
        {
            return true;
        }

        string lp = path + ".late_phase";
        bool valid = true;
        if (rule is { TakesConsolidation: false })
        {
            _r.Error(node, lp, $"'late_phase:' is implemented for rule hebbian only, not {rule.Name}", "remove it or use 'rule: hebbian'");
            valid = false;
        }

        foreach (string other in new[] { "consolidation", "eligibility", "decay" })
        {
            if (map[other] is not null)
            {
                _r.Error(node, lp, $"'late_phase:' and '{other}:' cannot be combined",
                    other == "decay" ? "remove 'decay:': the early weight relaxes with tau_early/0.1 and the late weight is stable" : $"use one: 'late_phase:' (the published tag/protein model) or '{other}:'");
                valid = false;
            }
        }

        if (_r.Mapping(node, lp, Example) is not { } block)
        {
            return false;
        }

        _r.CheckKeys(block, lp, ScenarioKeys.LatePhase);
        double? rest = block["rest"] is { } rn ? _r.Number(rn, lp + ".rest", 0, minExclusive: true, example: "0.420075") : null;
        double? tauEarly = Time(block, "tau_early", lp, LatePhaseSpec.PublishedTauEarlyMs);
        double? tauProtein = Time(block, "tau_protein", lp, LatePhaseSpec.PublishedTauProteinMs);
        double? tauLate = Time(block, "tau_late", lp, LatePhaseSpec.PublishedTauLateMs);
        double? tag = Positive(block, "tag_threshold", lp, LatePhaseSpec.PublishedTagThreshold, "0.2");
        double? protein = Positive(block, "protein_threshold", lp, LatePhaseSpec.PublishedProteinThreshold, "0.5");
        double? alpha = Positive(block, "protein_synthesis", lp, LatePhaseSpec.PublishedProteinSynthesis, "1");
        valid &= block["rest"] is null || rest is not null;
        if (!valid || tauEarly is null || tauProtein is null || tauLate is null || tag is null || protein is null || alpha is null)
        {
            return false;
        }

        spec = new LatePhaseSpec(rest, tauEarly.Value, tauProtein.Value, tauLate.Value, tag.Value, protein.Value, alpha.Value);
        return true;
    }

    private double? Time(YamlMappingNode block, string key, string path, double published) =>
        block[key] is { } n ? _r.Quantity(n, path + "." + key, Dimension.Time, 0, minExclusive: true) : published;

    private double? Positive(YamlMappingNode block, string key, string path, double published, string example) =>
        block[key] is { } n ? _r.Number(n, path + "." + key, 0, minExclusive: true, example: example) : published;
}
