using Neurotag.Core.Specs;
using Neurotag.Scenarios.Units;
using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation.Competition;

/// <summary>
/// <c>competition.scaling: { target, tau, form }</c>: synaptic scaling toward a target rate,
/// <c>dw/dt = … + (F_T − F_post)·w²/τ_SS</c> (Tetzlaff et al. 2011, 2013, 2015) or <c>·w/τ_SS</c> (van Rossum, Bi &amp;
/// Turrigiano 2000), added to the projection's rule (docs/models.md). Rate core only.
/// </summary>
internal sealed class ScalingReader : CompetitionBlockMechanism
{
    internal static readonly Dictionary<string, ScalingForm> Forms = new(StringComparer.Ordinal)
    {
        ["quadratic"] = ScalingForm.Quadratic,
        ["multiplicative"] = ScalingForm.Multiplicative,
    };

    public override string Key => "scaling";

    public override KeySet Keys { get; } = new("scaling", "Synaptic scaling toward a target rate.",
        KeyShapes.Must("target", ValueShape.Number, "F_T, the target rate of the postsynaptic neuron (rate units)"),
        KeyShapes.Must("tau", ValueShape.Quantity, "τ_SS, the scaling time constant"),
        KeyShapes.Key("form", ValueShape.Choice(Forms.Keys), "quadratic (w², Tetzlaff et al.; default) or multiplicative (w, van Rossum et al. 2000)"));

    public override string Description => "synaptic scaling";

    /// <summary>Not implemented by the sparse weights (spiking rates are spike counts, not a state the rule can read each step); reported at its key.</summary>
    public override bool SpikingSupports(SchemaReader r, YamlScalarNode key, YamlNodeBase value, string path)
    {
        r.Error(key, path, "synaptic scaling is not available on spiking projections (it is defined on rate units)", SpikingHint + " (use normalize per post for a conserved input budget)");
        return false;
    }

    public override bool Read(CompileContext ctx, Definitions defs, YamlNodeBase node, string path, string? levelTarget, out Func<CompetitionParts, CompetitionParts> apply)
    {
        var r = ctx.Reader;
        apply = parts => parts;
        var map = r.Mapping(node, path, "{ target: 0.1, tau: 100 s }");
        if (map is null)
        {
            return false;
        }

        r.CheckKeys(map, path, Keys);
        double? target = r.Number(r.Required(map, "target", path, "0.1"), path + ".target", example: "0.1");
        double? tau = r.Quantity(r.Required(map, "tau", path, "100 s"), path + ".tau", Dimension.Time, 0, minExclusive: true);
        ScalingForm? form = map["form"] is { } formNode ? r.Choice(formNode, path + ".form", Forms, "scaling form") : ScalingForm.Quadratic;
        if (target is null || tau is null || form is null)
        {
            return false;
        }

        var spec = new ScalingSpec(form.Value, target.Value, tau.Value);
        apply = parts => parts with { Scaling = spec };
        return true;
    }
}
