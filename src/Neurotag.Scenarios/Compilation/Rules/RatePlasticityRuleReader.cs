using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation.Rules;

/// <summary>
/// A rule of the rate core (docs/models.md, "Plasticity"): it learns from pre and post rates, needs <c>rate:</c> (η),
/// and is refused on spiking projections.
/// </summary>
internal abstract class RatePlasticityRuleReader : PlasticityRuleReader
{
    public override NetworkKind Network => NetworkKind.Rate;

    public override string Example => $"plasticity: {{ rule: {Name}, rate: 0.01 }}";

    /// <summary>
    /// A rate rule on a spiking projection is still read as that rule (its blocks are checked against it), as when this
    /// was reported by the projection before its plasticity block was read.
    /// </summary>
    public override bool RefuseNetwork(SchemaReader r, YamlScalarNode ruleNode, string path)
    {
        r.Error(ruleNode, path, $"rule '{Name}' acts on rates; spiking projections learn by spike timing", "remove 'plasticity:' (STDP for spiking projections: rule 'stdp')");
        return true;
    }
}
