using Neurotag.Core.Specs;
using Neurotag.Scenarios.Compilation.Neurons;
using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation.Competition;

/// <summary>
/// A population's <c>kwta:</c>: k-winners-take-all, only the k most driven neurons are active each step (a stand-in
/// for fast shared inhibition; Majani, Erlanson &amp; Abu-Mostafa 1989). Rate populations only: the fence is the
/// population's own model, checked after k is read, so it is not a projection refusal.
/// </summary>
internal sealed class KwtaReader : CompetitionMechanism
{
    public override string Key => "kwta";

    /// <summary><c>kwta:</c> of a population: k, the number of winners per step (1 ≤ k ≤ size). Returns (false, null) on an error.</summary>
    internal static (bool Ok, int? K) Read(CompileContext ctx, YamlNodeBase? node, string path, long size, NeuronSpec? neuron)
    {
        if (node is null)
        {
            return (true, null);
        }

        var r = ctx.Reader;
        long? k = r.Integer(node, path, 1, size, "20");
        if (k is null)
        {
            return (false, null);
        }

        if (neuron is not null && NeuronModels.Of(neuron).Kind != NetworkKind.Rate)
        {
            r.Error(node, path, "kwta applies to rate populations", "remove 'kwta:' or use an inhibitory population");
            return (false, null);
        }

        if (neuron is Neurotag.Core.Specs.RateNeuronSpec { AsyncUpdate: true })
        {
            // Asynchronous sign units update one at a time (Hopfield 1982); a per-step winner selection has no place in that sweep.
            r.Error(node, path, "kwta is not defined for 'update: async' units", "remove 'kwta:' or use 'update: sync'");
            return (false, null);
        }

        return (true, (int)k.Value);
    }
}
