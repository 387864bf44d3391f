using Neurotag.Core.Specs;
using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation.Rules;

/// <summary>
/// The compiler's side of one plasticity rule: its name, the network kind it learns on (checked once, in
/// <see cref="PlasticityReader"/>), its own parameter block (named like the rule, e.g. <c>bcm:</c>; its keys are also
/// the JSON Schema's) and which of the shared blocks it takes. The keys every rule shares (rate, decay, modulated_by,
/// modulation_gain) are read by <see cref="PlasticityReader"/>. A new rule is one subclass and one line in
/// <see cref="PlasticityRules"/>.
/// </summary>
internal abstract class PlasticityRuleReader
{
    /// <summary>The value of <c>plasticity.rule</c>.</summary>
    public abstract string Name { get; }

    public abstract PlasticityRule Rule { get; }

    /// <summary>The kind of network whose projections it may learn on.</summary>
    public abstract NetworkKind Network { get; }

    /// <summary>The keys of its own block (the key named like the rule), or null when it has none.</summary>
    public virtual KeySet? Block => null;

    /// <summary>The JSON Schema's one line on its block.</summary>
    public virtual string BlockDescription => "";

    /// <summary>Its block as a hint writes it.</summary>
    public virtual string BlockExample => "{ }";

    /// <summary>Whether its block must be given (rather than defaulted).</summary>
    public virtual bool BlockRequired => false;

    /// <summary>What <c>rate:</c> is when absent; null when it is required.</summary>
    public virtual double? DefaultRate => null;

    /// <summary>Whether it implements <c>eligibility:</c> (a per-synapse trace converted by the modulator).</summary>
    public virtual bool TakesEligibility => false;

    /// <summary>Whether it implements <c>consolidation:</c> (synaptic tagging and capture).</summary>
    public virtual bool TakesConsolidation => false;

    /// <summary>A projection's <c>plasticity:</c> with this rule, for hints.</summary>
    public abstract string Example { get; }

    /// <summary>
    /// Reports at <paramref name="ruleNode"/> that this rule does not learn on the scenario's kind of network. Returns
    /// whether the rest of the <c>plasticity:</c> block is still checked against this rule (true) or against no rule,
    /// so that its own required block and rate are not asked for as well (false).
    /// </summary>
    public abstract bool RefuseNetwork(SchemaReader r, YamlScalarNode ruleNode, string path);

    /// <summary>
    /// Checks <c>rate:</c> against the rest of <paramref name="map"/> (e.g. a rate that nothing would use); returns
    /// false after reporting an error.
    /// </summary>
    public virtual bool CheckRate(SchemaReader r, YamlMappingNode map, string path) => true;

    /// <summary>
    /// Reads its own block (keys checked here against <see cref="Block"/>); <paramref name="apply"/> sets what it read
    /// on the spec. Returns false when the block is invalid.
    /// </summary>
    public virtual bool ReadBlock(CompileContext ctx, YamlNodeBase node, string path, out Func<PlasticitySpec, PlasticitySpec> apply)
    {
        apply = spec => spec;
        return true;
    }

    /// <summary>
    /// <see cref="ReadBlock(CompileContext, YamlNodeBase, string, out Func{PlasticitySpec, PlasticitySpec})"/> for a block
    /// that holds synaptic quantities (e.g. a learning rate in nS): <paramref name="levelTarget"/> is the projection's
    /// target as its weight levels read it (see SpikingWeightReader.WeightLevel), null on rate projections.
    /// </summary>
    public virtual bool ReadBlock(CompileContext ctx, Definitions defs, YamlNodeBase node, string path, string? levelTarget, out Func<PlasticitySpec, PlasticitySpec> apply) =>
        ReadBlock(ctx, node, path, out apply);
}
