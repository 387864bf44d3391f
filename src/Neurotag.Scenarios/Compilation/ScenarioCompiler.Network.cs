using Neurotag.Core.Specs;
using Neurotag.Scenarios.Units;
using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation;

/// <summary>Tags, inputs, modulators and projections.</summary>
internal sealed partial class ScenarioCompiler
{
    private void ReadTags(YamlNodeBase? node)
    {
        var map = _r.Mapping(node, "tags", "{ pain: { population: cortex, size: 60 } }");
        if (map is null)
        {
            return;
        }

        var shareNodes = new List<(string Tag, YamlScalarNode Key, YamlNodeBase Value, string Path)>();
        var nodes = new Dictionary<string, YamlMappingNode>(StringComparer.Ordinal);
        foreach (var (key, value) in map.Entries)
        {
            string path = "tags." + key.Value;
            string? name = _r.Identifier(key, path, "tag name");
            var tag = _r.Mapping(value, path, "{ population: cortex, size: 60 }");
            if (name is null || tag is null)
            {
                continue;
            }

            if (_populations.ContainsKey(name) || IsRejected("population", name))
            {
                _r.Error(key, path, $"'{name}' names both a population and a tag", "give the tag a name of its own");
            }

            if (tag["count"] is not null)
            {
                ReadFamily(name, tag, path); // ScenarioCompiler.Families.cs
                continue;
            }

            _r.CheckKeys(tag, path, ScenarioKeys.Tag);
            var popNode = _r.Required(tag, "population", path, "cortex");
            string? popName = _r.Identifier(popNode, path + ".population", "population name");
            if (popName is null)
            {
                continue;
            }

            int errorsBefore = Errors.Count;
            if (!_populations.TryGetValue(popName, out var population))
            {
                UnknownName(popNode!, path + ".population", popName, "population", _populations.Keys);
                if (IsRejected("population", popName))
                {
                    // The population failed for its own reasons: check what the tag says that does not depend on it.
                    _rejectedTagPopulations[name] = popName;
                    CheckTagWithoutPopulation(tag, path);
                }

                continue;
            }

            IndexRange? range = null;
            if (tag["neurons"] is { } neuronsNode)
            {
                range = ReadRange(neuronsNode, path + ".neurons", population.Size);
                if (tag["shares"] is { } sharesNode)
                {
                    _r.Error(sharesNode, path + ".shares", "a tag with explicit 'neurons:' cannot also have 'shares:'", "overlaps of explicit tags follow from their ranges");
                }
            }

            long? size = null;
            if (tag["size"] is { } sizeNode)
            {
                size = _r.Integer(sizeNode, path + ".size", 1, int.MaxValue);
                if (size > population.Size)
                {
                    _r.Error(sizeNode, path + ".size", SchemaReader.Inv($"tag size {size} is larger than population '{popName}' ({population.Size} neurons)"), "make the tag smaller or the population larger");
                    size = null;
                }
                else if (range is { } r && size != r.Count)
                {
                    _r.Error(sizeNode, path + ".size", SchemaReader.Inv($"size {size} disagrees with neurons [{r.First}, {r.Last}] ({r.Count} neurons)"), "drop 'size:' when 'neurons:' is given");
                }
            }
            else if (range is null && tag["neurons"] is null)
            {
                _r.Error(tag, path + ".size", "a tag needs 'size:' or 'neurons:'", "add 'size: 60' or 'neurons: [0, 59]'");
            }

            int? finalSize = range?.Count ?? (int?)size;
            double? imprecision = finalSize is { } fs ? ReadImprecision(tag, path, fs, population.Size) : null;
            if (finalSize is null || imprecision is null)
            {
                _rejectedTagPopulations[name] = popName;
                _populationsWithTagErrors.Add(popName);
                continue;
            }

            if (Errors.Count > errorsBefore)
            {
                _populationsWithTagErrors.Add(popName);
            }

            nodes[name] = tag;
            if (tag["shares"] is { } shares && range is null && _r.Mapping(shares, path + ".shares", "{ pain: 0.25 }") is { } shareMap)
            {
                foreach (var (otherKey, fraction) in shareMap.Entries)
                {
                    shareNodes.Add((name, otherKey, fraction, path + ".shares." + otherKey.Value));
                }
            }

            _tags[name] = new TagSpec(name, popName, finalSize.Value, range, []) { Imprecision = imprecision.Value };
        }

        NoteRejected(map, _tags, "tag");
        _rejected.ExceptWith(_families.Keys.Select(f => ("tag", f)));
        ResolveShares(shareNodes, nodes);
    }

