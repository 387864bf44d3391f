using Neurotag.Core.Specs;

namespace Neurotag.Scenarios.Compilation.Rules;

/// <summary><c>rule: oja</c>, dw/dt = η·y·(x − y·w) (Oja 1982): Hebbian with a decay that bounds each neuron's weight norm.</summary>
internal sealed class OjaRuleReader : RatePlasticityRuleReader
{
    public override string Name => "oja";

    public override PlasticityRule Rule => PlasticityRule.Oja;
}
