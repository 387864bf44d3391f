using Neurotag.Core.Specs;

namespace Neurotag.Core.Recording;

/// <summary>
/// The series the recorders build for <c>record.tags</c> and <c>record.populations</c> (a row per sample in tags.csv
/// or populations.csv and a mean per phase in summary.csv), and the other summary rows; counted, never listed, so
/// that 100 000 family members (10¹⁰ coupling pairs) cost no more than the tags themselves.
/// </summary>
/// <param name="TagRows">Tag series.</param>
/// <param name="TagCharacters">Characters of their tag, metric, other and unit fields, summed.</param>
/// <param name="PopulationRows">Population series.</param>
/// <param name="PopulationCharacters">Characters of their population, metric and unit fields, summed.</param>
/// <param name="SummaryRows">Other summary rows per phase: structural counts, the spiking weight summary.</param>
/// <param name="SummaryCharacters">Characters of their kind, name, metric, other and unit fields, summed.</param>
internal sealed record RecordedSeries(double TagRows, double TagCharacters, double PopulationRows, double PopulationCharacters, double SummaryRows, double SummaryCharacters)
{
    private static readonly TagMetric[] PerTagMetrics = [TagMetric.Activation, TagMetric.Strength, TagMetric.Recall, TagMetric.Spurious];

