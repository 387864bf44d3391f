using Neurotag.Core.Specs;
using Neurotag.Core.Tags;

namespace Neurotag.Core.Rate;

/// <summary>A neurotag's members: sorted global indices into its population.</summary>
/// <param name="Name">Tag name.</param>
/// <param name="Population">The population.</param>
/// <param name="Members">Sorted, distinct neuron indices.</param>
public sealed record RateTag(string Name, RatePopulation Population, int[] Members)
{
    /// <summary>The family this tag belongs to (<c>memory</c> for <c>memory.3</c>), or null.</summary>
    public string? Family { get; init; }

    /// <summary>Non-members that receive the tag's drive through imprecision (sorted; empty without imprecision).</summary>
    public int[] Spill { get; init; } = [];

    /// <summary>Returns every tag's members, in the order of <paramref name="tags"/>.</summary>
    /// <exception cref="InvalidOperationException">When shares are cyclic or there are too few free neurons (the validator rules both out).</exception>
    internal static IReadOnlyList<RateTag> Draw(IReadOnlyList<TagSpec> tags, IReadOnlyDictionary<string, RatePopulation> populations, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(tags);
        ArgumentNullException.ThrowIfNull(populations);
        var placed = TagMembership.DrawMembers(tags, populations.Values.ToDictionary(p => p.Name, p => p.Size, StringComparer.Ordinal), seed);
        return tags.Select(t => new RateTag(t.Name, populations[t.Population], placed[t.Name]) { Family = t.Family }).ToList();
    }
}
