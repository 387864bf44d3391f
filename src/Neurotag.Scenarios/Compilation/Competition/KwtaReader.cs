using Neurotag.Core.Specs;
using Neurotag.Scenarios.Compilation.Neurons;
using Neurotag.Scenarios.Units;
using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation.Competition;

/// <summary><c>kwta:</c> of a population: k-winners-take-all, for rate populations only.</summary>
internal sealed class KwtaReader(CompileContext ctx)
{
    private readonly SchemaReader _r = ctx.Reader;

    /// <summary><c>kwta:</c> of a population: k, the number of winners per step (1 ≤ k ≤ size). Returns (false, null) on an error.</summary>
    internal (bool Ok, int? K) ReadKwta(YamlNodeBase? node, string path, long size, NeuronSpec? neuron)
    {
        if (node is null)
        {
            return (true, null);
        }

        long? k = _r.Integer(node, path, 1, size, "20");
        if (k is null)
        {
            return (false, null);
        }

        if (neuron is not null && NeuronModels.Of(neuron).Kind != NetworkKind.Rate)
        {
            _r.Error(node, path, "kwta applies to rate populations", "remove 'kwta:' or use an inhibitory population");
            return (false, null);
        }

        return (true, (int)k.Value);
    }
}
