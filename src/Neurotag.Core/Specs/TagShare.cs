namespace Neurotag.Core.Specs;

/// <summary>This tag takes <see cref="Count"/> of its members from <see cref="Tag"/>'s members.</summary>
public sealed record TagShare(string Tag, int Count);
