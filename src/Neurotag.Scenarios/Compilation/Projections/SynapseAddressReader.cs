using Neurotag.Core.Specs;
using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation.Projections;

/// <summary>
/// <c>projections.P.synapses</c>: named synapses, <c>NAME: { pre: I, post: J [, weight: W] }</c> (indices within
/// <c>from</c> and <c>to</c>) or <c>NAME: { pick: random [, weight: W] }</c> (one existing synapse drawn from the seed).
/// Whether a synapse given by its ends exists in randomly drawn connectivity is known only when the network is built
/// (then the error carries this position); all_to_all and one_to_one are checked here.
/// </summary>
internal sealed class SynapseAddressReader(CompileContext ctx, Definitions defs)
{
    private readonly SchemaReader _r = ctx.Reader;
    private readonly CompileContext _ctx = ctx;
    private readonly Definitions _defs = defs;

    internal static readonly Dictionary<string, bool> Picks = new(StringComparer.Ordinal) { ["random"] = true };

    /// <summary>Reads the named synapses of projection <paramref name="projection"/>; null after an error.</summary>
    internal List<SynapseAddressSpec>? Read(YamlNodeBase node, string path, string projection, string from, string to, ConnectivitySpec connectivity, WeightSpec weight)
    {
        if (!_ctx.IsSpiking)
        {
            _r.Error(node, path, "named synapses are available in spiking networks", "remove 'synapses:' (rate projections are dense: record tag strengths instead)");
            return null;
        }

        var map = _r.Mapping(node, path, "{ chosen: { pick: random, weight: 0 } }");
        if (map is null)
        {
            return null;
        }

        var list = new List<SynapseAddressSpec>();
        bool ok = true;
        foreach (var (key, value) in map.Entries)
        {
            string p = path + "." + key.Value;
            string? name = _r.Identifier(key, p, "synapse name");
            var s = _r.Mapping(value, p, "{ pre: 3, post: 17 } or { pick: random }");
            if (name is null || s is null)
            {
                ok = false;
                continue;
            }

            _r.CheckKeys(s, p, ScenarioKeys.NamedSynapse);
            if (_defs.NamedSynapses.ContainsKey(name))
            {
                _r.Error(key, p, $"a synapse named '{name}' is already defined", "synapse names are unique across the scenario");
                ok = false;
                continue;
            }

            if (Read(s, p, name, projection, from, to, connectivity, weight) is { } address)
            {
                list.Add(address);
                _defs.NamedSynapses[name] = address;
            }
            else
            {
                _defs.Rejected.Add(("synapse", name)); // reported; references to it are not reported again
                ok = false;
            }
        }

        return ok ? list : null;
    }

    private SynapseAddressSpec? Read(YamlMappingNode s, string p, string name, string projection, string from, string to, ConnectivitySpec connectivity, WeightSpec weight)
    {
        string source = SchemaReader.Inv($"{_r.File}:{s.Start.Line}:{s.Start.Column}");
        bool pick = s["pick"] is not null;
        if (pick == (s["pre"] is not null || s["post"] is not null) || (!pick && (s["pre"] is null || s["post"] is null)))
        {
            _r.Error(s, p, "expected either 'pre:' and 'post:' (neuron indices) or 'pick: random'", "for example { pre: 3, post: 17 } or { pick: random }");
            return null;
        }

        int? pre = null, post = null;
        if (pick)
        {
            if (_r.Choice(s["pick"], p + ".pick", Picks, "pick") is null)
            {
                return null;
            }
        }
        else
        {
            pre = Index(s["pre"]!, p + ".pre", from, "from");
            post = Index(s["post"]!, p + ".post", to, "to");
            if (pre is null || post is null)
            {
                return null;
            }

            // Tag members are drawn when the network is built: a self-synapse between tags is found missing then.
            bool self = from == to && !_defs.Tags.ContainsKey(from) && pre == post;
            if ((self && !connectivity.AllowSelf) || (connectivity.Rule == ConnectivityRule.OneToOne && pre != post))
            {
                _r.Error(s, p, SchemaReader.Inv($"projection '{projection}' has no synapse from pre {pre} to post {post}"),
                    self ? "self-connections are excluded (connectivity 'self: true' allows them)" : "one_to_one connects pre k to post k only");
                return null;
            }
        }

        double? initial = null;
        if (s["weight"] is { } w)
        {
            initial = _defs.SynapticReaderFor(_defs.PopulationOf(to)) is { } read ? read(w, p + ".weight", weight.Min) : null;
            if (initial is null)
            {
                return null;
            }

            if (initial > weight.Max)
            {
                _r.Error(w, p + ".weight", SchemaReader.Inv($"initial weight {initial} is above the projection's max {weight.Max}"), "give a weight within [min, max] of the projection's weight");
                return null;
            }
        }

        return new SynapseAddressSpec(name, projection, pre, post, initial, source);
    }

    private int? Index(YamlNodeBase node, string path, string end, string key)
    {
        int size = _defs.SizeOf(end);
        long? index = _r.Integer(node, path, 0, long.MaxValue, "3");
        if (index is null)
        {
            return null;
        }

        if (index >= size)
        {
            _r.Error(node, path, SchemaReader.Inv($"index {index} is out of range: '{key}: {end}' has {size} neurons"), SchemaReader.Inv($"use 0 ≤ index < {size}"));
            return null;
        }

        return (int)index.Value;
    }
}