    public static RecordedSeries Of(SimulationSpec spec)
    {
        var record = spec.Record;
        var metrics = record.TagMetrics;
        var populations = spec.Populations.ToDictionary(p => p.Name, StringComparer.Ordinal);
        var populationOf = spec.Tags.ToDictionary(t => t.Name, t => t.Population, StringComparer.Ordinal);
        foreach (var p in spec.Populations)
        {
            populationOf[p.Name] = p.Name;
        }

        var excitatory = spec.Projections.Where(p => !p.Inhibitory).Select(p => (populationOf[p.From], populationOf[p.To])).ToHashSet();
        int UnitLength(string population) => UnitSymbols.Weight(spec.IsSpiking, populations[population].Neuron).Length;
        string activationUnit = spec.IsSpiking ? "Hz" : "1";
        var byPopulation = Census(spec.Tags, t => t.Population);
        var byFamily = Census(spec.Tags.Where(t => t.Family is not null), t => t.Family!);
        var familiesByPopulation = Census(spec.Tags.Where(t => t.Family is not null), t => t.Population);
        var groups = SharingGroups(spec);
        var drawnByGroup = Census(spec.Tags.Where(t => t.Family is null && t.Range is null), t => groups[t.Name]);
        var rangesByGroup = Census(spec.Tags.Where(t => t.Family is null && t.Range is not null), t => groups[t.Name]);
        var ranges = spec.Tags.Where(t => t.Family is null && t.Range is not null).GroupBy(t => t.Population).ToDictionary(g => g.Key, g => new RangeIndex(g), StringComparer.Ordinal);
        double rows = 0, characters = 0;
        void AddSeries(TagSpec tag, string metric, string unit)
        {
            rows++;
            characters += tag.Name.Length + metric.Length + unit.Length;
        }

        foreach (var tag in spec.Tags)
        {
            // The recorders' per-tag series (RateRecorder.BuildSeries, SpikingRecorder.BuildSeries): strength only with a
            // recurrent excitatory projection, spurious only for a tag smaller than its population.
            bool recurrent = excitatory.Contains((tag.Population, tag.Population));
            if (metrics.Contains(TagMetric.Activation))
            {
                AddSeries(tag, "activation", activationUnit);
            }

            if (metrics.Contains(TagMetric.Strength) && recurrent)
            {
                AddSeries(tag, "strength", UnitSymbols.Weight(spec.IsSpiking, populations[tag.Population].Neuron));
            }

            if (metrics.Contains(TagMetric.Size) && recurrent && !spec.IsSpiking)
            {
                AddSeries(tag, "size", "1");
            }

            if (metrics.Contains(TagMetric.Recall))
            {
                AddSeries(tag, "recall", "1");
            }

            if (metrics.Contains(TagMetric.Spurious) && IsPartial(tag, populations))
            {
                AddSeries(tag, "spurious", "1");
            }

            if (metrics.Contains(TagMetric.Coupling))
            {
                // Every other tag whose population receives an excitatory projection from this tag's population;
                // rate networks leave out the members of the tag's own family. Unit: the weights onto the other tag.
                var (count, names, units) = (0.0, 0.0, 0.0);
                foreach (var (population, census) in byPopulation.Where(p => excitatory.Contains((tag.Population, p.Key))))
                {
                    (count, names, units) = (count + census.Count, names + census.Names, units + (census.Count * UnitLength(population)));
                }

                if (recurrent)
                {
                    var excluded = !spec.IsSpiking && tag.Family is { } family ? byFamily[family] : (Count: 1.0, Names: tag.Name.Length);
                    (count, names, units) = (count - excluded.Count, names - excluded.Names, units - (excluded.Count * UnitLength(tag.Population)));
                }

                rows += count;
                characters += (count * (tag.Name.Length + "coupling".Length)) + names + units;
            }

            if (metrics.Contains(TagMetric.Ownership))
            {
                var (count, names) = OwnershipPartners(spec, tag, groups, drawnByGroup, rangesByGroup, ranges, byPopulation, familiesByPopulation);
                rows += count;
                characters += (count * (tag.Name.Length + "ownership".Length + "1".Length)) + names;
            }
        }

        if (!spec.IsSpiking)
        {
            // One mean-over-members series per family and per-tag metric that some member has (RateRecorder.AddFamilySeries).
            foreach (var family in spec.Tags.Where(t => t.Family is not null).GroupBy(t => t.Family!))
            {
                bool recurrent = family.Any(t => excitatory.Contains((t.Population, t.Population)));
                bool partial = family.Any(t => IsPartial(t, populations));
                foreach (var metric in PerTagMetrics.Where(metrics.Contains))
                {
                    if ((metric != TagMetric.Strength || recurrent) && (metric != TagMetric.Spurious || partial))
                    {
                        rows++;
                        characters += family.Key.Length + Name(metric).Length + "1".Length;
                    }
                }
            }
        }

        double populationRows = 0, populationCharacters = 0;
        foreach (var p in spec.Populations)
        {
            if (record.PopulationRate)
            {
                populationRows++;
                populationCharacters += p.Name.Length + "rate".Length + activationUnit.Length;
            }

            if (record.PopulationIntrinsics && !spec.IsSpiking)
            {
                populationRows += 2;
                populationCharacters += (2 * p.Name.Length) + "threshold".Length + "gain".Length + (2 * "1".Length);
            }
        }

        // Closed-loop traces (SpikingRecorder): rows of populations.csv named after the modulator or synapse; their
        // summary kind ("modulator", "synapse") is no longer than "population", so the summary estimate holds.
        foreach (string name in record.Modulators)
        {
            populationRows++;
            populationCharacters += name.Length + "level".Length + (spec.Modulators.FirstOrDefault(m => m.Name == name)?.Unit.Length ?? 1);
        }

        foreach (string name in record.Synapses)
        {
            var projection = spec.Projections.FirstOrDefault(p => p.Synapses.Any(s => s.Name == name));
            populationRows++;
            populationCharacters += name.Length + "weight".Length + (projection is null ? 1 : UnitLength(populationOf[projection.To]));
        }

        double summaryRows = 0, summaryCharacters = 0;
        foreach (var p in spec.Projections.Where(p => p.Pruning is not null))
        {
            summaryRows += StructuralSummary.Metrics.Length;
            summaryCharacters += StructuralSummary.Metrics.Sum(m => "projection".Length + p.Name.Length + m.Length + "1".Length);
            if (p.Pruning!.By != PruneBy.Level)
            {
                summaryRows++;
                summaryCharacters += "projection".Length + p.Name.Length + StructuralSummary.PrunedFraction.Length + "1".Length;
            }
        }

        foreach (string name in spec.IsSpiking ? record.Weights?.Projections ?? [] : [])
        {
            if (spec.Projections.FirstOrDefault(p => p.Name == name) is { } recorded)
            {
                // mean in the weights' unit, frac_high and frac_low dimensionless (WeightSummary.Write).
                summaryRows += WeightSummary.Metrics.Count;
                summaryCharacters += WeightSummary.Metrics.Sum(m => "weights".Length + name.Length + m.Length)
                    + UnitLength(populationOf[recorded.To]) + (2 * "1".Length);
            }
        }

        return new RecordedSeries(rows, characters, populationRows, populationCharacters, summaryRows, summaryCharacters);
    }

