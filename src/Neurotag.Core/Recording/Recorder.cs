using Neurotag.Core.Network;
using Neurotag.Core.Specs;

namespace Neurotag.Core.Recording;

/// <summary>
/// Samples the recorded series and sends them to a sink (NEST's split between recording device and backend).
/// Also keeps, per phase instance, the running mean of every tag and population series for summary.csv.
/// </summary>
internal sealed partial class Recorder
{
    private readonly RateNetwork _network;
    private readonly RecordSpec _spec;
    private readonly Clock _clock;
    private readonly IRecordSink _sink;
    private readonly List<Series> _series = [];
    private readonly DenseProjection? _weightProjection;
    private readonly List<(string Name, int[] Members)> _weightFrom = [];
    private readonly List<(string Name, int[] Members)> _weightTo = [];

    public Recorder(RateNetwork network, RecordSpec spec, Clock clock, IRecordSink sink)
    {
        _network = network;
        _spec = spec;
        _clock = clock;
        _sink = sink;
        BuildSeries();
        if (spec.Weights is { } weights)
        {
            _weightProjection = network.Projections.First(p => p.Name == weights.Projection);
            foreach (var tag in network.Tags)
            {
                if (ReferenceEquals(tag.Population, _weightProjection.Pre))
                {
                    _weightFrom.Add((tag.Name, tag.Members));
                }

                if (ReferenceEquals(tag.Population, _weightProjection.Post))
                {
                    _weightTo.Add((tag.Name, tag.Members));
                }
            }
        }
    }

    /// <summary>Resets the per-phase means.</summary>
    public void BeginPhase()
    {
        foreach (var s in _series)
        {
            s.Sum = 0;
            s.Count = 0;
        }
    }

    /// <summary>Samples every tag and population series at global step <paramref name="step"/>.</summary>
    public void Sample(long step, PhaseSpec phase)
    {
        double t = _clock.TimeMs(step);
        foreach (var s in _series)
        {
            double value = s.Evaluate();
            s.Last = value;
            s.Sum += value;
            s.Count++;
            if (s.Kind == SeriesKind.Tag)
            {
                _sink.Write(new TagSample(t, phase.Name, phase.Rep, s.Name, s.Metric, s.Other, value));
            }
            else
            {
                _sink.Write(new PopulationSample(t, phase.Name, phase.Rep, s.Name, s.Metric, value));
            }
        }
    }

    /// <summary>Whether weights are recorded at phase-relative step count <paramref name="stepsIntoPhase"/>.</summary>
    public bool WeightsDue(long stepsIntoPhase) => _spec.Weights is { } w && stepsIntoPhase % w.EverySteps == 0;

    /// <summary>Writes weight-block statistics and the histogram of the recorded projection.</summary>
    public void SampleWeights(long step, PhaseSpec phase)
    {
        if (_weightProjection is not { } p || _spec.Weights is not { } spec)
        {
            return;
        }

        double t = _clock.TimeMs(step);
        WriteBlock(t, phase, p, "*", null, "*", null);
        foreach (var (fromName, fromMembers) in _weightFrom)
        {
            foreach (var (toName, toMembers) in _weightTo)
            {
                WriteBlock(t, phase, p, fromName, fromMembers, toName, toMembers);
            }
        }

        if (spec.HistogramBins > 0)
        {
            WriteHistogram(t, phase, p, spec.HistogramBins);
        }
    }

    /// <summary>Writes the per-phase means of protocol entry <paramref name="instance"/> to the summary.</summary>
    public void EndPhase(PhaseSpec phase, int instance)
    {
        foreach (var s in _series.Where(s => s.Count > 0))
        {
            string kind = s.Kind == SeriesKind.Tag ? "tag" : "population";
            _sink.Write(new SummaryRow(phase.Name, phase.Rep, kind, s.Name, s.Metric, s.Other, s.Sum / s.Count));
        }

        StructuralSummary.Write(_network, phase, _sink);

        _sink.PhaseCompleted(instance);
    }

