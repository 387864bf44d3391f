using System.Globalization;
using Neurotag.Core.Specs;

namespace Neurotag.Core.Recording;

/// <summary>
/// The CSV output a run will write, projected from the spec alone, before anything runs or is allocated, so that a
/// scenario whose output would fill a disk is refused at validation and <c>describe</c> can show the figure.
/// </summary>
/// <remarks>
/// <para>
/// Rows are counted as the recorders write them (Recorder, SpikingRecorder, StructuralSummary, WeightSummary, PhaseRows):
/// a phases.csv row per phase instance; every sample of every series, weight block and histogram bin, per phase
/// instance, plus the sample at t = 0 (series, weights and state, labelled with the first phase). Series are counted
/// only where their metric applies, as the recorders build them: no strength without a recurrent excitatory
/// projection, no spurious for a tag that is its whole population, coupling only towards populations an excitatory
/// projection reaches, ownership only between tags that share neurons. Where a row depends on the drawn network the
/// count is an upper bound: a weight block between tags that turns out to hold no synapse is not written, and tags
/// whose overlap is left to chance (a share of a tag that shares another, family members in spiking networks) are
/// counted as overlapping; explicit ranges are compared exactly.
/// </para>
/// <para>
/// Bytes per row are the exact widths of the text fields (names, phase, rep, instance, unit), the width of the largest
/// time of the phase, and <see cref="NumberWidth"/> characters for every floating-point value (the shortest round-trip
/// form of a double has up to 17 significant digits; exact values such as 0 are shorter, so values are over-estimated).
/// </para>
/// <para>
/// <c>spikes.csv</c> depends on the activity: a Poisson population counts at its rate (following <c>set:</c>), any
/// other population at <see cref="NominalSpikeRateHz"/> per recorded neuron.
/// </para>
/// <para>All arithmetic is in doubles: no size, however absurd, can overflow (the result is then only large).</para>
/// </remarks>
public sealed class OutputProjection
{
    /// <summary>Characters counted for one floating-point value (t_ms excepted).</summary>
    public const int NumberWidth = 20;

    /// <summary>Rate at which recorded neurons of LIF and Izhikevich populations are projected to spike (typical cortical rates are 1–20 Hz).</summary>
    public const double NominalSpikeRateHz = 100;

    private readonly Dictionary<string, double> _bytes;
    private readonly Dictionary<string, double> _rows;

    private OutputProjection(Dictionary<string, double> bytes, Dictionary<string, double> rows, double[] bytesByPhase)
    {
        _bytes = bytes;
        _rows = rows;
        BytesByPhase = bytesByPhase;
        TotalBytes = bytes.Values.Sum();
    }

    /// <summary>Projected bytes of each file the run writes (header included), by file name (<c>tags.csv</c>, …), in a fixed order.</summary>
    public IReadOnlyDictionary<string, double> BytesByFile => _bytes;

    /// <summary>Projected data rows (header excluded) of each file, by file name.</summary>
    public IReadOnlyDictionary<string, double> RowsByFile => _rows;

    /// <summary>Projected bytes written during each protocol instance (rows only, headers excluded; the t = 0 sample counts to the first), in protocol order.</summary>
    public IReadOnlyList<double> BytesByPhase { get; }

    /// <summary>Projected bytes of all files.</summary>
    public double TotalBytes { get; }

