using System.Globalization;
using Neurotag.Core.Specs;

namespace Neurotag.Core.Recording;

/// <summary>
/// The CSV output a run will write, projected from the spec alone, before anything runs or is allocated, so that a
/// scenario whose output would fill a disk is refused at validation and <c>describe</c> can show the figure.
/// </summary>
/// <remarks>
/// <para>
/// Rows are counted as the recorders write them (RateRecorder, SpikingRecorder, StructuralSummary, WeightSummary, PhaseRows):
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

        bool traces = record.Modulators.Count > 0 || record.Synapses.Count > 0;
        if (record.PopulationRate || traces)
        {
            Add("populations.csv", 0, "t_ms,phase,rep,population,metric,value,unit\n".Length);
        }

        if (record.TagMetrics.Count > 0 || record.PopulationRate || traces)
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
        var poissonRates = spec.Populations.Where(p => p.Neuron.SourceRateHz() is not null).ToDictionary(p => p.Name, p => p.Neuron.SourceRateHz()!.Value, StringComparer.Ordinal);
        var stateUnit = record.State is { } stateSpec ? UnitSymbols.State(stateSpec.Variable, spec.Populations.First(p => p.Name == stateSpec.Population).Neuron) : "";
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

            Add("weights.csv", samples * weights.BlockCount, samples * (weights.PerProjection.Sum(r => r.Blocks * (prefix + r.NameLength + (4.0 * (NumberWidth + 1)) + 4)) + weights.BlockCharacters));
            if (weightSpec.HistogramBins > 0)
            {
                Add("weight_hist.csv", samples * weightSpec.HistogramBins * weights.PerProjection.Count, samples * (weights.PerProjection.Sum(r => weightSpec.HistogramBins * (prefix + r.NameLength + weights.CountDigits + 4.0)) + weights.BinEdgeCharacters));
            }
        }

        void AddStateSample(double samples, double prefix)
        {
            if (spec.IsSpiking && record.State is { } state)
            {
                double neurons = state.Last - state.First + 1;
                string variable = state.Variable;
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
            // A source's rate changes with a set: of its "rate" (the name PoissonNeuronSpec declares).
            foreach (var set in phase.Sets.Where(s => poissonRates.ContainsKey(s.Population) && s.Parameter == "rate"))
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

    internal static int Digits(double value) => value < 10 ? 1 : (int)Math.Floor(Math.Log10(value)) + 1;

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

    internal static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

}
