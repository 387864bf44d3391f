using Neurotag.Core.Specs;
using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation.Projections;

/// <summary>Rate projections: dimensionless weights, no delays (they act within the step), plain-number weight levels.</summary>
internal sealed class RateProjectionWeights(CompileContext ctx) : ProjectionWeights
{
    private readonly SchemaReader _r = ctx.Reader;
    private readonly RateWeightReader _weightReader = new(ctx);

    public override WeightSpec? ReadWeight(YamlMappingNode projection, string path, string? toWritten) =>
        _weightReader.ReadWeight(_r.Required(projection, "weight", path, "{ init: 0.01, min: 0.0, max: 1.0 }"), path + ".weight");

    /// <summary>A delay is reported, and the projection is still read without one (the error alone rejects the scenario).</summary>
    public override DelayReading ReadDelay(YamlMappingNode projection, string path)
    {
        if (projection["delay"] is { } delay)
        {
            _r.Error(delay, path + ".delay", "delays are for spiking projections; rate projections act within the step", "remove 'delay:' (the spiking core is planned)");
        }

        return new DelayReading(0, null, 0);
    }

    public override string? LevelTarget(string? toWritten) => null;
}