    /// <summary>
    /// The keys of a tag whose population was rejected: what can be checked without the population's size (neuron
    /// indices as a range, a positive size, fractions). Sizes against the population are left to a valid one.
    /// </summary>
    private void CheckTagWithoutPopulation(YamlMappingNode tag, string path)
    {
        if (tag["neurons"] is { } neuronsNode)
        {
            ReadRange(neuronsNode, path + ".neurons", populationSize: null);
        }

        if (tag["size"] is { } sizeNode)
        {
            _r.Integer(sizeNode, path + ".size", 1, int.MaxValue);
        }

        if (tag["imprecision"] is { } imprecision)
        {
            _r.Number(imprecision, path + ".imprecision", 0, 1, example: "0.1");
        }

        if (tag["shares"] is { } shares && _r.Mapping(shares, path + ".shares", "{ pain: 0.25 }") is { } shareMap)
        {
            foreach (var (other, fraction) in shareMap.Entries)
            {
                _r.Number(fraction, path + ".shares." + other.Value, 0, 1, minExclusive: true, example: "0.25");
            }
        }
    }

    private void ResolveShares(List<(string Tag, YamlScalarNode Key, YamlNodeBase Value, string Path)> shareNodes, Dictionary<string, YamlMappingNode> nodes)
    {
        foreach (var group in shareNodes.GroupBy(s => s.Tag))
        {
            var spec = _tags[group.Key];
            var shares = new List<TagShare>();
            int errorsBefore = Errors.Count;
            foreach (var (_, key, value, path) in group)
            {
                if (!_tags.TryGetValue(key.Value, out var other))
                {
                    UnknownName(key, path, key.Value, "tag", _tags.Keys);
                    continue;
                }

                if (other.Family is not null)
                {
                    _r.Error(key, path, $"'{other.Name}' is a member of tag family '{other.Family}'", "family members are drawn independently; share neurons with an ordinary tag");
                    continue;
                }

                if (key.Value == spec.Name)
                {
                    _r.Error(key, path, "a tag cannot share neurons with itself", "");
                    continue;
                }

                if (other.Population != spec.Population)
                {
                    _r.Error(key, path, $"tag '{other.Name}' is in population '{other.Population}', not '{spec.Population}'", "tags can only share neurons within one population");
                    continue;
                }

                if (_r.Number(value, path, 0, 1, minExclusive: true, example: "0.25") is not { } fraction)
                {
                    continue;
                }

                int count = (int)Math.Round(fraction * spec.Size);
                if (count == 0)
                {
                    _r.Error(value, path, SchemaReader.Inv($"{fraction} of {spec.Size} neurons rounds to no neuron"), "use a larger fraction or drop the share");
                }
                else if (count > other.Size)
                {
                    _r.Error(value, path, SchemaReader.Inv($"{count} shared neurons requested but tag '{other.Name}' has only {other.Size}"), "lower the fraction");
                }
                else
                {
                    shares.Add(new TagShare(other.Name, count));
                }
            }

            if (shares.Sum(s => s.Count) > spec.Size)
            {
                _r.Error(nodes[spec.Name]["shares"]!, "tags." + spec.Name + ".shares", "the shared fractions add up to more than the whole tag", "shares are fractions of this tag's members and must sum to at most 1");
            }

            _tags[group.Key] = spec with { Shares = shares };
            if (Errors.Count > errorsBefore)
            {
                _populationsWithTagErrors.Add(spec.Population); // a dropped share changes how many neurons the tags need
            }
        }

        CheckTagPlacement(shareNodes, nodes);
    }