    /// <summary>Projects the output of <paramref name="spec"/>.</summary>
    public static OutputProjection Of(SimulationSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var record = spec.Record;
        var series = RecordedSeries.Of(spec);
        var bytes = new Dictionary<string, double>(StringComparer.Ordinal);
        var rows = new Dictionary<string, double>(StringComparer.Ordinal);
        void Add(string file, double rowCount, double byteCount)
        {
            rows[file] = rows.GetValueOrDefault(file) + rowCount;
            bytes[file] = bytes.GetValueOrDefault(file) + byteCount;
        }

        // Headers of the files the run creates up front (RunExecutor.FilesFor, CsvRunSink's columns).
        Add("phases.csv", 0, "phase,rep,instance,start_ms,end_ms,kind,steps\n".Length);
        if (record.TagMetrics.Count > 0)
        {
            Add("tags.csv", 0, "t_ms,phase,rep,tag,metric,other,value,unit\n".Length);
        }

        if (record.PopulationRate)
        {
            Add("populations.csv", 0, "t_ms,phase,rep,population,metric,value,unit\n".Length);
        }

        if (record.TagMetrics.Count > 0 || record.PopulationRate)
        {
            Add("summary.csv", 0, "phase,rep,instance,kind,name,metric,other,value,unit\n".Length);
        }

        if (record.Weights is { } w)
        {
            Add("weights.csv", 0, "t_ms,phase,rep,projection,from,to,mean,std,min,max,count\n".Length);
            if (w.HistogramBins > 0)
            {
                Add("weight_hist.csv", 0, "t_ms,phase,rep,projection,bin_lo,bin_hi,count\n".Length);
            }
        }

        if (record.Spikes is not null)
        {
            Add("spikes.csv", 0, "t_ms,phase,rep,population,neuron\n".Length);
        }

        if (record.State is not null)
        {
            Add("state.csv", 0, "t_ms,phase,rep,population,neuron,variable,value,unit\n".Length);
        }

        var weights = WeightRows.Of(spec);
        var poissonRates = spec.Populations.Where(p => p.Neuron is PoissonNeuronSpec).ToDictionary(p => p.Name, p => ((PoissonNeuronSpec)p.Neuron).RateHz, StringComparer.Ordinal);
        var stateUnit = record.State is { } stateSpec ? StateUnit(spec, stateSpec) : "";
        int fractionDigits = FractionDigits(spec.Clock.DtNanoseconds);
        double TimeWidth(long atStep) => IntegerDigits(spec.Clock.TimeMs(atStep)) + (fractionDigits > 0 ? 1 + fractionDigits : 0);

        // The rows of one sample of every tag and population series and of the weights; prefix = "t_ms,phase,rep,".
        void AddSeriesSample(double samples, double prefix)
        {
            Add("tags.csv", samples * series.TagRows, samples * ((series.TagRows * (prefix + NumberWidth + 5)) + series.TagCharacters));
            Add("populations.csv", samples * series.PopulationRows, samples * ((series.PopulationRows * (prefix + NumberWidth + 4)) + series.PopulationCharacters));
        }

        void AddWeightSample(double samples, double prefix)
        {
            if (record.Weights is not { } weightSpec)
            {
                return;
            }

            Add("weights.csv", samples * weights.BlockCount, samples * ((weights.BlockCount * (prefix + weightSpec.Projection.Length + (4.0 * (NumberWidth + 1)) + 4)) + weights.BlockCharacters));
            if (weightSpec.HistogramBins > 0)
            {
                Add("weight_hist.csv", samples * weightSpec.HistogramBins, samples * ((weightSpec.HistogramBins * (prefix + weightSpec.Projection.Length + weights.CountDigits + 4.0)) + weights.BinEdgeCharacters));
            }
        }

        void AddStateSample(double samples, double prefix)
        {
            if (spec.IsSpiking && record.State is { } state)
            {
                double neurons = state.Last - state.First + 1;
                string variable = state.Variable.ToString().ToLowerInvariant();
                Add("state.csv", samples * neurons, samples * neurons * (prefix + state.Population.Length + Digits(state.Last) + variable.Length + NumberWidth + stateUnit.Length + 5));
            }
        }

        var byPhase = new double[spec.Protocol.Count];
        long step = 0;
        for (int instance = 0; instance < spec.Protocol.Count; instance++)
        {
            var phase = spec.Protocol[instance];
            long start = step;
            step += phase.Steps;
            foreach (var set in phase.Sets.Where(s => s.Parameter == IntrinsicParameter.Rate))
            {
                poissonRates[set.Population] = set.Value;
            }

            double before = bytes.Values.Sum();
            double label = phase.Name.Length + Digits(phase.Rep);

            // phases.csv: written when the instance starts, on every run.
            Add("phases.csv", 1, label + Digits(instance) + TimeWidth(start) + TimeWidth(step) + (phase.Offline ? "offline" : "online").Length + Digits(phase.Steps) + 7);

            if (instance == 0)
            {
                // The sample at t = 0 ("0"), labelled with the first phase: series, weights and state, no spikes, no summary.
                double initialPrefix = 1 + label + 3;
                AddSeriesSample(1, initialPrefix);
                AddWeightSample(1, initialPrefix);
                AddStateSample(1, initialPrefix);
            }

            double timeWidth = TimeWidth(step);
            double prefix = timeWidth + label + 3;
            AddSeriesSample(phase.Offline ? 1 : CeilingDivide(phase.Steps, record.EverySteps), prefix);

            // summary.csv: one mean per series ("tag" or "population" kind), the structural counts and the spiking weight summary.
            double summaryRows = series.TagRows + series.PopulationRows + series.SummaryRows;
            double summaryCharacters = series.TagCharacters + (series.TagRows * "tag".Length) + series.PopulationCharacters + (series.PopulationRows * "population".Length) + series.SummaryCharacters;
            Add("summary.csv", summaryRows, (summaryRows * (label + Digits(instance) + NumberWidth + 9)) + summaryCharacters);

            if (record.Weights is { } weightSpec)
            {
                AddWeightSample(phase.Offline ? 1 : CeilingDivide(phase.Steps, weightSpec.EverySteps), prefix);
            }

            if (!phase.Offline && record.Spikes is { } spikes)
            {
                double rateHz = poissonRates.TryGetValue(spikes.Population, out double r) ? r : NominalSpikeRateHz;
                double spikeRows = spikes.Neurons * rateHz * phase.Steps * spec.Clock.DtMs / 1000;
                Add("spikes.csv", spikeRows, spikeRows * (prefix + spikes.Population.Length + Digits(spikes.Neurons - 1) + 2));
            }

            if (!phase.Offline && record.State is { } state)
            {
                // Sampled at the global steps that are multiples of 'every'.
                AddStateSample((step / state.EverySteps) - (start / state.EverySteps), prefix);
            }

            byPhase[instance] = bytes.Values.Sum() - before;
        }

        // Files nothing is written to do not exist: drop the row-less entries added for symmetry.
        foreach (string file in rows.Where(r => r.Value == 0 && bytes[r.Key] == 0).Select(r => r.Key).ToList())
        {
            rows.Remove(file);
            bytes.Remove(file);
        }

        return new OutputProjection(bytes, rows, byPhase);
    }

