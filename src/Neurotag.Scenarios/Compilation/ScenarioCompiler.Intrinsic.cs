using Neurotag.Core.Specs;
using Neurotag.Scenarios.Units;
using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation;

/// <summary>
/// Intrinsic plasticity and imprecision keys (docs/models.md "Memory mechanisms"): the neuron's
/// <c>homeostasis:</c>, a tag's <c>imprecision:</c>, and the phase actions <c>sensitize:</c> and <c>disinhibit:</c>.
/// </summary>
internal sealed partial class ScenarioCompiler
{
    /// <summary><c>homeostasis: { target, tau }</c> on a rate neuron; (false, null) when invalid, (true, null) when absent.</summary>
    private (bool Valid, HomeostasisSpec? Spec) ReadHomeostasis(YamlMappingNode neuron, string path)
    {
        if (neuron["homeostasis"] is not { } node)
        {
            return (true, null);
        }

        string hp = path + ".homeostasis";
        if (_r.Mapping(node, hp, "{ target: 0.1, tau: 1 h }") is not { } map)
        {
            return (false, null);
        }

        _r.CheckKeys(map, hp, ScenarioKeys.Homeostasis);
        double? target = _r.Number(_r.Required(map, "target", hp, "0.1"), hp + ".target", example: "0.1");
        double? tau = _r.Quantity(_r.Required(map, "tau", hp, "1 h"), hp + ".tau", Dimension.Time, 0, minExclusive: true);
        return target is null || tau is null ? (false, null) : (true, new HomeostasisSpec(target.Value, tau.Value));
    }

    /// <summary><c>imprecision: f</c> on a tag, f in [0, 1], with enough non-members for round(f·size) spill neurons.</summary>
    private double? ReadImprecision(YamlMappingNode tag, string path, int size, int populationSize)
    {
        if (tag["imprecision"] is not { } node)
        {
            return 0.0;
        }

        double? f = _r.Number(node, path + ".imprecision", 0, 1, example: "0.1");
        if (f is { } v && Math.Round(v * size, MidpointRounding.AwayFromZero) > populationSize - size)
        {
            _r.Error(node, path + ".imprecision", SchemaReader.Inv($"imprecision {v} spills onto {Math.Round(v * size, MidpointRounding.AwayFromZero)} non-members, but only {populationSize - size} neurons are outside the tag"), "lower the imprecision or enlarge the population");
            return null;
        }

        return f;
    }

    /// <summary><c>sensitize: { population, threshold, gain }</c> or a list of them.</summary>
    private List<Sensitization>? ReadSensitize(YamlNodeBase? node, string path)
    {
        if (node is null)
        {
            return [];
        }

        var result = new List<Sensitization>();
        bool ok = true;
        foreach (var (item, ip) in Items(node, path))
        {
            if (_r.Mapping(item, ip, "{ population: painarea, threshold: -0.2, gain: 1.5 }") is not { } map)
            {
                ok = false;
                continue;
            }

            _r.CheckKeys(map, ip, ScenarioKeys.Sensitize);
            var popNode = _r.Required(map, "population", ip, "painarea");
            string? pop = _r.Identifier(popNode, ip + ".population", "population name");
            if (pop is not null && !_populations.ContainsKey(pop))
            {
                UnknownName(popNode!, ip + ".population", pop, "population", _populations.Keys);
                pop = null;
            }

            double? shift = map["threshold"] is { } t ? _r.Number(t, ip + ".threshold", example: "-0.2") : 0.0;
            double? gain = map["gain"] is { } g ? _r.Number(g, ip + ".gain", 0, minExclusive: true, example: "1.5") : 1.0;
            if (map["threshold"] is null && map["gain"] is null)
            {
                _r.Error(map, ip, "'sensitize:' changes nothing without 'threshold:' (a shift) or 'gain:' (a factor)", "add e.g. 'threshold: -0.2' and/or 'gain: 1.5'");
                ok = false;
            }

            if (pop is null || shift is null || gain is null)
            {
                ok = false;
                continue;
            }

            result.Add(new Sensitization(pop, shift.Value, gain.Value));
        }

        return ok ? result : null;
    }

    /// <summary><c>disinhibit: { projection, factor }</c> or a list of them; the projection must be inhibitory.</summary>
    private List<Disinhibition>? ReadDisinhibit(YamlNodeBase? node, string path)
    {
        if (node is null)
        {
            return [];
        }

        var result = new List<Disinhibition>();
        bool ok = true;
        foreach (var (item, ip) in Items(node, path))
        {
            if (_r.Mapping(item, ip, "{ projection: lateral-inhibition, factor: 0.5 }") is not { } map)
            {
                ok = false;
                continue;
            }

            _r.CheckKeys(map, ip, ScenarioKeys.Disinhibit);
            var projNode = _r.Required(map, "projection", ip, "lateral-inhibition");
            string? proj = _r.Identifier(projNode, ip + ".projection", "projection name");
            if (proj is not null && !_projections.ContainsKey(proj))
            {
                UnknownName(projNode!, ip + ".projection", proj, "projection", _projections.Keys);
                proj = null;
            }
            else if (proj is not null && !_projections[proj].Inhibitory)
            {
                _r.Error(projNode!, ip + ".projection", $"projection '{proj}' is excitatory: only inhibitory projections can be disinhibited", "name a projection with 'sign: inhibitory'");
                proj = null;
            }

            double? factor = _r.Number(_r.Required(map, "factor", ip, "0.5"), ip + ".factor", 0, example: "0.5");
            if (proj is null || factor is null)
            {
                ok = false;
                continue;
            }

            result.Add(new Disinhibition(proj, factor.Value));
        }

        return ok ? result : null;
    }

    /// <summary>A mapping as a one-item list, or the items of a sequence, with their key paths.</summary>
    private static IEnumerable<(YamlNodeBase Item, string Path)> Items(YamlNodeBase node, string path) =>
        node is YamlSequenceNode seq
            ? seq.Items.Select((item, i) => (item, SchemaReader.Inv($"{path}[{i}]")))
            : [(node, path)];
}
