using Neurotag.Core.Protocol;
using Neurotag.Core.Recording;
using Neurotag.Core.Specs;

namespace Neurotag.Core.Rate.Recording;

/// <summary>
/// Samples the recorded series and sends them to a sink (NEST's split between recording device and backend).
/// Also keeps, per phase instance, the running mean of every tag and population series for summary.csv.
/// A series is created only where its metric applies (no strength without a recurrent excitatory projection, no
/// spurious for a tag that is its whole population), so no file holds a column of NaN.
/// </summary>
internal sealed partial class RateRecorder : IRunRecorder
{
    /// <summary>Weights of rate networks: dimensionless float32.</summary>
    private static readonly ValueUnit WeightUnit = ValueUnit.OfFloat32State(UnitSymbols.Dimensionless);

    private readonly RateNetwork _network;
    private readonly RecordSpec _spec;
    private readonly Clock _clock;
    private readonly IRecordSink _sink;
    private readonly List<Series> _series = [];

    /// <summary>The recorded projections, in the order of record.weights, each with the tags on its pre and post side.</summary>
    private readonly List<(DenseProjection Projection, List<(string Name, int[] Members)> From, List<(string Name, int[] Members)> To)> _weightProjections = [];

    public RateRecorder(RateNetwork network, RecordSpec spec, Clock clock, IRecordSink sink)
    {
        _network = network;
        _spec = spec;
        _clock = clock;
        _sink = sink;
        BuildSeries();
        foreach (string name in spec.Weights?.Projections ?? [])
        {
            var projection = network.Projections.First(p => p.Name == name);
            var from = network.Tags.Where(t => ReferenceEquals(t.Population, projection.Pre)).Select(t => (t.Name, t.Members)).ToList();
            var to = network.Tags.Where(t => ReferenceEquals(t.Population, projection.Post)).Select(t => (t.Name, t.Members)).ToList();
            _weightProjections.Add((projection, from, to));
        }
    }

    /// <summary>Writes the phases.csv row of protocol entry <paramref name="instance"/> and resets the per-phase means.</summary>
    public void BeginPhase(PhaseSpec phase, int instance, long startStep)
    {
        PhaseRows.Write(_sink, _clock, phase, instance, startStep);
        foreach (var s in _series)
        {
            s.Sum = 0;
            s.Count = 0;
        }
    }

    /// <summary>
    /// The sample at t = 0 (the network as built, after the first phase's settings were applied): every series and,
    /// when weights are recorded, the weights. Labelled with the first phase; not part of any phase's mean.
    /// </summary>
    public void SampleInitial(PhaseSpec firstPhase)
    {
        Sample(0, firstPhase, accumulate: false);
        SampleWeights(0, firstPhase);
    }

    /// <summary>Nothing to record per step: rate series are read at the samples.</summary>
    public void SampleStep(long step, PhaseSpec phase)
    {
    }

    /// <summary>Samples every tag and population series at global step <paramref name="step"/>.</summary>
    public void Sample(long step, PhaseSpec phase) => Sample(step, phase, accumulate: true);

    private void Sample(long step, PhaseSpec phase, bool accumulate)
    {
        double t = _clock.TimeMs(step);
        foreach (var s in _series)
        {
            double value = s.Evaluate();
            s.Last = value;
            if (accumulate)
            {
                s.Sum += value;
                s.Count++;
            }

            if (s.Kind == SeriesKind.Tag)
            {
                _sink.Write(new TagSample(t, phase.Name, phase.Rep, s.Name, s.Metric, s.Other, value, s.Unit));
            }
            else
            {
                _sink.Write(new PopulationSample(t, phase.Name, phase.Rep, s.Name, s.Metric, value, s.Unit));
            }
        }
    }

    /// <summary>Whether weights are recorded at phase-relative step count <paramref name="stepsIntoPhase"/>.</summary>
    public bool WeightsDue(long stepsIntoPhase) => _spec.Weights is { } w && stepsIntoPhase % w.EverySteps == 0;

    /// <summary>Writes weight-block statistics and the histogram of each recorded projection, in the order of record.weights.</summary>
    public void SampleWeights(long step, PhaseSpec phase)
    {
        if (_spec.Weights is not { } spec)
        {
            return;
        }

        double t = _clock.TimeMs(step);
        foreach (var (p, weightFrom, weightTo) in _weightProjections)
        {
            WriteBlock(t, phase, p, "*", null, "*", null);
            foreach (var (fromName, fromMembers) in weightFrom)
            {
                foreach (var (toName, toMembers) in weightTo)
                {
                    WriteBlock(t, phase, p, fromName, fromMembers, toName, toMembers);
                }
            }

            if (spec.HistogramBins > 0)
            {
                WriteHistogram(t, phase, p, spec.HistogramBins);
            }
        }
    }

