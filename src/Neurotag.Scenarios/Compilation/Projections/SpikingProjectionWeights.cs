using Neurotag.Core.Specs;
using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation.Projections;

/// <summary>
/// Spiking projections: weights in the target's synaptic unit (nS COBA, mV CUBA, model units Izhikevich), delays as
/// whole steps of dt, and weight levels that may carry the weights' unit.
/// </summary>
internal sealed class SpikingProjectionWeights(CompileContext ctx, Definitions defs) : ProjectionWeights
{
    private readonly SchemaReader _r = ctx.Reader;
    private readonly Definitions _defs = defs;
    private readonly SpikingWeightReader _weightReader = new(ctx, defs);
    private readonly DelayReader _delayReader = new(ctx);

    public override WeightSpec? ReadWeight(YamlMappingNode projection, string path, string? toWritten) =>
        _weightReader.ReadSpikingWeight(_r.Required(projection, "weight", path, "{ init: 6 nS, min: 0 nS, max: 10 nS }"), path + ".weight", toWritten);

    public override DelayReading? ReadDelay(YamlMappingNode projection, string path) => _delayReader.ReadDelay(projection["delay"], path + ".delay");

    public override string? LevelTarget(string? toWritten) => _defs.KnownPopulationOf(toWritten) ?? SpikingWeightReader.UnknownWeightTarget;
}
