using Neurotag.Core.Specs;

namespace Neurotag.Scenarios.Compilation.Rules;

/// <summary>
/// <c>rule: hebbian</c>, dw/dt = η·x·y (Hebb 1949), the one rate rule with an eligibility trace (three-factor
/// learning; Izhikevich 2007) and with synaptic tagging and capture (Frey &amp; Morris 1997; Clopath et al. 2008).
/// </summary>
internal sealed class HebbianRuleReader : RatePlasticityRuleReader
{
    public override string Name => "hebbian";

    public override PlasticityRule Rule => PlasticityRule.Hebbian;

    public override bool TakesEligibility => true;

    public override bool TakesConsolidation => true;
}
