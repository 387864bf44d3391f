using Neurotag.Core.Specs;
using Neurotag.Scenarios.Compilation.Competition;
using Neurotag.Scenarios.Compilation.Rules;
using Neurotag.Scenarios.Units;
using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation.Projections;

/// <summary>The <c>projections:</c> section: endpoints, connectivity, weights, delays, plasticity, competition and pruning.</summary>
internal sealed class ProjectionsReader(CompileContext ctx, Definitions defs)
{
    private readonly SchemaReader _r = ctx.Reader;
    private readonly CompileContext _ctx = ctx;
    private readonly Definitions _defs = defs;
    private readonly CompetitionReader _competitionReader = new(ctx, defs);
    private readonly ConnectivityReader _connectivityReader = new(ctx, defs);
    private readonly PlasticityReader _plasticityReader = new(ctx, defs);
    private readonly ProjectionWeights _weights = ProjectionWeights.For(ctx, defs);
    private readonly SynapseAddressReader _synapses = new(ctx, defs);

    internal static readonly Dictionary<string, ConnectivityRule> Rules = new(StringComparer.Ordinal)
    {
        ["all_to_all"] = ConnectivityRule.AllToAll,
        ["one_to_one"] = ConnectivityRule.OneToOne,
        ["fixed_probability"] = ConnectivityRule.FixedProbability,
        ["fixed_indegree"] = ConnectivityRule.FixedIndegree,
    };

    internal static readonly Dictionary<string, bool> Signs = new(StringComparer.Ordinal) { ["excitatory"] = false, ["inhibitory"] = true };

    public void Read(YamlNodeBase? node)
    {
        var map = _r.Mapping(node, "projections", "{ recurrent: { from: cortex, to: cortex, … } }");
        if (map is null)
        {
            return;
        }

        foreach (var (key, value) in map.Entries)
        {
            string path = "projections." + key.Value;
            string? name = _r.Identifier(key, path, "projection name");
            var p = _r.Mapping(value, path, "{ from: cortex, to: cortex, connectivity: { rule: all_to_all }, weight: { init: 0.01 } }");
            if (name is null || p is null)
            {
                continue;
            }

            _r.CheckKeys(p, path, ScenarioKeys.Projection);
            string? from = Endpoint(_r.Required(p, "from", path, "cortex"), path + ".from");
            string? to = Endpoint(_r.Required(p, "to", path, "cortex"), path + ".to");
            bool? inhibitory = p["sign"] is { } s ? _r.Choice(s, path + ".sign", Signs, "sign") : false;
            // A missing or rejected endpoint does not stop the rest of the projection from being checked; only what
            // needs its size or its neuron (fixed_indegree's bound, one_to_one, spiking weight units) waits for it.
            // Sizes and neurons are looked up by the names as written: a rejected population still has a known neuron.
            string? fromWritten = (p["from"] as YamlScalarNode)?.Value, toWritten = (p["to"] as YamlScalarNode)?.Value;
            var connectivity = _connectivityReader.ReadConnectivity(p["connectivity"], path + ".connectivity", fromWritten, toWritten);
            var weight = _weights.ReadWeight(p, path, toWritten);

            // On rate projections a delay is refused here; the error is at the delay's node, so where in the
            // projection it is reported does not change the (position-sorted) output.
            var delays = _weights.ReadDelay(p, path);
            // Spiking weight levels (normalize.total, pruning.below, istdp.eta) may carry the weights' unit.
            string? levelTarget = _weights.LevelTarget(toWritten);
            var plasticity = p["plasticity"] is { } pl ? _plasticityReader.ReadPlasticity(pl, path + ".plasticity", levelTarget) : null;
            if (plasticity is { Rule: PlasticityRule.Istdp } && inhibitory is false)
            {
                // Vogels et al.'s rule raises a weight when pre and post fire together: on an excitatory synapse that
                // feeds back positively and the target rate is no fixed point.
                var ruleNode = ((YamlMappingNode)p["plasticity"]!)["rule"]!;
                _r.Error(ruleNode, path + ".plasticity.rule", "rule 'istdp' (Vogels et al. 2011) is inhibitory plasticity: it needs an inhibitory projection", "add 'sign: inhibitory' to the projection, or use 'rule: stdp'");
                plasticity = null;
            }

            if (weight is { IsSigned: true } && inhibitory is true)
            {
                _r.Error(p["sign"]!, path + ".sign", "a signed projection carries both signs in its weights; 'sign: inhibitory' would flip them all", "remove 'sign:' or 'signed: true'");
                inhibitory = null;
            }

            if (weight is { IsSigned: true } && plasticity is { } rule && rule.Rule is not (PlasticityRule.Hebbian or PlasticityRule.Covariance or PlasticityRule.Oja))
            {
                // BCM's weights grow only through a positive y·(y − θ) term on rates ≥ 0, and its stability analysis assumes w ≥ 0.
                _r.Error(((YamlMappingNode)p["plasticity"]!)["rule"]!, path + ".plasticity.rule", $"rule '{rule.Rule.ToString().ToLowerInvariant()}' is defined for sign-constrained weights", "use hebbian, oja or covariance on a signed projection, or remove 'signed: true'");
                plasticity = null;
            }

            var storage = p["storage"] is { } st ? StorageReader.Read(_ctx, _defs, st, path + ".storage", weight, p["weight"]!) : null;
            if (weight is not null && p["weight"] is YamlMappingNode weightMap && weightMap["file"] is { } fileNode)
            {
                weight = ReadWeightFile(fileNode, path + ".weight.file", weight, fromWritten, toWritten);
            }

            var competition = p["competition"] is { } c ? _competitionReader.ReadCompetition(c, path + ".competition", levelTarget) : null;
            var pruning = p["pruning"] is { } pr ? CompetitionMechanisms.Pruning.Read(_ctx, _defs, pr, path + ".pruning", weight, levelTarget) : null;
            if (from is null || to is null || connectivity is null || weight is null || inhibitory is null || delays is null
                || (p["plasticity"] is not null && plasticity is null)
                || (p["competition"] is not null && competition is null)
                || (p["pruning"] is not null && pruning is null)
                || (p["storage"] is not null && storage is null))
            {
                continue;
            }

            if (!CompetitionMechanisms.Supported(_ctx, p, path))
            {
                continue;
            }

            if (plasticity is null && (competition is not null || (pruning is not null && storage is null)))
            {
                // Each kind of network refuses the other's rules, so the hint names a rule it can take.
                string example = PlasticityRules.Example(_ctx.Kind);
                _r.Error(p, path, "competition and pruning act on plastic weights, but this projection has no 'plasticity:'", $"add '{example}' or remove them");
                continue;
            }

            var named = p["synapses"] is { } sy ? _synapses.Read(sy, path + ".synapses", name, from, to, connectivity, weight) : [];
            if (named is null)
            {
                continue;
            }

            _defs.Projections[name] = new ProjectionSpec(name, from, _defs.Tags.ContainsKey(from), to, _defs.Tags.ContainsKey(to), connectivity, weight, inhibitory.Value, plasticity, competition?.Normalization, pruning)
            {
                Heterosynaptic = competition?.Heterosynaptic,
                Scaling = competition?.Scaling,
                Storage = storage,
                DelaySteps = delays.Steps,
                SynapseDelaySteps = delays.PerSynapse,
                MaxSynapseDelaySteps = delays.MaxSteps,
                Synapses = named,
            };
        }

        _defs.NoteRejected(map, _defs.Projections, "projection");
        new CompetitionPools(_ctx, _defs).Check(map);

        // The named synapses of a rejected projection are known by name (an event or record naming one is not "unknown").
        foreach (var (key, value) in map.Entries)
        {
            if (!_defs.Projections.ContainsKey(key.Value) && value is YamlMappingNode { } rejected && rejected["synapses"] is YamlMappingNode synapses)
            {
                foreach (var (synapse, _) in synapses.Entries)
                {
                    if (!_defs.NamedSynapses.ContainsKey(synapse.Value))
                    {
                        _defs.Rejected.Add(("synapse", synapse.Value));
                    }
                }
            }
        }
    }

