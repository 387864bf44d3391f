using Neurotag.Core.Specs;
using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation.Projections;

/// <summary>
/// What a projection's synapses are on one kind of network: how its <c>weight:</c> and <c>delay:</c> are read, and in
/// which unit weight levels (normalize.total, pruning.below) are given. Chosen once per scenario (<see cref="For"/>),
/// so <see cref="ProjectionsReader"/> does not branch on the network kind.
/// </summary>
internal abstract class ProjectionWeights
{
    public static ProjectionWeights For(CompileContext ctx, Definitions defs) =>
        ctx.Kind == NetworkKind.Spiking ? new SpikingProjectionWeights(ctx, defs) : new RateProjectionWeights(ctx);

    /// <summary>The projection's required <c>weight:</c>; <paramref name="toWritten"/> is its target as written. Null after an error.</summary>
    public abstract WeightSpec? ReadWeight(YamlMappingNode projection, string path, string? toWritten);

    /// <summary>The projection's <c>delay:</c> (default none). Null after an error that rejects the projection.</summary>
    public abstract DelayReading? ReadDelay(YamlMappingNode projection, string path);

    /// <summary>The population whose weight unit weight levels may carry (see <see cref="SpikingWeightReader.WeightLevel"/>), or null for plain numbers.</summary>
    public abstract string? LevelTarget(string? toWritten);
}
