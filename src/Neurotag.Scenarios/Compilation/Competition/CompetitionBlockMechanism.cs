using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation.Competition;

/// <summary>A mechanism of a projection's <c>competition:</c> block: a mapping of its own, read by <see cref="CompetitionReader"/>.</summary>
internal abstract class CompetitionBlockMechanism : CompetitionMechanism
{
    /// <summary>The keys of its mapping.</summary>
    public abstract KeySet Keys { get; }

    /// <summary>The JSON Schema's one line on it.</summary>
    public abstract string Description { get; }

    public override (YamlScalarNode Key, YamlNodeBase Value, string Path)? On(YamlMappingNode projection) =>
        projection["competition"] is YamlMappingNode competition && competition.Entries.FirstOrDefault(e => e.Key.Value == Key) is { Key: { } key } entry
            ? (key, entry.Value, "competition." + Key)
            : null;

    /// <summary>
    /// Reads its mapping; <paramref name="levelTarget"/> is the target population of a spiking projection (see
    /// <see cref="Projections.SpikingWeightReader.WeightLevel"/>), null on rate projections. <paramref name="apply"/>
    /// sets what it read. Returns false when it is invalid.
    /// </summary>
    public abstract bool Read(CompileContext ctx, Definitions defs, YamlNodeBase node, string path, string? levelTarget, out Func<CompetitionParts, CompetitionParts> apply);
}
