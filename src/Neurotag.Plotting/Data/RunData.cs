namespace Neurotag.Plotting.Data;

/// <summary>A recorded series: <c>tag</c> (name, metric, other) from tags.csv or <c>population</c> from populations.csv.</summary>
/// <param name="Kind"><c>tag</c> or <c>population</c>.</param>
/// <param name="Name">Tag or population name.</param>
/// <param name="Metric">activation, strength, coupling, ownership, recall, spurious, rate, …</param>
/// <param name="Other">The second tag of coupling and ownership, else empty.</param>
public sealed record SeriesKey(string Kind, string Name, string Metric, string Other)
{
    /// <summary>How a legend names it: <c>pain</c>, or <c>bend → pain</c> for a pair.</summary>
    public string Label => Other.Length == 0 ? Name : $"{Name} → {Other}";
}

/// <summary>One series over protocol time.</summary>
/// <param name="Key">What it is.</param>
/// <param name="Unit">Its unit (<c>Hz</c>, <c>mV</c>, <c>nS</c>, <c>1</c>), or null when the run does not say.</param>
/// <param name="TimesMs">Sample times, global model time in ms, ascending.</param>
/// <param name="Values">The values.</param>
/// <param name="Phases">The phase instance index of each sample (into <see cref="PhaseTimeline.Instances"/>), or −1 when unknown.</param>
public sealed record TimeSeries(SeriesKey Key, string? Unit, double[] TimesMs, double[] Values, int[] Phases);

/// <summary>A row of summary.csv: the mean of one series over one phase instance.</summary>
public sealed record SummaryEntry(string Phase, int Rep, int? Instance, string Kind, string Name, string Metric, string Other, double Value, string? Unit)
{
    /// <summary>The series the row is about.</summary>
    public SeriesKey Key => new(Kind, Name, Metric, Other);
}

/// <summary>Weight statistics of one block (weights.csv) over time.</summary>
public sealed record WeightBlockSeries(string Projection, string From, string To, double[] TimesMs, double[] Mean, double[] Std, double[] Min, double[] Max, long[] Count);

/// <summary>The weight histograms of one projection (weight_hist.csv): one row of counts per sample time.</summary>
/// <param name="Projection">Projection name.</param>
/// <param name="TimesMs">Sample times, ascending.</param>
/// <param name="BinEdges">Bin edges, ascending (bins + 1 values).</param>
/// <param name="Counts">Counts, [sample, bin].</param>
public sealed record WeightHistogramSeries(string Projection, double[] TimesMs, double[] BinEdges, long[,] Counts)
{
    /// <summary>Number of bins.</summary>
    public int Bins => BinEdges.Length - 1;
}

/// <summary>The spikes of spikes.csv, in file (time) order.</summary>
/// <param name="Populations">Population names; <see cref="PopulationIndex"/> points into it.</param>
/// <param name="TimesMs">Spike times.</param>
/// <param name="Neurons">Neuron index within its population.</param>
/// <param name="PopulationIndex">Index into <see cref="Populations"/>.</param>
public sealed record SpikeData(string[] Populations, double[] TimesMs, int[] Neurons, int[] PopulationIndex)
{
    /// <summary>Number of spikes.</summary>
    public int Count => TimesMs.Length;
}

/// <summary>One recorded neuron's state variable over time (state.csv).</summary>
public sealed record StateTrace(string Population, int Neuron, string Variable, string? Unit, double[] TimesMs, double[] Values);

/// <summary>What manifest.json says about a run (read leniently: keys it lacks are left at their defaults).</summary>
/// <param name="ExitStatus"><c>ok</c>, <c>stopped</c> (a checker stopped the run) or <c>invalid</c>.</param>
/// <param name="Message">Why, when not ok.</param>
/// <param name="ScenarioPath">The scenario as given on the command line (relative to where the run was started).</param>
/// <param name="ScenarioSha256">SHA-256 of the scenario's bytes.</param>
/// <param name="Seed">Master seed.</param>
/// <param name="SweepPoint">Parameter path → value of a sweep point, or empty.</param>
/// <param name="DtMs">Time step in ms (0 when unknown).</param>
/// <param name="EndTimeMs">Model time at the end of the run.</param>
/// <param name="Units">Unit per series, when the manifest lists them.</param>
/// <param name="WeightUnits">Weight unit per projection, when the manifest lists them.</param>
public sealed record RunManifestInfo(
    string ExitStatus,
    string Message,
    string ScenarioPath,
    string ScenarioSha256,
    ulong Seed,
    IReadOnlyDictionary<string, string> SweepPoint,
    double DtMs,
    double EndTimeMs,
    IReadOnlyDictionary<SeriesKey, string> Units,
    IReadOnlyDictionary<string, string> WeightUnits)
{
    /// <summary>Whether a checker stopped the run.</summary>
    public bool Stopped => ExitStatus == "stopped";
}

/// <summary>Everything a run folder holds that figures draw; a file the run did not write leaves its part empty.</summary>
public sealed record RunData(
    string Directory,
    RunManifestInfo Manifest,
    PhaseTimeline Timeline,
    IReadOnlyList<TimeSeries> Tags,
    IReadOnlyList<TimeSeries> Populations,
    IReadOnlyList<WeightBlockSeries> Weights,
    IReadOnlyList<WeightHistogramSeries> Histograms,
    IReadOnlyList<SummaryEntry> Summary,
    SpikeData? Spikes,
    IReadOnlyList<StateTrace> States)
{
    /// <summary>Whether the run wrote any data file at all (a stopped run on older versions keeps only its manifest).</summary>
    public bool HasData => Tags.Count + Populations.Count + Weights.Count + Histograms.Count + Summary.Count + States.Count > 0 || Spikes is { Count: > 0 };
}
