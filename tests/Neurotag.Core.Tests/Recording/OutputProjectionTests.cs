using Neurotag.Core.Rate;
using Neurotag.Core.Recording;
using Neurotag.Core.Specs;

namespace Neurotag.Core.Tests.Recording;

/// <summary>
/// <see cref="OutputProjection"/> against the rows the rate recorder really writes (counted in a
/// <see cref="MemoryRecordSink"/> after a run), and the overflow safety of time and size arithmetic
/// (<see cref="Clock.TimeMs"/>, <see cref="NetworkFootprint"/>) against independent decimal arithmetic.
/// </summary>
public sealed class OutputProjectionTests
{
    private static readonly WeightSpec Weights = new(new ConstantDistribution(0.01), 0, 1);

    /// <summary>
    /// Every kind of row: tag metrics with coupling between populations, ownership of overlapping ranges, a tag family
    /// (its per-family means, and no ownership or coupling among its members), population rate and intrinsics,
    /// weight blocks and a histogram, structural counts of a pruned projection; online phases whose lengths are not
    /// multiples of the sampling intervals, an offline phase, and repetitions.
    /// </summary>
    private static SimulationSpec EveryKindOfRow()
    {
        var spec = new SpecBuilder()
            .Population("cortex", 40)
            .Population("area", 20)
            .TagRange("a", "cortex", 0, 14)
            .TagRange("b", "cortex", 10, 24)
            .TagRange("c", "area", 0, 9)
            .Input("cue", "a", 1.0, targetIsTag: true)
            .Projection("rec", "cortex", "cortex", Weights, plasticity: new PlasticitySpec(PlasticityRule.Hebbian, 0.1, null, null, 1.0), pruning: new PruningSpec(1e-9, 20, 10))
            .Projection("ff", "cortex", "area", Weights)
            .Phase("learn", 50, inputs: ["cue"])
            .Phase("rest", 1000, offline: true)
            .Phase("probe", 20, inputs: ["cue"], rep: 0)
            .Phase("probe", 21, inputs: ["cue"], rep: 1)
            .Record(3, [TagMetric.Activation, TagMetric.Strength, TagMetric.Coupling, TagMetric.Ownership, TagMetric.Recall, TagMetric.Spurious], populationRate: true, weights: new WeightRecordSpec("rec", 7, 5))
            .Build();
        TagSpec[] family = [new("mem.0", "cortex", 5, null, []) { Family = "mem" }, new("mem.1", "cortex", 5, null, []) { Family = "mem" }];
        return spec with { Tags = [.. spec.Tags, .. family], Record = spec.Record with { PopulationIntrinsics = true } };
    }

    [Fact]
    public void Rows_OfEveryRecordedFile_EqualTheRowsTheRecorderWrites()
    {
        var spec = EveryKindOfRow();
        var sink = new MemoryRecordSink();
        new RateSimulator(spec).Run(sink);

        var rows = OutputProjection.Of(spec).RowsByFile;

        Assert.Equal(sink.Tags.Count, rows["tags.csv"]);
        Assert.Equal(sink.Populations.Count, rows["populations.csv"]);
        Assert.Equal(sink.Summary.Count, rows["summary.csv"]);
        Assert.Equal(sink.Phases.Count, rows["phases.csv"]);
        Assert.Equal(sink.WeightBlocks.Count, rows["weights.csv"]);
        Assert.Equal(sink.WeightHistograms.Count, rows["weight_hist.csv"]);
        Assert.False(rows.ContainsKey("spikes.csv"));
        // The run wrote rows of every kind the fixture means to cover.
        Assert.Contains(sink.Tags, t => t.Metric == "ownership");
        Assert.Contains(sink.Tags, t => t.Metric == "coupling" && t.Other == "c");
        Assert.Contains(sink.Tags, t => t.Tag == "mem" && t.Metric == "recall");
        Assert.Contains(sink.Summary, r => r.Kind == "projection" && r.Metric == "pruned");
        Assert.Contains(sink.Tags, t => t.TimeMs == 0 && t.Phase == "learn");
        Assert.Contains(sink.WeightBlocks, b => b.TimeMs == 0 && b.Phase == "learn");
    }