    private void BuildSeries()
    {
        var metrics = _spec.TagMetrics;
        foreach (var tag in _network.Tags)
        {
            var recurrent = TagMetrics.RecurrentExcitatory(_network, tag.Population);
            if (metrics.Contains(TagMetric.Activation))
            {
                _series.Add(new Series(SeriesKind.Tag, tag.Name, "activation", "", () => TagMetrics.Activation(tag)));
            }

            if (metrics.Contains(TagMetric.Strength))
            {
                _series.Add(new Series(SeriesKind.Tag, tag.Name, "strength", "", () => TagMetrics.MeanWeight(tag.Members, tag.Members, recurrent)));
            }

            var partners = _network.Tags.Where(o => o != tag && ReferenceEquals(o.Population, tag.Population)).ToList();
            AddRetrievalSeries(tag); // Recorder.Families.cs
            if (metrics.Contains(TagMetric.Coupling))
            {
                foreach (var other in _network.Tags.Where(o => o != tag && !SameFamily(tag, o)))
                {
                    var between = TagMetrics.Excitatory(_network, tag.Population, other.Population);
                    if (between.Count > 0)
                    {
                        _series.Add(new Series(SeriesKind.Tag, tag.Name, "coupling", other.Name, () => TagMetrics.MeanWeight(tag.Members, other.Members, between)));
                    }
                }
            }

            if (metrics.Contains(TagMetric.Ownership))
            {
                foreach (var other in partners.Where(o => tag.Family is null && o.Family is null && o.Members.Intersect(tag.Members).Any()))
                {
                    _series.Add(new Series(SeriesKind.Tag, tag.Name, "ownership", other.Name, () => TagMetrics.Ownership(tag, other, recurrent)));
                }
            }
        }

        AddFamilySeries();
        if (_spec.PopulationRate)
        {
            foreach (var population in _network.Populations)
            {
                _series.Add(new Series(SeriesKind.Population, population.Name, "rate", "", () => Mean(population.Rate)));
            }
        }

        if (_spec.PopulationIntrinsics)
        {
            foreach (var population in _network.Populations)
            {
                _series.Add(new Series(SeriesKind.Population, population.Name, "threshold", "", () => Mean(population.Threshold)));
                _series.Add(new Series(SeriesKind.Population, population.Name, "gain", "", () => population.Gain));
            }
        }
    }

    private void WriteBlock(double t, PhaseSpec phase, DenseProjection p, string fromName, int[]? from, string toName, int[]? to)
    {
        var block = new WeightBlockStatistics();
        int rows = to?.Length ?? p.PostCount;
        int cols = from?.Length ?? p.PreCount;
        for (int r = 0; r < rows; r++)
        {
            int lj = to is null ? r : p.PostLocal[to[r]];
            if (lj < 0)
            {
                continue;
            }

            long row = (long)lj * p.PreCount;
            for (int c = 0; c < cols; c++)
            {
                int li = from is null ? c : p.PreLocal[from[c]];
                if (li < 0 || !p.Exists(row + li))
                {
                    continue;
                }

                block.Add(p.Weights[row + li]);
            }
        }

        if (block.ToSample(t, phase, p.Name, fromName, toName) is { } sample)
        {
            _sink.Write(sample);
        }
    }

    private void WriteHistogram(double t, PhaseSpec phase, DenseProjection p, int bins)
    {
        double lo = p.Spec.Weight.Min;
        double hi = p.Spec.Weight.Max;
        double width = (hi - lo) / bins;
        var counts = new long[bins];
        for (long k = 0; k < p.Weights.LongLength; k++)
        {
            if (p.Exists(k))
            {
                int bin = (int)((p.Weights[k] - lo) / width);
                counts[Math.Clamp(bin, 0, bins - 1)]++;
            }
        }

        for (int b = 0; b < bins; b++)
        {
            double binLow = lo + (b * width);
            double binHigh = b == bins - 1 ? hi : lo + ((b + 1) * width);
            _sink.Write(new WeightHistogramSample(t, phase.Name, phase.Rep, p.Name, binLow, binHigh, counts[b]));
        }
    }

    private static double Mean(float[] values)
    {
        double sum = 0;
        foreach (float v in values)
        {
            sum += v;
        }

        return values.Length == 0 ? double.NaN : sum / values.Length;
    }

    private enum SeriesKind
    {
        Tag,
        Population,
    }

    private sealed class Series(SeriesKind kind, string name, string metric, string other, Func<double> evaluate)
    {
        public SeriesKind Kind { get; } = kind;

        public string Name { get; } = name;

        public string Metric { get; } = metric;

        public string Other { get; } = other;

        public Func<double> Evaluate { get; } = evaluate;

        public double Sum { get; set; }

        /// <summary>The value of the latest sample (family aggregates average their members' latest values).</summary>
        public double Last { get; set; }

        public long Count { get; set; }
    }
}
