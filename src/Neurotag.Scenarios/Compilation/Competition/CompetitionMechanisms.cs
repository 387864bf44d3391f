using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation.Competition;

/// <summary>
/// The competition mechanisms a scenario may turn on, in the order hints and the JSON Schema list them: the one table
/// from their key to their reader. A new mechanism is one line here.
/// </summary>
internal static class CompetitionMechanisms
{
    public static NormalizeReader Normalize { get; } = new();

    public static HeterosynapticReader Heterosynaptic { get; } = new();

    public static PruningReader Pruning { get; } = new();

    public static ScalingReader Scaling { get; } = new();

    public static KwtaReader Kwta { get; } = new();

    public static IReadOnlyList<CompetitionMechanism> All { get; } = [Normalize, Heterosynaptic, Scaling, Pruning, Kwta];

    /// <summary>The mechanisms of a projection's <c>competition:</c> block.</summary>
    public static IEnumerable<CompetitionBlockMechanism> InBlock => All.OfType<CompetitionBlockMechanism>();

    /// <summary>
    /// The one place mechanisms are fenced to a kind of network: on a spiking projection, each mechanism it turns on
    /// reports what the spiking core lacks of it (<see cref="CompetitionMechanism.SpikingSupports"/>). Checked once the
    /// projection is otherwise valid, so these come after its other errors are fixed. Returns false when any was found.
    /// </summary>
    public static bool Supported(CompileContext ctx, YamlMappingNode projection, string path)
    {
        if (ctx.Kind == NetworkKind.Rate)
        {
            return true; // the rate core implements every mechanism in full
        }

        bool ok = true;
        foreach (var mechanism in All)
        {
            if (mechanism.On(projection) is var (key, value, under))
            {
                ok &= mechanism.SpikingSupports(ctx.Reader, key, value, path + "." + under);
            }
        }

        return ok;
    }
}
