namespace Neurotag.Core.Specs;

/// <summary>
/// A neurotag (Moseley &amp; Butler 2015): a named set of neurons of one population. Tags may share neurons.
/// Membership is either an explicit inclusive index range or a size with optional shares of other tags.
/// </summary>
/// <param name="Name">Identifier.</param>
/// <param name="Population">The population the members belong to.</param>
/// <param name="Size">Number of members.</param>
/// <param name="Range">Explicit inclusive index range, or null to draw members from the seed.</param>
/// <param name="Shares">For each other tag, the fraction of this tag's members that are also that tag's members.</param>
public sealed record TagSpec(string Name, string Population, int Size, IndexRange? Range, IReadOnlyList<TagShare> Shares)
{
    /// <summary>
    /// The family this tag is a member of (<c>memory</c> for <c>memory.3</c>), or null. Family members are drawn
    /// independently of each other and of every other tag: uniformly from the whole population, so they overlap by
    /// chance, as random stored patterns do.
    /// </summary>
    public string? Family { get; init; }

    /// <summary>
    /// Imprecision of the tag's drive, in [0, 1]: round(Imprecision·Size) non-member neurons nearest to the members
    /// (index distance on a ring, ties drawn from the seed) receive every input that targets the tag.
    /// </summary>
    public double Imprecision { get; init; }
}
