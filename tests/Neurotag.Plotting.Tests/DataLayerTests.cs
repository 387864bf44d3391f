using Neurotag.Plotting;
using Neurotag.Plotting.Data;
using Neurotag.Plotting.Figures;

namespace Neurotag.Plotting.Tests;

/// <summary>The data layer on hand-written run folders: readers, the phase timeline, the protocol axis, the raster model.</summary>
public sealed class DataLayerTests : IDisposable
{
    private const double Day = 86_400_000;
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "neurotag-plot-tests-" + Guid.NewGuid().ToString("N"));

    public DataLayerTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static PhaseTimeline ChronicLike() => new(
        [
            new PhaseInstance(0, "before", 0, 0, 1000, false),
            new PhaseInstance(1, "injury", 0, 1000, 6000, false),
            new PhaseInstance(2, "healing", 0, 6000, 6000 + (60 * Day), true),
            new PhaseInstance(3, "after", 0, 6000 + (60 * Day), 7000 + (60 * Day), false),
        ],
        "test");

    private void Write(string file, string text) => File.WriteAllText(Path.Combine(_dir, file), text.Replace("\r\n", "\n", StringComparison.Ordinal));

    private void Manifest(string status = "ok", string message = "") =>
        Write("manifest.json", $$"""{ "tool_version": "0.1.0", "scenario_path": "", "scenario_sha256": "", "seed": 1, "exit_status": "{{status}}", "message": "{{message}}" }""");

    [Theory]
    [InlineData("rate", "population rate")]
    [InlineData("v", "population v")]
    [InlineData("level", "modulator level")]
    [InlineData("weight", "synapse weight")]
    public void TrajectoryPanels_NameClosedLoopTracesByWhatTheyAre(string metric, string title) =>
        Assert.Equal(title, TrajectoryFigure.PopulationsCsvPanelTitle(metric));

    [Fact]
    public void ProtocolAxis_OnlinePhasesToScale_OfflinePhaseANarrowBreak()
    {
        var axis = new ProtocolAxis(ChronicLike());
        Assert.Equal(7, axis.OnlineSeconds, 12);
        Assert.Equal(Math.Min(0.06 * 7, 0.3 * 7), axis.BreakWidth, 12);
        double[] widths = [1.0, 5.0, axis.BreakWidth, 1.0];
        Assert.All(axis.Segments.Zip(widths), z => Assert.Equal(z.Second, z.First.Width, 12));
        Assert.Equal(7 + axis.BreakWidth, axis.Width, 12);

        // Within a phase: offset in seconds from its start; a sample at an offline phase's end sits at its break's right edge.
        Assert.Equal(0.5, axis.ToDisplay(500), 12);
        Assert.Equal(1 + 2.5, axis.ToDisplay(3500), 12);
        Assert.Equal(6 + axis.BreakWidth, axis.ToDisplay(6000 + (60 * Day)), 12);
        Assert.Equal(6 + axis.BreakWidth + 0.25, axis.ToDisplay(6250 + (60 * Day)), 12);
    }

    [Fact]
    public void ProtocolAxis_Ticks_CountOnlineSecondsAcrossTheBreak()
    {
        var axis = new ProtocolAxis(ChronicLike());
        var ticks = axis.Ticks(7);
        Assert.Equal(["0", "1", "2", "3", "4", "5", "6", "7"], ticks.Select(t => t.Label));
        Assert.Equal(6, ticks[6].Position, 12); // the end of injury, before the break
        Assert.Equal(7 + axis.BreakWidth, ticks[7].Position, 12);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1000, 0)] // a phase's last sample is at its end time
    [InlineData(1000.1, 1)]
    [InlineData(6000 + (60 * Day), 2)]
    [InlineData(1e12, 3)]
    public void PhaseTimeline_Find_PutsASampleInThePhaseThatEndsAtIt(double timeMs, int instance) =>
        Assert.Equal(instance, ChronicLike().Find(timeMs));

    [Theory]
    [InlineData(60 * Day, "60 days")]
    [InlineData(Day, "1 day")]
    [InlineData(3_600_000, "1 h")]
    [InlineData(90_000, "1.5 min")]
    [InlineData(250, "250 ms")]
    public void DurationText_SaysDurationsAsPeopleDo(double ms, string text) => Assert.Equal(text, PhaseTimeline.DurationText(ms));

    [Fact]
    public void RunReader_TargetFormat_ReadsPhasesUnitsInstancesAndLabelledSpikes()
    {
        Manifest();
        Write("phases.csv", "phase,rep,instance,start_ms,end_ms,kind,steps\nbefore,0,0,0,1000,online,1000\nhealing,0,1,1000,5184001000,offline,5184000000\nafter,0,2,5184001000,5184002000,online,1000\n");
        Write("tags.csv", "t_ms,phase,rep,tag,metric,other,value,unit\n0,before,0,\"a,b\",activation,,0,Hz\n1000,before,0,\"a,b\",activation,,2.5,Hz\n5184001000,healing,0,\"a,b\",activation,,0,Hz\n5184002000,after,0,\"a,b\",activation,,3,Hz\n");
        Write("summary.csv", "phase,rep,instance,kind,name,metric,other,value,unit\nbefore,0,0,tag,\"a,b\",activation,,1.25,Hz\nafter,0,2,tag,\"a,b\",activation,,3,Hz\n");
        Write("spikes.csv", "t_ms,phase,rep,population,neuron\n0.5,before,0,exc,3\n999,before,0,exc,4\n5184001500,after,0,inh,0\n");

        var data = RunReader.Read(_dir);
        Assert.Equal("phases.csv", data.Timeline.Source);
        Assert.True(data.Timeline.Instances[1].Offline);
        var series = Assert.Single(data.Tags);
        Assert.Equal(new SeriesKey("tag", "a,b", "activation", ""), series.Key);
        Assert.Equal("Hz", series.Unit);
        Assert.Equal([0, 0, 1, 2], series.Phases);
        Assert.Equal([0, 2], data.Summary.Select(r => r.Instance!.Value));
        Assert.Equal(["exc", "inh"], data.Spikes!.Populations);
        Assert.Equal([3, 4, 0], data.Spikes.Neurons);
        Assert.Equal([0, 0, 1], data.Spikes.PopulationIndex);
    }

    [Fact]
    public void RunReader_LegacyFormat_RebuildsPhasesFromSamplesAndSkipsNaNRows()
    {
        Manifest();
        Write("tags.csv", "t_ms,phase,rep,tag,metric,other,value\n10,probe,0,pain,activation,,0.1\n10,probe,0,pain,strength,,NaN\n20,probe,0,pain,activation,,0.2\n20,probe,0,pain,strength,,NaN\n86400020,practice.gap,0,pain,activation,,0\n86400030,probe,1,pain,activation,,0.3\n");
        Write("summary.csv", "phase,rep,kind,name,metric,other,value\nprobe,0,tag,pain,activation,,0.15\nprobe,1,tag,pain,activation,,0.3\n");

        var data = RunReader.Read(_dir);
        Assert.Equal("samples", data.Timeline.Source);
        Assert.Equal(["probe", "practice.gap", "probe"], data.Timeline.Instances.Select(p => p.Name));
        Assert.Equal([false, true, false], data.Timeline.Instances.Select(p => p.Offline));
        Assert.Single(data.Tags); // strength was NaN throughout: not a series
        Assert.Equal([0, 2], data.Summary.Select(r => r.Instance!.Value)); // repeated name: instances in order
    }

    [Fact]
    public void RunReader_MalformedNumber_NamesFileLineAndColumn()
    {
        Manifest();
        Write("tags.csv", "t_ms,phase,rep,tag,metric,other,value\n10,probe,0,pain,activation,,0.1\n20,probe,0,pain,activation,,zero\n");
        var e = Assert.Throws<PlotInputException>(() => RunReader.Read(_dir));
        Assert.Contains("tags.csv:3:29:", e.Message, StringComparison.Ordinal);
        Assert.Contains("'value'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plotter_FolderWithoutManifestOrPlan_IsRejectedNamingBoth()
    {
        var e = Assert.Throws<PlotInputException>(() => Plotter.Plot(_dir, new PlotOptions()));
        Assert.Contains("manifest.json", e.Message, StringComparison.Ordinal);
        Assert.Contains("plan.json", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RasterModel_CountsExactlyTheSpikesInTheWindow()
    {
        var timeline = ChronicLike();
        var axis = new ProtocolAxis(timeline);
        var random = new Random(7);
        var times = Enumerable.Range(0, 5000).Select(_ => random.NextDouble() * 6000).Concat(Enumerable.Range(0, 1000).Select(_ => (6000 + (60 * Day)) + (random.NextDouble() * 1000))).Order().ToArray();
        var neurons = times.Select(_ => random.Next(0, 50)).ToArray();
        var spikes = new SpikeData(["p"], times, neurons, new int[times.Length]);
        var groups = RasterModel.GroupNeurons([("p", 50)], [("a", "p", Enumerable.Range(0, 20).ToArray(), Polarity.Excitatory), ("b", "p", Enumerable.Range(10, 20).ToArray(), Polarity.Excitatory)], _ => Polarity.Inhibitory);
        Assert.Equal(["a", "a+b", "b", "p (untagged)"], groups.Select(g => g.Label));
        Assert.Equal([10, 10, 10, 20], groups.Select(g => g.Neurons.Length));
        Assert.Equal(Polarity.Inhibitory, groups[^1].Polarity);

        var model = RasterModel.Build(spikes, groups, axis, 1000, 3000, int.MaxValue);
        int expected = times.Count(t => t is >= 1000 and <= 3000);
        Assert.Equal(expected, model.SpikesInWindow);
        Assert.Equal(expected, model.SpikesDrawn);
        Assert.All(model.X.SelectMany(x => x), x => Assert.InRange(x, 1, 3));

        // The rate integrates back to the spike count: Σ rate × neurons × bin width = spikes.
        double total = 0;
        foreach (var (_, polarity, segments) in model.Rates)
        {
            int n = groups.Where(g => g.Polarity == polarity).Sum(g => g.Neurons.Length);
            total += segments.Sum(s => s.Rate.Sum()) * n * model.BinMs / 1000;
        }

        Assert.Equal(expected, total, 6);
    }

    [Fact]
    public void SweepPoint_StandardDeviation_IsTheSampleStandardDeviation()
    {
        var point = new SweepPoint("x", 0, [1, 2, 3, 4]);
        Assert.Equal(2.5, point.Mean, 14);
        Assert.Equal(Math.Sqrt(5.0 / 3.0), point.StandardDeviation, 14); // Σ(x − 2.5)² = 5, n − 1 = 3
        Assert.Equal(0, new SweepPoint("x", 0, [7]).StandardDeviation);
    }

    [Theory]
    [InlineData("30 day", 30, "day")]
    [InlineData("0.5", 0.5, "")]
    [InlineData("-2e-3 ms", -0.002, "ms")]
    public void SweepLevels_ParseAsQuantities(string text, double number, string unit) =>
        Assert.Equal((number, unit), SweepData.ParseQuantity(text));

    [Fact]
    public void FigureWriter_Png_HasThePngSignatureAndTheFigureSize()
    {
        var figure = new Figure("t", 321, 123);
        figure.Panels.Add((FigureStyle.NewPanel(), new ScottPlot.PixelRect(0, 321, 123, 0)));
        byte[] png = FigureWriter.Png(figure);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        Assert.Equal(321, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)));
        Assert.Equal(123, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));
    }
}
