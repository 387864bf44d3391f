using Neurotag.Core.Specs;
using Neurotag.Scenarios.Units;
using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation.Tags;

/// <summary>Shares between tags, share cycles, and whether each population has room for its tags.</summary>
internal sealed class TagSharesReader(CompileContext ctx, Definitions defs)
{
    private readonly SchemaReader _r = ctx.Reader;
    private readonly Definitions _defs = defs;

    internal void ResolveShares(List<(string Tag, YamlScalarNode Key, YamlNodeBase Value, string Path)> shareNodes, Dictionary<string, YamlMappingNode> nodes)
    {
        foreach (var group in shareNodes.GroupBy(s => s.Tag))
        {
            var spec = _defs.Tags[group.Key];
            var shares = new List<TagShare>();
            int errorsBefore = _r.Errors.Count;
            foreach (var (_, key, value, path) in group)
            {
                if (!_defs.Tags.TryGetValue(key.Value, out var other))
                {
                    _defs.UnknownName(key, path, key.Value, "tag", _defs.Tags.Keys);
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

            _defs.Tags[group.Key] = spec with { Shares = shares };
            if (_r.Errors.Count > errorsBefore)
            {
                _defs.PopulationsWithTagErrors.Add(spec.Population); // a dropped share changes how many neurons the tags need
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
            Neurotag.Core.Tags.TagMembership.OrderByShares([.. _defs.Tags.Values.Where(t => t.Range is null)]);
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

        foreach (var population in _defs.Populations.Values.Where(p => !_defs.PopulationsWithTagErrors.Contains(p.Name) && !_defs.RejectedTagPopulations.ContainsValue(p.Name)))
        {
            var inPop = _defs.Tags.Values.Where(t => t.Population == population.Name && t.Family is null).ToList(); // families overlap by design
            var explicitUnion = new HashSet<int>(inPop.Where(t => t.Range is not null).SelectMany(t => Enumerable.Range(t.Range!.Value.First, t.Range.Value.Count)));
            long needed = explicitUnion.Count + inPop.Where(t => t.Range is null).Sum(t => (long)t.Size - t.Shares.Sum(s => s.Count));
            if (needed > population.Size && inPop.Count > 0)
            {
                var last = inPop[^1];
                _r.Error(nodes[last.Name], "tags." + last.Name, SchemaReader.Inv($"the tags of population '{population.Name}' need {needed} distinct neurons but it has {population.Size}"), "tags overlap only where 'shares:' says: enlarge the population, shrink tags, or declare shares");
            }
        }
    }
}
