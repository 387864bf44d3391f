using Neurotag.Core.Specs;
using Neurotag.Scenarios.Units;
using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation.Protocol;

/// <summary>The phase actions <c>sensitize:</c> and <c>disinhibit:</c> (docs/models.md "Memory mechanisms").</summary>
internal sealed class PhaseActionsReader(CompileContext ctx, Definitions defs)
{
    private readonly SchemaReader _r = ctx.Reader;
    private readonly Definitions _defs = defs;

    /// <summary><c>sensitize: { population, threshold, gain }</c> or a list of them.</summary>
    internal List<Sensitization>? ReadSensitize(YamlNodeBase? node, string path)
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
            if (pop is not null && !_defs.Populations.ContainsKey(pop))
            {
                _defs.UnknownName(popNode!, ip + ".population", pop, "population", _defs.Populations.Keys);
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
    internal List<Disinhibition>? ReadDisinhibit(YamlNodeBase? node, string path)
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
            if (proj is not null && !_defs.Projections.ContainsKey(proj))
            {
                _defs.UnknownName(projNode!, ip + ".projection", proj, "projection", _defs.Projections.Keys);
                proj = null;
            }
            else if (proj is not null && !_defs.Projections[proj].Inhibitory)
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
    internal static IEnumerable<(YamlNodeBase Item, string Path)> Items(YamlNodeBase node, string path) =>
        node is YamlSequenceNode seq
            ? seq.Items.Select((item, i) => (item, SchemaReader.Inv($"{path}[{i}]")))
            : [(node, path)];
}
