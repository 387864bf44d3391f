using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation.Competition;

/// <summary>
/// The compiler's side of one competition mechanism (docs/scenario-reference.md, "Competition for shared neurons"):
/// the key that turns it on, its keys (also the JSON Schema's), and what of it the spiking core does not implement.
/// A new mechanism is one subclass and one line in <see cref="CompetitionMechanisms"/>.
/// </summary>
internal abstract class CompetitionMechanism
{
    /// <summary>Its key: in a projection's <c>competition:</c> block, on the projection (<c>pruning</c>) or on a population (<c>kwta</c>).</summary>
    public abstract string Key { get; }

    /// <summary>The entry of a projection that turns it on, and its path under the projection's; null when it has none.</summary>
    public virtual (YamlScalarNode Key, YamlNodeBase Value, string Path)? On(YamlMappingNode projection) => null;

    /// <summary>
    /// Reports at their nodes the parts of <paramref name="value"/> that the spiking core's sparse weights
    /// (SparseCompetition) do not implement, rather than ignoring them silently. Returns false when any was found.
    /// The rate core implements every mechanism in full.
    /// </summary>
    public virtual bool SpikingSupports(SchemaReader r, YamlScalarNode key, YamlNodeBase value, string path) => true;

    /// <summary>The hint of every refusal on spiking projections.</summary>
    protected const string SpikingHint = "the spiking core implements 'normalize: { per: post }' and pruning without regrowth";
}
