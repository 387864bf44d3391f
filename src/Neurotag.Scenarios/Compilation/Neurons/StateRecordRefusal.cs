using Neurotag.Core.Specs;

namespace Neurotag.Scenarios.Compilation.Neurons;

/// <summary>Why record.state refuses a population's variable: reported at 'population:' or at 'variable:'.</summary>
internal sealed record StateRecordRefusal(bool AtPopulation, string Message, string Hint)
{
    /// <summary>A variable the population's model does not have.</summary>
    public static StateRecordRefusal Missing(PopulationSpec population, StateVariable variable) => variable == StateVariable.U
        ? new(false, $"population '{population.Name}' is not an izhikevich population and has no recovery variable u", "record v, ge or gi, or record an izhikevich population")
        : new(false, $"population '{population.Name}' has no state variable '{variable.ToString().ToLowerInvariant()}'", "record v, ge or gi");
}