    /// <summary>
    /// Guards the projection against counting series the recorders no longer build (the NaN rows they used to write),
    /// and against counting ownership between ranges that only a third range links. Population p (10 neurons) holds
    /// <c>whole</c> = [0, 9] and the chain x = [0, 3], y = [2, 5], z = [4, 7] (x and z share nothing); q (5) holds
    /// <c>w</c> = [0, 4]; the only projection is p → q, so nothing is recurrent. Per sample: activation 5 tags;
    /// strength none; spurious x, y, z (3; <c>whole</c> and <c>w</c> are their populations); ownership the ordered
    /// pairs of {whole-x, whole-y, whole-z, x-y, y-z} (10); coupling the 4 tags of p towards w (4): 22 series.
    /// 10 steps sampled every 3 (steps 3, 6, 9, 10) plus t = 0: 5 samples, 110 rows; summary 22; phases 1.
    /// </summary>
    [Fact]
    public void Rows_LeaveOutMetricsThatDoNotApply_AndOwnershipOfRangesThatDoNotIntersect()
    {
        var spec = new SpecBuilder()
            .Population("p", 10)
            .Population("q", 5)
            .TagRange("whole", "p", 0, 9)
            .TagRange("x", "p", 0, 3)
            .TagRange("y", "p", 2, 5)
            .TagRange("z", "p", 4, 7)
            .TagRange("w", "q", 0, 4)
            .Projection("ff", "p", "q", Weights)
            .Phase("run", 10)
            .Record(3, [TagMetric.Activation, TagMetric.Strength, TagMetric.Spurious, TagMetric.Ownership, TagMetric.Coupling])
            .Build();
        var sink = new MemoryRecordSink();
        new RateSimulator(spec).Run(sink);

        var rows = OutputProjection.Of(spec).RowsByFile;

        Assert.Equal(110, sink.Tags.Count);
        Assert.Equal(110, rows["tags.csv"]);
        Assert.Equal(22, rows["summary.csv"]);
        Assert.Equal(1, rows["phases.csv"]);
        Assert.DoesNotContain(sink.Tags, t => t.Metric == "ownership" && (t.Tag, t.Other) is ("x", "z") or ("z", "x"));
    }

    [Fact]
    public void BytesByPhase_AddUpToTheTotalLessTheHeaders()
    {
        var spec = EveryKindOfRow();
        var projection = OutputProjection.Of(spec);

        double headers = "phase,rep,instance,start_ms,end_ms,kind,steps\n".Length
            + "t_ms,phase,rep,tag,metric,other,value,unit\n".Length + "t_ms,phase,rep,population,metric,value,unit\n".Length
            + "phase,rep,instance,kind,name,metric,other,value,unit\n".Length + "t_ms,phase,rep,projection,from,to,mean,std,min,max,count\n".Length
            + "t_ms,phase,rep,projection,bin_lo,bin_hi,count\n".Length;
        Assert.Equal(projection.TotalBytes - headers, projection.BytesByPhase.Sum(), 6);
        Assert.Equal(spec.Protocol.Count, projection.BytesByPhase.Count);
    }

    [Fact]
    public void Projection_OfAHundredThousandFamilyMembers_CountsTenBillionCouplingRowsWithoutListingThem()
    {
        // 1e5 members of one population with a recurrent projection: 1e5 x (1e5 - 1) ordered coupling pairs in a
        // spiking network (rate networks leave out pairs of one family), sampled twice: at t = 0 and at the end of the
        // 10-step phase. Counted, never listed: this returns at once.
        var builder = new SpecBuilder().Population("cortex", 1000)
            .Projection("rec", "cortex", "cortex", Weights)
            .Phase("run", 10)
            .Record(10, [TagMetric.Coupling]);
        var spec = builder.Build();
        var family = Enumerable.Range(0, 100_000).Select(k => new TagSpec($"m.{k}", "cortex", 5, null, []) { Family = "m" }).ToList();
        var spiking = spec with
        {
            Populations = [new PopulationSpec("cortex", 1000, new PoissonNeuronSpec(5))],
            Tags = family,
        };

        var rows = OutputProjection.Of(spiking).RowsByFile;

        Assert.Equal(2 * 100_000.0 * 99_999, rows["tags.csv"]);
    }

    [Theory]
    [InlineData(100_000L, 20_000L)]                  // 2 s at 0.1 ms: the ordinary case, exact as before
    [InlineData(100_000L, 95_040_000_020_000L)]      // 110 000 days + 2 s at 0.1 ms: 9.504e19 ns, past long.MaxValue
    [InlineData(1_000_000_000L, 1_000_000_000_000_000L)] // the step limit at the largest dt (1 s): 1e24 ns
    [InlineData(7L, 1_317_624_576_693_539_402L)]     // long.MaxValue / 7 + 1 steps of 7 ns: the product just past long
    public void ClockTime_IsTheExactProductRoundedOnce_NeverNegative(long dtNanoseconds, long step)
    {
        double expected = (double)((decimal)step * dtNanoseconds / 1_000_000m);

        double actual = new Clock(dtNanoseconds).TimeMs(step);

        Assert.True(actual > 0);
        Assert.Equal(expected, actual, expected * 1e-15);
    }

    [Fact]
    public void MemoryEstimate_OfBillionNeuronAllToAllProjections_SaturatesInsteadOfOverflowing()
    {
        // 1e9 x 1e9 slots x 16 bytes (weight, mask, pruning counter and mask) = 1.6e19 > long.MaxValue (9.2e18).
        var spec = new SpecBuilder()
            .Population("big", 1_000_000_000)
            .Projection("rec", "big", "big", Weights, plasticity: new PlasticitySpec(PlasticityRule.Hebbian, 0.1, null, null, 1.0), pruning: new PruningSpec(1e-9, 20, 10))
            .Phase("run", 1)
            .Build();

        Assert.Equal(long.MaxValue, NetworkFootprint.Of(spec, _ => 1_000_000_000).Bytes);
        Assert.Equal(long.MaxValue, NetworkFootprint.SynapseSlots(spec.Projections[0], _ => long.MaxValue));
        Assert.Equal(1_000_000_000L * 1_000_000_000L, NetworkFootprint.SynapseSlots(spec.Projections[0], _ => 1_000_000_000));
    }
}