    /// <summary>A byte count as a person reads it: "512 B", "3.4 KiB", "12.0 MiB", "5.3 TiB".</summary>
    public static string Format(double bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];
        int k = 0;
        while (bytes >= 1024 && k < units.Length - 1)
        {
            bytes /= 1024;
            k++;
        }

        return k == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{bytes:0} B")
            : string.Create(CultureInfo.InvariantCulture, $"{bytes:0.0} {units[k]}");
    }

    private static double CeilingDivide(long steps, long every) => (steps / every) + (steps % every != 0 ? 1 : 0);

    private static int Digits(double value) => value < 10 ? 1 : (int)Math.Floor(Math.Log10(value)) + 1;

    private static double IntegerDigits(double value) => value < 1 ? 1 : Math.Floor(Math.Log10(value)) + 1;

    /// <summary>Decimals a time that is a whole number of steps can have, in ms: 1 for dt = 0.1 ms, 0 for 1 ms.</summary>
    private static int FractionDigits(long dtNanoseconds)
    {
        int digits = 6;
        while (digits > 0 && dtNanoseconds % 10 == 0)
        {
            dtNanoseconds /= 10;
            digits--;
        }

        return digits;
    }

    /// <summary>
    /// The unit symbol of weights onto <paramref name="population"/> (strength, coupling, the weight summary's mean):
    /// dimensionless in rate networks, else as SpikingRecorder.SynapticUnit (nS onto COBA LIF, mV onto CUBA LIF, mV/ms otherwise).
    /// </summary>
    private static string WeightUnit(SimulationSpec spec, PopulationSpec population) => !spec.IsSpiking ? "1" : population.Neuron switch
    {
        LifNeuronSpec { Synapse: SynapseKind.Conductance } => "nS",
        LifNeuronSpec => "mV",
        _ => "mV/ms",
    };

    /// <summary>The unit symbol of the recorded state variable (SpikingRecorder): mV for v, the synaptic unit for g_e and g_i, mV/ms for u.</summary>
    private static string StateUnit(SimulationSpec spec, StateRecordSpec state) => state.Variable switch
    {
        StateVariable.V => "mV",
        StateVariable.Ge or StateVariable.Gi => WeightUnit(spec, spec.Populations.First(p => p.Name == state.Population)),
        _ => "mV/ms",
    };

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

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
    private sealed record RecordedSeries(double TagRows, double TagCharacters, double PopulationRows, double PopulationCharacters, double SummaryRows, double SummaryCharacters)
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
            int UnitLength(string population) => OutputProjection.WeightUnit(spec, populations[population]).Length;
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
                // The recorders' per-tag series (Recorder.BuildSeries, SpikingRecorder.BuildSeries): strength only with a
                // recurrent excitatory projection, spurious only for a tag smaller than its population.
                bool recurrent = excitatory.Contains((tag.Population, tag.Population));
                if (metrics.Contains(TagMetric.Activation))
                {
                    AddSeries(tag, "activation", activationUnit);
                }

                if (metrics.Contains(TagMetric.Strength) && recurrent)
                {
                    AddSeries(tag, "strength", OutputProjection.WeightUnit(spec, populations[tag.Population]));
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
                // One mean-over-members series per family and per-tag metric that some member has (Recorder.AddFamilySeries).
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

            double summaryRows = 0, summaryCharacters = 0;
            foreach (var p in spec.Projections.Where(p => p.Pruning is not null))
            {
                summaryRows += StructuralSummary.Metrics.Length;
                summaryCharacters += StructuralSummary.Metrics.Sum(m => "projection".Length + p.Name.Length + m.Length + "1".Length);
            }

            if (spec.IsSpiking && record.Weights is { } w && spec.Projections.FirstOrDefault(p => p.Name == w.Projection) is { } recorded)
            {
                // mean in the weights' unit, frac_high and frac_low dimensionless (WeightSummary.Write).
                summaryRows += WeightSummary.Metrics.Count;
                summaryCharacters += WeightSummary.Metrics.Sum(m => "weights".Length + w.Projection.Length + m.Length)
                    + UnitLength(populationOf[recorded.To]) + (2 * "1".Length);
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

    /// <summary>
    /// The explicit ranges of one population, sorted by first and by last neuron with running sums of their names'
    /// lengths, so that the ranges intersecting one are counted by two binary searches (no pair is listed).
    /// </summary>
    private sealed class RangeIndex
    {
        private readonly int[] _firsts;
        private readonly double[] _namesByFirst;
        private readonly int[] _lasts;
        private readonly double[] _namesByLast;

        public RangeIndex(IEnumerable<TagSpec> tags)
        {
            var all = tags.ToArray();
            var byFirst = all.OrderBy(t => t.Range!.Value.First).ToArray();
            var byLast = all.OrderBy(t => t.Range!.Value.Last).ToArray();
            _firsts = byFirst.Select(t => t.Range!.Value.First).ToArray();
            _lasts = byLast.Select(t => t.Range!.Value.Last).ToArray();
            _namesByFirst = RunningSums(byFirst);
            _namesByLast = RunningSums(byLast);
        }

        /// <summary>Ranges that share a neuron with <paramref name="range"/> (itself included if it is one): those starting at or before its last neuron, less those ending before its first.</summary>
        public (double Count, double Names) Intersecting(IndexRange range)
        {
            int startBefore = CountAtMost(_firsts, range.Last);
            int endBefore = CountAtMost(_lasts, range.First - 1);
            return (startBefore - endBefore, _namesByFirst[startBefore] - _namesByLast[endBefore]);
        }

        private static double[] RunningSums(TagSpec[] tags)
        {
            var sums = new double[tags.Length + 1];
            for (int k = 0; k < tags.Length; k++)
            {
                sums[k + 1] = sums[k] + tags[k].Name.Length;
            }

            return sums;
        }

        /// <summary>How many of the sorted <paramref name="values"/> are at most <paramref name="bound"/>.</summary>
        private static int CountAtMost(int[] values, int bound)
        {
            int lo = 0, hi = values.Length;
            while (lo < hi)
            {
                int mid = lo + ((hi - lo) / 2);
                if (values[mid] <= bound)
                {
                    lo = mid + 1;
                }
                else
                {
                    hi = mid;
                }
            }

            return lo;
        }
    }

    /// <summary>
    /// The weight blocks of the recorded projection (the whole projection, then each pair of tags of its pre- and
    /// postsynaptic populations), counted, and its histogram's bin edges as printed.
    /// </summary>
    /// <param name="BlockCount">Blocks per weight sample.</param>
    /// <param name="BlockCharacters">Characters of their from, to and count fields, summed (counts at the width of the largest block).</param>
    /// <param name="CountDigits">Width of the largest synapse count (histogram counts).</param>
    /// <param name="BinEdgeCharacters">Characters of every bin's bin_lo and bin_hi, summed.</param>
    private sealed record WeightRows(double BlockCount, double BlockCharacters, int CountDigits, double BinEdgeCharacters)
    {
        public static WeightRows Of(SimulationSpec spec)
        {
            if (spec.Record.Weights is not { } w || spec.Projections.FirstOrDefault(p => p.Name == w.Projection) is not { } projection)
            {
                return new WeightRows(0, 0, 1, 0);
            }

            var sizes = spec.Populations.ToDictionary(p => p.Name, p => (double)p.Size, StringComparer.Ordinal);
            var populationOf = spec.Tags.ToDictionary(t => t.Name, t => t.Population, StringComparer.Ordinal);
            string pre = populationOf.GetValueOrDefault(projection.From, projection.From);
            string post = populationOf.GetValueOrDefault(projection.To, projection.To);
            int all = Digits(sizes[pre] * sizes[post]);
            var from = spec.Tags.Where(t => t.Population == pre).ToList();
            var to = spec.Tags.Where(t => t.Population == post).ToList();
            double pairs = (double)from.Count * to.Count;
            double pairDigits = from.Count == 0 || to.Count == 0 ? 0 : Digits((double)from.Max(t => t.Size) * to.Max(t => t.Size));
            double characters = "**".Length + all
                + (to.Count * from.Sum(t => (double)t.Name.Length)) + (from.Count * to.Sum(t => (double)t.Name.Length)) + (pairs * pairDigits);

            // The bin edges as the recorders compute and print them (Recorder.WriteHistogram).
            double lo = projection.Weight.Min, hi = projection.Weight.Max;
            int bins = w.HistogramBins;
            double width = (hi - lo) / Math.Max(1, bins);
            double edges = 0;
            for (int b = 0; b < bins; b++)
            {
                edges += Number(lo + (b * width)).Length + Number(b == bins - 1 ? hi : lo + ((b + 1) * width)).Length;
            }

            return new WeightRows(1 + pairs, characters, all, edges);
        }
    }
}