    private static bool IsPartial(TagSpec tag, Dictionary<string, PopulationSpec> populations) =>
        (tag.Range?.Count ?? tag.Size) < populations[tag.Population].Size;

    /// <summary>
    /// The tags this one gets an ownership series with (the recorders compare tags of one population that share a
    /// neuron): explicit ranges that intersect it, exactly; drawn tags of its sharing group (a direct share always
    /// overlaps, a chained one may); in spiking networks also family members, which may overlap anything by chance
    /// (rate networks compare no family member).
    /// </summary>
    private static (double Count, double Names) OwnershipPartners(
        SimulationSpec spec, TagSpec tag, Dictionary<string, string> groups, Dictionary<string, (double Count, double Names)> drawnByGroup,
        Dictionary<string, (double Count, double Names)> rangesByGroup, Dictionary<string, RangeIndex> ranges, Dictionary<string, (double Count, double Names)> byPopulation, Dictionary<string, (double Count, double Names)> familiesByPopulation)
    {
        if (tag.Family is not null)
        {
            var all = byPopulation[tag.Population];
            return spec.IsSpiking ? (all.Count - 1, all.Names - tag.Name.Length) : (0, 0);
        }

        var drawn = drawnByGroup.GetValueOrDefault(groups[tag.Name]);
        var (count, names) = tag.Range is { } range
            ? ranges[tag.Population].Intersecting(range) // includes the tag itself
            : rangesByGroup.GetValueOrDefault(groups[tag.Name]);
        (count, names) = (count + drawn.Count - 1, names + drawn.Names - tag.Name.Length);
        if (spec.IsSpiking && familiesByPopulation.TryGetValue(tag.Population, out var members))
        {
            (count, names) = (count + members.Count, names + members.Names);
        }

        return (count, names);
    }

    private static string Name(TagMetric metric) => metric.ToString().ToLowerInvariant();

    /// <summary>Tags per key: how many, and their names' characters summed.</summary>
    private static Dictionary<string, (double Count, double Names)> Census(IEnumerable<TagSpec> tags, Func<TagSpec, string> key)
    {
        var census = new Dictionary<string, (double Count, double Names)>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            var (count, names) = census.GetValueOrDefault(key(tag));
            census[key(tag)] = (count + 1, names + tag.Name.Length);
        }

        return census;
    }

    /// <summary>
    /// The group of each tag that is no family member: tags can share neurons only within a group, which joins
    /// explicit ranges that intersect and tags linked (directly or through others) by <c>shares</c>. Family
    /// members are drawn independently of everything, so in spiking networks they may overlap any tag of their
    /// population; rate networks compare no family member for ownership.
    /// </summary>
    private static Dictionary<string, string> SharingGroups(SimulationSpec spec)
    {
        var parent = spec.Tags.Where(t => t.Family is null).ToDictionary(t => t.Name, t => t.Name, StringComparer.Ordinal);
        string Find(string name)
        {
            while (parent[name] != name)
            {
                name = parent[name] = parent[parent[name]];
            }

            return name;
        }

        void Join(string a, string b) => parent[Find(a)] = Find(b);
        foreach (var tag in spec.Tags.Where(t => t.Family is null))
        {
            foreach (var share in tag.Shares.Where(s => parent.ContainsKey(s.Tag)))
            {
                Join(tag.Name, share.Tag);
            }
        }

        // Intersecting ranges, by a sweep over each population's ranges sorted by their first neuron (linear after
        // the sort, so a file of many explicit tags stays cheap): a range joins the previous one when it starts
        // before the furthest end seen so far.
        foreach (var population in spec.Tags.Where(t => t.Family is null && t.Range is not null).GroupBy(t => t.Population))
        {
            TagSpec? previous = null;
            int furthest = -1;
            foreach (var tag in population.OrderBy(t => t.Range!.Value.First))
            {
                var range = tag.Range!.Value;
                if (previous is not null && range.First <= furthest)
                {
                    Join(tag.Name, previous.Name);
                }

                furthest = Math.Max(furthest, range.Last);
                previous = tag;
            }
        }

        return parent.Keys.ToList().ToDictionary(name => name, Find, StringComparer.Ordinal);
    }
}
