using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation.Competition;

/// <summary>A projection's <c>competition:</c>: each mechanism of the block (<see cref="CompetitionMechanisms.InBlock"/>) that it names.</summary>
internal sealed class CompetitionReader(CompileContext ctx, Definitions defs)
{
    private readonly SchemaReader _r = ctx.Reader;
    private readonly CompileContext _ctx = ctx;
    private readonly Definitions _defs = defs;

    /// <summary>
    /// A projection's <c>competition:</c>; <paramref name="levelTarget"/> is the target population of a spiking
    /// projection (see <see cref="Projections.SpikingWeightReader.WeightLevel"/>), null on rate projections.
    /// </summary>
    internal CompetitionParts? ReadCompetition(YamlNodeBase node, string path, string? levelTarget)
    {
        const string Example = "{ normalize: { per: post, total: 1.0, every: 10 ms } } or { heterosynaptic: { rate: 1.0 } }";
        var map = _r.Mapping(node, path, Example);
        if (map is null)
        {
            return null;
        }

        _r.CheckKeys(map, path, ScenarioKeys.Competition);
        if (CompetitionMechanisms.InBlock.All(m => map[m.Key] is null))
        {
            _r.Error(map, path, $"competition needs {string.Join(" and/or ", CompetitionMechanisms.InBlock.Select(m => $"'{m.Key}:'"))}", "for example " + Example);
            return null;
        }

        var parts = new CompetitionParts(null, null);
        bool valid = true;
        foreach (var mechanism in CompetitionMechanisms.InBlock)
        {
            if (map[mechanism.Key] is { } block)
            {
                valid &= mechanism.Read(_ctx, _defs, block, path + "." + mechanism.Key, levelTarget, out var apply);
                parts = apply(parts);
            }
        }

        return valid ? parts : null;
    }
}