    /// <summary>Writes the per-phase means of protocol entry <paramref name="instance"/> to the summary.</summary>
    public void EndPhase(PhaseSpec phase, int instance)
    {
        foreach (var s in _series.Where(s => s.Count > 0))
        {
            string kind = s.Kind == SeriesKind.Tag ? "tag" : "population";
            _sink.Write(new SummaryRow(phase.Name, phase.Rep, instance, kind, s.Name, s.Metric, s.Other, s.Sum / s.Count, s.Unit));
        }

        for (int k = 0; k < _network.Projections.Count; k++)
        {
            if (_network.Prunings[k] is { } pruning)
            {
                StructuralSummary.Write(_sink, phase, instance, _network.Projections[k].Name, pruning);
            }
        }

        _sink.PhaseCompleted(instance);
    }

    private void BuildSeries()
    {
        var metrics = _spec.TagMetrics;
        foreach (var tag in _network.Tags)
        {
            var recurrent = RateTagMetrics.RecurrentExcitatory(_network, tag.Population);
            if (metrics.Contains(TagMetric.Activation))
            {
                _series.Add(new Series(SeriesKind.Tag, tag.Name, "activation", "", ValueUnit.RateUnits, () => RateTagMetrics.Activation(tag)));
            }

            if (metrics.Contains(TagMetric.Strength) && recurrent.Count > 0)
            {
                _series.Add(new Series(SeriesKind.Tag, tag.Name, "strength", "", WeightUnit, () => RateTagMetrics.MeanWeight(tag.Members, tag.Members, recurrent)));
            }

            if (metrics.Contains(TagMetric.Size) && recurrent.Count > 0)
            {
                double above = _spec.SizeAbove;
                _series.Add(new Series(SeriesKind.Tag, tag.Name, "size", "", ValueUnit.Dimensionless, () => AssemblySize.Fraction(tag, recurrent, above)));
            }

            var partners = _network.Tags.Where(o => o != tag && ReferenceEquals(o.Population, tag.Population)).ToList();
            AddRetrievalSeries(tag); // RateRecorder.Families.cs
            if (metrics.Contains(TagMetric.Coupling))
            {
                foreach (var other in _network.Tags.Where(o => o != tag && !SameFamily(tag, o)))
                {
                    var between = RateTagMetrics.Excitatory(_network, tag.Population, other.Population);
                    if (between.Count > 0)
                    {
                        _series.Add(new Series(SeriesKind.Tag, tag.Name, "coupling", other.Name, WeightUnit, () => RateTagMetrics.MeanWeight(tag.Members, other.Members, between)));
                    }
                }
            }

            if (metrics.Contains(TagMetric.Ownership))
            {
                foreach (var other in partners.Where(o => tag.Family is null && o.Family is null && o.Members.Intersect(tag.Members).Any()))
                {
                    _series.Add(new Series(SeriesKind.Tag, tag.Name, "ownership", other.Name, ValueUnit.Dimensionless, () => RateTagMetrics.Ownership(tag, other, recurrent)));
                }
            }
        }

        AddFamilySeries();
        if (_spec.PopulationRate)
        {
            foreach (var population in _network.Populations)
            {
                _series.Add(new Series(SeriesKind.Population, population.Name, "rate", "", ValueUnit.RateUnits, () => Mean(population.Rate)));
            }
        }

        if (_spec.PopulationIntrinsics)
        {
            foreach (var population in _network.Populations)
            {
                _series.Add(new Series(SeriesKind.Population, population.Name, "threshold", "", ValueUnit.RateUnits, () => Mean(population.Threshold)));
                _series.Add(new Series(SeriesKind.Population, population.Name, "gain", "", ValueUnit.Dimensionless, () => population.Gain));
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

        if (block.ToSample(t, phase, p.Name, fromName, toName, WeightUnit) is { } sample)
        {
            _sink.Write(sample);
        }
    }

    private void WriteHistogram(double t, PhaseSpec phase, DenseProjection p, int bins)
    {
        var histogram = new WeightHistogram(p.Spec.Weight.Min, p.Spec.Weight.Max, bins);
        for (long k = 0; k < p.Weights.LongLength; k++)
        {
            if (p.Exists(k))
            {
                histogram.Add(p.Weights[k]);
            }
        }

        histogram.Write(_sink, t, phase, p.Name);
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

    private sealed class Series(SeriesKind kind, string name, string metric, string other, ValueUnit unit, Func<double> evaluate)
    {
        public SeriesKind Kind { get; } = kind;

        public string Name { get; } = name;

        public string Metric { get; } = metric;

        public string Other { get; } = other;

        public ValueUnit Unit { get; } = unit;

        public Func<double> Evaluate { get; } = evaluate;

        public double Sum { get; set; }

        /// <summary>The value of the latest sample (family aggregates average their members' latest values).</summary>
        public double Last { get; set; }

        public long Count { get; set; }
    }
}