    /// <summary>
    /// Cycles in shares, and whether each population has enough neurons for its tags' exclusive members. Both are
    /// checked on the tags that were read without error; the neuron count of a population is not checked when one of
    /// its tags had an error (its members, or its shares, are then unknown).
    /// </summary>
    private void CheckTagPlacement(List<(string Tag, YamlScalarNode Key, YamlNodeBase Value, string Path)> shareNodes, Dictionary<string, YamlMappingNode> nodes)
    {
        try
        {
            Neurotag.Core.Tags.TagMembership.OrderByShares([.. _tags.Values.Where(t => t.Range is null)]);
        }
        catch (InvalidOperationException e)
        {
            // Report at the first share (in file order) that lies on a cycle: tag A shares B and B reaches A.
            var edges = shareNodes.ToLookup(s => s.Tag, s => s.Key.Value, StringComparer.Ordinal);
            bool Reaches(string from, string target, HashSet<string> seen) =>
                edges[from].Any(next => next == target || (seen.Add(next) && Reaches(next, target, seen)));
            var onCycle = shareNodes.FirstOrDefault(s => Reaches(s.Key.Value, s.Tag, new HashSet<string>(StringComparer.Ordinal)));
            var node = onCycle.Key;
            _r.Errors.Add(new Diagnostic(_r.File, node?.Start.Line ?? 1, node?.Start.Column ?? 1, onCycle.Path ?? "tags", e.Message, "a tag can only share neurons with tags that do not (transitively) share with it"));
            return;
        }

        foreach (var population in _populations.Values.Where(p => !_populationsWithTagErrors.Contains(p.Name) && !_rejectedTagPopulations.ContainsValue(p.Name)))
        {
            var inPop = _tags.Values.Where(t => t.Population == population.Name && t.Family is null).ToList(); // families overlap by design
            var explicitUnion = new HashSet<int>(inPop.Where(t => t.Range is not null).SelectMany(t => Enumerable.Range(t.Range!.Value.First, t.Range.Value.Count)));
            long needed = explicitUnion.Count + inPop.Where(t => t.Range is null).Sum(t => (long)t.Size - t.Shares.Sum(s => s.Count));
            if (needed > population.Size && inPop.Count > 0)
            {
                var last = inPop[^1];
                _r.Error(nodes[last.Name], "tags." + last.Name, SchemaReader.Inv($"the tags of population '{population.Name}' need {needed} distinct neurons but it has {population.Size}"), "tags overlap only where 'shares:' says: enlarge the population, shrink tags, or declare shares");
            }
        }
    }

    /// <summary>An inclusive range of neuron indices; bounded by <paramref name="populationSize"/> when it is known.</summary>
    private IndexRange? ReadRange(YamlNodeBase node, string path, int? populationSize)
    {
        var seq = _r.Sequence(node, path, "[0, 39]");
        if (seq is null)
        {
            return null;
        }

        if (seq.Items.Count != 2)
        {
            _r.Error(seq, path, "expected [first, last], an inclusive index range", "for example 'neurons: [0, 39]'");
            return null;
        }

        long? first = _r.Integer(seq.Items[0], path + "[0]", 0, (populationSize ?? int.MaxValue) - 1L);
        long? last = _r.Integer(seq.Items[1], path + "[1]", 0, (populationSize ?? int.MaxValue) - 1L);
        if (first is null || last is null)
        {
            return null;
        }

        if (last < first)
        {
            _r.Error(seq, path, SchemaReader.Inv($"range [{first}, {last}] is empty"), "write [first, last] with first ≤ last");
            return null;
        }

        return new IndexRange((int)first, (int)last);
    }

    private void ReadModulators(YamlNodeBase? node)
    {
        var map = _r.Mapping(node, "modulators", "{ threat: { baseline: 0.0 } }");
        if (map is null)
        {
            return;
        }

        foreach (var (key, value) in map.Entries)
        {
            string path = "modulators." + key.Value;
            string? name = _r.Identifier(key, path, "modulator name");
            var mod = _r.Mapping(value, path, "{ baseline: 0.0, tau: 200 ms }");
            if (name is null || mod is null)
            {
                continue;
            }

            _r.CheckKeys(mod, path, ScenarioKeys.Modulator);
            double? baseline = mod["baseline"] is { } b ? _r.Number(b, path + ".baseline") : 0.0;
            double? tau = mod["tau"] is { } t ? _r.Quantity(t, path + ".tau", Dimension.Time, 0, minExclusive: true) : null;
            if (baseline is not null && (mod["tau"] is null || tau is not null))
            {
                _modulators[name] = new ModulatorSpec(name, baseline.Value, tau);
            }
        }

        NoteRejected(map, _modulators, "modulator");
    }

    /// <summary>
    /// Reports a reference to <paramref name="name"/>, which is not among the <paramref name="known"/> (valid) names
    /// of <paramref name="what"/> ("population", "tag or population", …): nothing when a definition of that name was
    /// rejected (its error is reported; "no X named" would be false), else an error whose hint offers every defined
    /// name, rejected ones included (a broken definition does not make "no X is defined" true).
    /// </summary>
    private void UnknownName(YamlNodeBase node, string path, string name, string what, IEnumerable<string> known)
    {
        string[] kinds = what.Split(" or ");
        if (kinds.Any(k => IsRejected(k, name)))
        {
            return;
        }

        var list = known.Concat(_rejected.Where(r => kinds.Contains(r.Kind)).Select(r => r.Name)).Distinct(StringComparer.Ordinal).ToList();
        string? near = SchemaReader.Nearest(name, list);
        string hint = near is not null ? $"did you mean '{near}'?" : list.Count == 0 ? $"no {what} is defined: add one to the scenario" : $"known: {string.Join(", ", list)}";
        _r.Error(node, path, $"no {what} named '{name}'", hint);
    }

