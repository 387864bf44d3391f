using Neurotag.Core.Specs;
using Neurotag.Scenarios.Units;
using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation.Neurons;

/// <summary>Parameter readers shared by the spiking neuron models: voltages, time constants checked against dt, and correlations of Poisson trains.</summary>
internal sealed class NeuronParameters(CompileContext ctx)
{
    private readonly SchemaReader _r = ctx.Reader;
    private readonly CompileContext _ctx = ctx;

    internal double? Volt(YamlMappingNode map, string key, string path, double fallback) =>
        map[key] is { } node ? _r.Quantity(node, path + "." + key, Dimension.Voltage) : fallback;

    internal double? TimeConstant(YamlMappingNode map, string key, string path, double fallback, bool allowZero = false)
    {
        if (map[key] is not { } node)
        {
            return fallback;
        }

        double? tau = _r.Quantity(node, path + "." + key, Dimension.Time, 0, minExclusive: !allowZero);
        if (tau is { } t && t < _ctx.DtMs && !_ctx.DtRejected && !(allowZero && t == 0))
        {
            _r.Error(node, path + "." + key, SchemaReader.Inv($"{key} = {t} ms is shorter than dt = {_ctx.DtMs} ms"), "make it at least dt, or use a smaller dt");
            return null;
        }

        return tau;
    }

    /// <summary>
    /// <c>correlation: c</c> of Poisson populations and inputs: the pairwise correlation of their trains, in [0, 1]
    /// (default 0: independent). See CorrelatedPoissonTrains in Neurotag.Core.
    /// </summary>
    internal double? ReadCorrelation(YamlMappingNode map, string path) =>
        map["correlation"] is { } node ? _r.Number(node, path + ".correlation", 0, 1, example: "0.2") : 0.0;
}
