using System.Globalization;

namespace Neurotag.Plotting.Data;

/// <summary>A block of raster rows: the recorded neurons of one population that belong to the same set of tags.</summary>
/// <param name="Population">Population name.</param>
/// <param name="Label">e.g. <c>exc</c>, <c>old+new</c> (shared), or the population name for untagged neurons.</param>
/// <param name="Polarity">Whether these neurons excite or inhibit.</param>
/// <param name="Neurons">Neuron indices, ascending.</param>
public sealed record RasterGroup(string Population, string Label, Polarity Polarity, int[] Neurons);

/// <summary>What the raster and the rate under it show, computed from spikes.csv without drawing.</summary>
/// <param name="Groups">The row blocks, top to bottom, with the y of their first row and how many rows they take.</param>
/// <param name="X">Display x of each drawn spike, per group.</param>
/// <param name="Y">Row of each drawn spike, per group.</param>
/// <param name="SpikesInWindow">Spikes of recorded neurons inside the window (all of them, drawn or not).</param>
/// <param name="Stride">1 when every neuron is drawn; k when only every k-th neuron of each group is.</param>
/// <param name="Rates">Population rate (Hz) per polarity class, as (label, x, rate) lines, one per online phase instance.</param>
/// <param name="BinMs">Width of the rate bins.</param>
public sealed record RasterModel(
    IReadOnlyList<(RasterGroup Group, int FirstRow, int Rows)> Groups,
    IReadOnlyList<double[]> X,
    IReadOnlyList<double[]> Y,
    int SpikesInWindow,
    int Stride,
    IReadOnlyList<(string Label, Polarity Polarity, List<(double[] X, double[] Rate)> Segments)> Rates,
    double BinMs)
{
    /// <summary>Number of spikes drawn.</summary>
    public int SpikesDrawn => X.Sum(x => x.Length);

    /// <summary>Total raster rows.</summary>
    public int RowCount => Groups.Count == 0 ? 0 : Groups[^1].FirstRow + Groups[^1].Rows;

    /// <summary>The thinning note the figure prints, or null when every spike is drawn.</summary>
    public string? ThinningNote => Stride == 1 ? null : string.Create(
        CultureInfo.InvariantCulture,
        $"thinned: every {Stride}th neuron of each group drawn ({SpikesDrawn:N0} of {SpikesInWindow:N0} spikes); the rate uses all spikes");

    /// <summary>
    /// Groups the recorded neurons of each population by the set of tags they belong to (tags in scenario order, a
    /// shared block between the tags that share it, untagged neurons last).
    /// </summary>
    /// <param name="recorded">Population → number of recorded neurons (the first N).</param>
    /// <param name="tags">Tag, population, members and polarity, in scenario order (empty without the scenario).</param>
    /// <param name="populationPolarity">Polarity of each population's own projections.</param>
    public static IReadOnlyList<RasterGroup> GroupNeurons(
        IReadOnlyList<(string Population, int Recorded)> recorded,
        IReadOnlyList<(string Tag, string Population, int[] Members, Polarity Polarity)> tags,
        Func<string, Polarity> populationPolarity)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        ArgumentNullException.ThrowIfNull(tags);
        ArgumentNullException.ThrowIfNull(populationPolarity);
        var groups = new List<RasterGroup>();
        foreach (var (population, count) in recorded)
        {
            var own = tags.Where(t => t.Population == population).Select((t, i) => (t.Tag, Index: i, Set: t.Members.ToHashSet(), t.Polarity)).ToList();
            var byKey = new Dictionary<string, (int Order, int Size, Polarity Polarity, List<int> Neurons)>(StringComparer.Ordinal);
            for (int n = 0; n < count; n++)
            {
                var holders = own.Where(t => t.Set.Contains(n)).ToList();
                string key = holders.Count == 0 ? "" : string.Join("+", holders.Select(h => h.Tag));
                if (!byKey.TryGetValue(key, out var g))
                {
                    var polarity = holders.Select(h => h.Polarity).FirstOrDefault(p => p != Polarity.Unknown);
                    g = (holders.Count == 0 ? int.MaxValue : holders.Min(h => h.Index), holders.Count, polarity == Polarity.Unknown ? populationPolarity(population) : polarity, []);
                    byKey[key] = g;
                }

                g.Neurons.Add(n);
            }

            foreach (var (key, g) in byKey.OrderBy(kv => kv.Value.Order).ThenBy(kv => kv.Value.Size).ThenBy(kv => kv.Key, StringComparer.Ordinal))
            {
                string label = key.Length == 0 ? (own.Count == 0 ? population : population + " (untagged)") : key;
                groups.Add(new RasterGroup(population, label, g.Polarity, [.. g.Neurons]));
            }
        }

        return groups;
    }

    /// <summary>
    /// Places the spikes of <paramref name="spikes"/> inside [<paramref name="fromMs"/>, <paramref name="toMs"/>] on
    /// the raster: x from <paramref name="axis"/>, y = row of the neuron. When more than <paramref name="maxPoints"/>
    /// spikes fall in the window, only every k-th neuron of each group is drawn (the smallest k that fits), and the
    /// figure says so. Rates are binned from every spike in the window.
    /// </summary>
    public static RasterModel Build(SpikeData spikes, IReadOnlyList<RasterGroup> groups, ProtocolAxis axis, double fromMs, double toMs, int maxPoints)
    {
        ArgumentNullException.ThrowIfNull(spikes);
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(axis);

        // neuron → (group, rank in group), per population.
        var lookup = new Dictionary<string, (int Group, int Rank)[]>(StringComparer.Ordinal);
        for (int g = 0; g < groups.Count; g++)
        {
            var group = groups[g];
            int size = group.Neurons.Length == 0 ? 0 : group.Neurons.Max() + 1;
            if (!lookup.TryGetValue(group.Population, out var map) || map.Length < size)
            {
                var grown = new (int, int)[Math.Max(size, map?.Length ?? 0)];
                Array.Fill(grown, (-1, -1));
                map?.CopyTo(grown, 0);
                lookup[group.Population] = map = grown;
            }

            for (int r = 0; r < group.Neurons.Length; r++)
            {
                map[group.Neurons[r]] = (g, r);
            }
        }

        var populationMaps = spikes.Populations.Select(p => lookup.GetValueOrDefault(p)).ToArray();
        int inWindow = 0;
        var perGroup = new int[groups.Count];
        for (int k = 0; k < spikes.Count; k++)
        {
            double t = spikes.TimesMs[k];
            if (t < fromMs || t > toMs || populationMaps[spikes.PopulationIndex[k]] is not { } map)
            {
                continue;
            }

            int n = spikes.Neurons[k];
            if (n >= 0 && n < map.Length && map[n].Group >= 0)
            {
                inWindow++;
                perGroup[map[n].Group]++;
            }
        }

        int stride = 1;
        while (inWindow / stride > maxPoints && stride < 1_000_000)
        {
            stride++;
        }

        // Spikes are recorded in time order; keep that assumption local: the phase pointer only moves forward.
        var xs = groups.Select((_, g) => new List<double>(perGroup[g] / stride + 1)).ToArray();
        var ys = groups.Select((_, g) => new List<double>(perGroup[g] / stride + 1)).ToArray();
        var layout = new List<(RasterGroup, int, int)>();
        int row = 0;
        foreach (var group in groups)
        {
            int rows = (group.Neurons.Length + stride - 1) / stride;
            layout.Add((group, row, rows));
            row += rows;
        }

        double binMs = Math.Max(axis.Timeline.Instances.Count > 0 ? ProtocolAxis.NiceStep(Math.Max(1e-3, axis.OnlineSeconds) * 1000 / 300) : 1, 0.1);
        var classes = groups.Select(g => g.Polarity).Distinct().OrderBy(p => p).ToList();
        var classNeurons = classes.Select(c => groups.Where(g => g.Polarity == c).Sum(g => g.Neurons.Length)).ToArray();
        var segments = axis.Segments.Where(s => !s.Phase.Offline && s.Phase.EndMs > fromMs && s.Phase.StartMs < toMs).ToList();
        var counts = classes.Select(_ => segments.Select(s => new long[Math.Max(1, (int)Math.Ceiling((Math.Min(s.Phase.EndMs, toMs) - Math.Max(s.Phase.StartMs, fromMs)) / binMs))]).ToArray()).ToArray();

        int instance = -1;
        int segment = -1;
        for (int k = 0; k < spikes.Count; k++)
        {
            double t = spikes.TimesMs[k];
            if (t < fromMs || t > toMs || populationMaps[spikes.PopulationIndex[k]] is not { } map)
            {
                continue;
            }

            int n = spikes.Neurons[k];
            if (n < 0 || n >= map.Length || map[n].Group < 0)
            {
                continue;
            }

            var (g, rank) = map[n];
            if (instance < 0 || t > axis.Timeline.Instances[instance].EndMs || t <= axis.Timeline.Instances[instance].StartMs)
            {
                instance = axis.Timeline.Find(t);
                segment = segments.FindIndex(s => s.Phase.Instance == axis.Segments[instance].Phase.Instance);
            }

            double x = instance >= 0 ? axis.ToDisplay(t, instance) : t / 1000;
            if (rank % stride == 0)
            {
                xs[g].Add(x);
                ys[g].Add(layout[g].Item2 + (rank / stride));
            }

            if (segment >= 0)
            {
                var s = segments[segment].Phase;
                var bins = counts[classes.IndexOf(groups[g].Polarity)][segment];
                int bin = Math.Clamp((int)((t - Math.Max(s.StartMs, fromMs)) / binMs), 0, bins.Length - 1);
                bins[bin]++;
            }
        }

        var rates = new List<(string, Polarity, List<(double[], double[])>)>();
        for (int c = 0; c < classes.Count; c++)
        {
            var lines = new List<(double[], double[])>();
            for (int s = 0; s < segments.Count; s++)
            {
                var phase = segments[s].Phase;
                double start = Math.Max(phase.StartMs, fromMs), end = Math.Min(phase.EndMs, toMs);
                var bins = counts[c][s];
                var x = new double[bins.Length];
                var rate = new double[bins.Length];
                for (int b = 0; b < bins.Length; b++)
                {
                    double lo = start + (b * binMs), hi = Math.Min(end, lo + binMs);
                    x[b] = axis.ToDisplay((lo + hi) / 2, axis.Timeline.Find(Math.Min(hi, end)));
                    rate[b] = hi > lo && classNeurons[c] > 0 ? bins[b] / (classNeurons[c] * (hi - lo) / 1000) : 0;
                }

                lines.Add((x, rate));
            }

            string label = classes[c] switch { Polarity.Excitatory => "excitatory", Polarity.Inhibitory => "inhibitory", _ => "all recorded" };
            rates.Add((label, classes[c], lines));
        }

        return new RasterModel(layout, xs.Select(l => l.ToArray()).ToList(), ys.Select(l => l.ToArray()).ToList(), inWindow, stride, rates, binMs);
    }
}