    /// <summary>Remembers the names of <paramref name="section"/> that were not accepted (each got an error) as rejected <paramref name="kind"/>s.</summary>
    private void NoteRejected<T>(YamlMappingNode section, Dictionary<string, T> accepted, string kind)
    {
        foreach (var (key, _) in section.Entries)
        {
            if (!accepted.ContainsKey(key.Value))
            {
                _rejected.Add((kind, key.Value));
            }
        }
    }

    /// <summary>Whether a definition of <paramref name="name"/> as a <paramref name="kind"/> was rejected with an error.</summary>
    private bool IsRejected(string kind, string name) => _rejected.Contains((kind, name)) && Errors.Count > 0;

    /// <summary>The size of a valid population or tag; null when it is unknown (undefined, or its definition was rejected).</summary>
    private int? KnownSizeOf(string? name) =>
        name is null ? null : _tags.TryGetValue(name, out var t) ? t.Size : _populations.TryGetValue(name, out var p) ? p.Size : null;

    /// <summary>
    /// The population a population or tag name lies in, as far as it is known: also for a rejected tag (its
    /// 'population:') and a rejected population (itself); null when unknown.
    /// </summary>
    private string? KnownPopulationOf(string? name) =>
        name is null ? null
        : _tags.TryGetValue(name, out var t) ? t.Population
        : _populations.ContainsKey(name) || IsRejected("population", name) ? name
        : _rejectedTagPopulations.GetValueOrDefault(name);

    /// <summary>The neuron of a population when it was read (even if the population was rejected for its size); null otherwise.</summary>
    private NeuronSpec? NeuronOf(string? population) => population is null ? null : _neurons.GetValueOrDefault(population);

    private int SizeOf(string name) => _tags.TryGetValue(name, out var t) ? t.Size : _populations[name].Size;

    private string PopulationOf(string name) => _tags.TryGetValue(name, out var t) ? t.Population : name;

    private void CheckMemory(SimulationSpec spec, YamlMappingNode top)
    {
        long limit = _options.MemoryLimitBytes ?? ScenarioLoader.DefaultMemoryLimitBytes();
        foreach (var projection in spec.Projections)
        {
            long slots = Neurotag.Core.MemoryEstimate.SynapseSlots(projection, n => SizeOf(n));
            if (slots > Neurotag.Core.MemoryEstimate.MaxArrayElements)
            {
                _r.Error(ProjectionKey(top, projection.Name), "projections." + projection.Name, SchemaReader.Inv($"{slots:N0} dense synapse slots exceed the largest array .NET allows ({Neurotag.Core.MemoryEstimate.MaxArrayElements:N0})"), "rate projections are dense: use smaller populations");
            }
        }

        long bytes = Neurotag.Core.MemoryEstimate.Bytes(spec, n => SizeOf(n));
        MemoryBytes = bytes;
        if (bytes > limit)
        {
            var parts = spec.Populations.Select(p => (Population: true, p.Name, Bytes: p.Size * 12.0))
                .Concat(spec.Projections.Select(p => (Population: false, p.Name, Bytes: (double)Neurotag.Core.MemoryEstimate.ProjectionBytes(p, n => SizeOf(n)))));
            ReportMemory(top, bytes, limit, parts);
        }
    }

    /// <summary>
    /// The memory limit's error, at the size of the population or the key of the projection that needs the most
    /// (the part a user would shrink), with the total and that part.
    /// </summary>
    private void ReportMemory(YamlMappingNode top, double bytes, long limit, IEnumerable<(bool Population, string Name, double Bytes)> parts)
    {
        var largest = parts.MaxBy(p => p.Bytes);
        var (node, path) = largest.Population
            ? (top["populations"] is YamlMappingNode populations && populations[largest.Name] is YamlMappingNode population && population["size"] is { } size ? size : top, $"populations.{largest.Name}.size")
            : (ProjectionKey(top, largest.Name), "projections." + largest.Name);
        _r.Error(node, path, SchemaReader.Inv($"the network needs about {bytes / 1048576.0:F0} MiB ({largest.Bytes / 1048576.0:F0} MiB of it here), more than the limit of {limit / 1048576.0:F0} MiB"),
            "use smaller populations or sparser projections, or raise the limit with NEUROTAG_MEMORY_LIMIT_MB");
    }
}
