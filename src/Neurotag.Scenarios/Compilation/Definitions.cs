using Neurotag.Core.Specs;
using Neurotag.Scenarios.Compilation.Protocol;
using Neurotag.Scenarios.Compilation.Synapses;
using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation;

/// <summary>
/// The symbol tables of one compilation: what each section defined, in file order, and what was rejected. Readers
/// of later sections look names up here; a section writes only its own tables. The rules that keep errors from
/// cascading (a rejected definition is still known by name, and what is known of it is kept) live in the lookups.
/// </summary>
internal sealed class Definitions(SchemaReader reader)
{
    private readonly SchemaReader _r = reader;

    public Dictionary<string, PopulationSpec> Populations { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, TagSpec> Tags { get; } = new(StringComparer.Ordinal);

    /// <summary>Rate inputs, with the key where each was defined.</summary>
    public Dictionary<string, (InputSpec Spec, YamlNodeBase Node)> Inputs { get; } = new(StringComparer.Ordinal);

    /// <summary>Poisson inputs of spiking scenarios, with the key where each was defined.</summary>
    public Dictionary<string, (PoissonInputSpec Spec, YamlNodeBase Node)> PoissonInputs { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, (NoiseCurrentInputSpec Spec, YamlNodeBase Node)> NoiseCurrentInputs { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, ModulatorSpec> Modulators { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, ProjectionSpec> Projections { get; } = new(StringComparer.Ordinal);

    /// <summary>Named synapses of spiking projections (<c>projections.P.synapses</c>), unique across the scenario.</summary>
    public Dictionary<string, SynapseAddressSpec> NamedSynapses { get; } = new(StringComparer.Ordinal);

    /// <summary>The <c>pulses:</c> of each modulator, read once the projections (and their named synapses) are known.</summary>
    public Dictionary<string, YamlNodeBase> ModulatorPulseNodes { get; } = new(StringComparer.Ordinal);

    /// <summary>Inputs some phase switches on.</summary>
    public HashSet<string> InputsUsed { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// (kind, name) of definitions that were rejected with an error (kinds: population, tag, input, modulator,
    /// projection, phase, repeat block); references to them are not reported again, and hints still offer them.
    /// </summary>
    public HashSet<(string Kind, string Name)> Rejected { get; } = [];

    /// <summary>The neurons of populations whose neuron was read, including those rejected for another reason (size).</summary>
    public Dictionary<string, NeuronSpec> Neurons { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The synaptic unit of each spiking population, as soon as its model (and a lif's 'synapse:') is read, even when
    /// the neuron is then rejected for another key: a weight onto it is still checked in the right unit.
    /// </summary>
    public Dictionary<string, SynapticUnit> Synapses { get; } = new(StringComparer.Ordinal);

    /// <summary>The population of each rejected tag that names a defined (valid or rejected) population.</summary>
    public Dictionary<string, string> RejectedTagPopulations { get; } = new(StringComparer.Ordinal);

    /// <summary>Populations one of whose tags had an error: their tags' neuron count is not checked.</summary>
    public HashSet<string> PopulationsWithTagErrors { get; } = new(StringComparer.Ordinal);

    /// <summary>Family name → its member tag names, in index order.</summary>
    public Dictionary<string, List<string>> Families { get; } = new(StringComparer.Ordinal);

    /// <summary>Where each phase instance was written, by reference (instances of a repeat block share their template's duration).</summary>
    public Dictionary<PhaseSpec, PhaseSource> PhaseSources { get; } = new(ReferenceEqualityComparer.Instance);

    /// <summary>Whether the unit of synaptic quantities onto <paramref name="population"/> is known.</summary>
    public bool SynapsesKnown(string? population) => population is not null && Synapses.ContainsKey(population);

    /// <summary>
    /// The reader of synaptic quantities onto <paramref name="population"/>; null for a Poisson source, which has no
    /// synapses. The population's synapses must be known (<see cref="SynapsesKnown"/>).
    /// </summary>
    public SynapticReader? SynapticReaderFor(string population) =>
        Synapses[population] is { HasSynapses: true } unit ? (node, path, min) => unit.Read(_r, node, path, min) : null;

    /// <summary>
    /// Reports a reference to <paramref name="name"/>, which is not among the <paramref name="known"/> (valid) names
    /// of <paramref name="what"/> ("population", "tag or population", …): nothing when a definition of that name was
    /// rejected (its error is reported; "no X named" would be false), else an error whose hint offers every defined
    /// name, rejected ones included (a broken definition does not make "no X is defined" true).
    /// </summary>
    public void UnknownName(YamlNodeBase node, string path, string name, string what, IEnumerable<string> known)
    {
        string[] kinds = what.Split(" or ");
        if (kinds.Any(k => IsRejected(k, name)))
        {
            return;
        }

        var list = known.Concat(Rejected.Where(r => kinds.Contains(r.Kind)).Select(r => r.Name)).Distinct(StringComparer.Ordinal).ToList();
        string? near = SchemaReader.Nearest(name, list);
        string hint = near is not null ? $"did you mean '{near}'?" : list.Count == 0 ? $"no {what} is defined: add one to the scenario" : $"known: {string.Join(", ", list)}";
        _r.Error(node, path, $"no {what} named '{name}'", hint);
    }

    /// <summary>Remembers the names of <paramref name="section"/> that were not accepted (each got an error) as rejected <paramref name="kind"/>s.</summary>
    public void NoteRejected<T>(YamlMappingNode section, Dictionary<string, T> accepted, string kind)
    {
        foreach (var (key, _) in section.Entries)
        {
            if (!accepted.ContainsKey(key.Value))
            {
                Rejected.Add((kind, key.Value));
            }
        }
    }

    /// <summary>Whether a definition of <paramref name="name"/> as a <paramref name="kind"/> was rejected with an error.</summary>
    public bool IsRejected(string kind, string name) => Rejected.Contains((kind, name)) && _r.Errors.Count > 0;

    /// <summary>The size of a valid population or tag; null when it is unknown (undefined, or its definition was rejected).</summary>
    public int? KnownSizeOf(string? name) =>
        name is null ? null : Tags.TryGetValue(name, out var t) ? t.Size : Populations.TryGetValue(name, out var p) ? p.Size : null;

    /// <summary>
    /// The population a population or tag name lies in, as far as it is known: also for a rejected tag (its
    /// 'population:') and a rejected population (itself); null when unknown.
    /// </summary>
    public string? KnownPopulationOf(string? name) =>
        name is null ? null
        : Tags.TryGetValue(name, out var t) ? t.Population
        : Populations.ContainsKey(name) || IsRejected("population", name) ? name
        : RejectedTagPopulations.GetValueOrDefault(name);

    /// <summary>The neuron of a population when it was read (even if the population was rejected for its size); null otherwise.</summary>
    public NeuronSpec? NeuronOf(string? population) => population is null ? null : Neurons.GetValueOrDefault(population);

    public int SizeOf(string name) => Tags.TryGetValue(name, out var t) ? t.Size : Populations[name].Size;

    public string PopulationOf(string name) => Tags.TryGetValue(name, out var t) ? t.Population : name;

    /// <summary>
    /// A reference to one tag: an identifier, or <c>FAMILY.K</c> for a family member. With
    /// <paramref name="allowFamily"/>, a family name is accepted too. Reports unknown names; null on error.
    /// </summary>
    public string? TagReference(YamlNodeBase? node, string path, string what, bool allowFamily, bool allowPopulation)
    {
        var scalar = _r.Scalar(node, path, what, "pain");
        if (scalar is null)
        {
            return null;
        }

        string name = scalar.Value;
        if (Tags.ContainsKey(name) || (allowFamily && Families.ContainsKey(name)) || (allowPopulation && Populations.ContainsKey(name)))
        {
            return name;
        }

        if (!name.Contains('.', StringComparison.Ordinal))
        {
            var known = Tags.Keys.Where(t => !t.Contains('.', StringComparison.Ordinal)).Concat(Families.Keys).Concat(allowPopulation ? Populations.Keys : []);
            UnknownName(scalar, path, name, allowPopulation ? "tag or population" : "tag", known);
            return null;
        }

        int dot = name.LastIndexOf('.');
        string family = name[..dot];
        if (IsRejected("tag", family))
        {
            return null; // a member of a family whose definition was rejected (and reported)
        }

        _r.Error(scalar, path, Families.TryGetValue(family, out var members)
            ? $"family '{family}' has members {family}.0 … {family}.{members.Count - 1}; '{name}' is not one of them"
            : $"no tag family named '{family}'", "a family member is FAMILY.K with 0 ≤ K < count");
        return null;
    }

    /// <summary>Tag names with every family name replaced by its members.</summary>
    public IEnumerable<string> ExpandFamilies(IEnumerable<string> names) =>
        names.SelectMany(n => Families.TryGetValue(n, out var members) ? members : [n]);

    public bool InputDefined(string name) => Inputs.ContainsKey(name) || PoissonInputs.ContainsKey(name) || NoiseCurrentInputs.ContainsKey(name);

    public IEnumerable<string> InputNames => Inputs.Keys.Concat(PoissonInputs.Keys).Concat(NoiseCurrentInputs.Keys);

    public PhaseSpec NotePhaseSource(PhaseSpec phase, PhaseSource source)
    {
        PhaseSources[phase] = source;
        return phase;
    }
}
