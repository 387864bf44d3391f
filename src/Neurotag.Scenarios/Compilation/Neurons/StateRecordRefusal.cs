using Neurotag.Core.Specs;

namespace Neurotag.Scenarios.Compilation.Neurons;

/// <summary>Why record.state refuses a population's variable: reported at 'population:' or at 'variable:'.</summary>
internal sealed record StateRecordRefusal(bool AtPopulation, string Message, string Hint)
{
    /// <summary>
    /// A variable the population's model does not have. The texts come from the models' lists (<see cref="NeuronReader.State"/>):
    /// a variable only some models have (Izhikevich u) names them, e.g. "is not an izhikevich population and has no
    /// recovery variable u"; the hint offers the variables the population's own model has (an adex population's
    /// v, ge, gi or w), or, for a model that lists none, those every model with state has (v, ge, gi).
    /// </summary>
    public static StateRecordRefusal Missing(PopulationSpec population, string variable)
    {
        var common = CommonState();
        var own = population.Neuron.RecordableState().Select(s => s.Name).ToList();
        string record = "record " + JoinOr(own.Count > 0 ? own : common);
        var owners = NeuronModels.All.Where(m => m.State.Any(s => s.Name == variable)).ToList();
        if (owners.Count == 0 || common.Contains(variable))
        {
            return new(false, $"population '{population.Name}' has no state variable '{variable}'", record);
        }

        string description = owners[0].State.First(s => s.Name == variable).Description;
        string models = Article(owners[0].Model) + " " + JoinOr(owners.Select(m => m.Model).ToList()) + " population";
        return new(false, $"population '{population.Name}' is not {models} and has no {description} {variable}", $"{record}, or record {models}");
    }

    /// <summary>The names of the state variables every model with state has, in the first such model's order.</summary>
    public static IReadOnlyList<string> CommonState()
    {
        var stateful = NeuronModels.All.Where(m => m.State.Count > 0).ToList();
        return stateful.Count == 0 ? [] : stateful[0].State.Select(s => s.Name).Where(n => stateful.All(m => m.State.Any(s => s.Name == n))).ToList();
    }

    /// <summary>"a, b or c".</summary>
    private static string JoinOr(IReadOnlyList<string> names) =>
        names.Count <= 1 ? string.Concat(names) : string.Join(", ", names.Take(names.Count - 1)) + " or " + names[^1];

    private static string Article(string word) => word.Length > 0 && "aeiou".Contains(word[0], StringComparison.Ordinal) ? "an" : "a";
}
