using Neurotag.Core.Specs;
using Neurotag.Scenarios.Units;
using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation.Checks;

/// <summary>Where a memory error points: the part of the network a user would shrink.</summary>
internal sealed class MemoryReport(CompileContext ctx)
{
    private readonly SchemaReader _r = ctx.Reader;

    /// <summary>
    /// The memory limit's error, at the size of the population or the key of the projection that needs the most
    /// (the part a user would shrink), with the total and that part.
    /// </summary>
    internal void ReportMemory(YamlMappingNode top, double bytes, long limit, IEnumerable<(bool Population, string Name, double Bytes)> parts)
    {
        var largest = parts.MaxBy(p => p.Bytes);
        var (node, path) = largest.Population
            ? (top["populations"] is YamlMappingNode populations && populations[largest.Name] is YamlMappingNode population && population["size"] is { } size ? size : top, $"populations.{largest.Name}.size")
            : (ProjectionKey(top, largest.Name), "projections." + largest.Name);
        _r.Error(node, path, SchemaReader.Inv($"the network needs about {bytes / 1048576.0:F0} MiB ({largest.Bytes / 1048576.0:F0} MiB of it here), more than the limit of {limit / 1048576.0:F0} MiB"),
            "use smaller populations or sparser projections, or raise the limit with NEUROTAG_MEMORY_LIMIT_MB");
    }

    /// <summary>The key of projection <paramref name="name"/> (where size errors about it point), or the top mapping.</summary>
    internal static YamlNodeBase ProjectionKey(YamlMappingNode top, string name) =>
        top["projections"] is YamlMappingNode projections && projections.Entries.FirstOrDefault(e => e.Key.Value == name).Key is { } key ? key : top;
}