    /// <summary>The weights of <c>weight.file</c> (relative to the scenario's folder), checked against the endpoints' sizes and the bounds; null after reporting.</summary>
    private WeightSpec? ReadWeightFile(YamlNodeBase node, string path, WeightSpec weight, string? from, string? to)
    {
        string? file = _r.Text(node, path);
        if (file is null || _defs.KnownSizeOf(from) is not { } cols || _defs.KnownSizeOf(to) is not { } rows)
        {
            return null;
        }

        string folder = Path.GetDirectoryName(Path.GetFullPath(_r.File)) ?? ".";
        string full = Path.GetFullPath(Path.Combine(folder, file));
        if (!File.Exists(full))
        {
            _r.Error(node, path, $"weight file '{file}' not found (looked for {full})", "the path is relative to the scenario file's folder");
            return null;
        }

        var matrix = WeightFileReader.Read(full, file, path, rows, cols, weight.Min, weight.Max, _r.Errors);
        return matrix is null ? null : weight with { Matrix = matrix };
    }

    /// <summary>A projection endpoint: the name of a valid population or tag; null when it is not one (reported unless it names a rejected definition).</summary>
    private string? Endpoint(YamlNodeBase? node, string path)
    {
        string? name = _r.Identifier(node, path, "population or tag name");
        if (name is not null && !_defs.Populations.ContainsKey(name) && !_defs.Tags.ContainsKey(name))
        {
            _defs.UnknownName(node!, path, name, "population or tag", _defs.Populations.Keys.Concat(_defs.Tags.Keys));
            return null;
        }

        return name;
    }
}
