using System.Globalization;
using Neurotag.Plotting;
using Neurotag.Plotting.Data;
using Neurotag.Plotting.Figures;
using ScottPlot;

namespace Neurotag.Cli.Tests;

/// <summary>
/// <c>plot</c>, <c>run --plot</c> and <c>sweep --plot</c> end to end on small real runs: what the figures show
/// (points, axes, labels, means), checked against the CSV files read independently here, not against pixels.
/// </summary>
public sealed class PlotCommandTests
{
    /// <summary>
    /// A short COBA network (1000 neurons) with a 60-day offline phase between two 100 ms online phases, recording the
    /// spikes of 900 neurons (800 excitatory, 100 inhibitory) and v of three neurons.
    /// </summary>
    private static string SpikingScenario(TempFolder temp)
    {
        string text = File.ReadAllText(CliHarness.Scenario("coba-benchmark.yaml"))
            .Replace("size: 4000", "size: 1000", StringComparison.Ordinal)
            .Replace("[0, 3199]", "[0, 799]", StringComparison.Ordinal)
            .Replace("[3200, 3999]", "[800, 999]", StringComparison.Ordinal)
            .Replace("  - { phase: run, duration: 1 s }", "  - { phase: before, duration: 100 ms }\n  - { phase: healing, duration: 60 day, offline: true }\n  - { phase: after, duration: 100 ms }", StringComparison.Ordinal)
            .Replace("  every: 100 ms", "  every: 10 ms\n  spikes: { population: neurons, neurons: 900 }\n  state: { population: neurons, variable: v, neurons: [0, 2], every: 1 ms }", StringComparison.Ordinal);
        text = text[..text.IndexOf("expect:", StringComparison.Ordinal)];
        string path = temp.Sub("coba-plot.yaml");
        File.WriteAllText(path, text);
        return path;
    }

    private static string RunSpiking(TempFolder temp)
    {
        string run = temp.Sub("run");
        var result = CliHarness.Run("run", SpikingScenario(temp), "--out", run, "--quiet");
        Assert.True(result.Exit == 0, result.Err);
        return run;
    }

    /// <summary>spikes.csv read here with a plain split: (t_ms, neuron) of every row.</summary>
    private static List<(double T, int Neuron)> SpikesOf(string run)
    {
        var lines = File.ReadAllLines(Path.Combine(run, "spikes.csv"));
        var header = lines[0].Split(',');
        int t = Array.IndexOf(header, "t_ms"), n = Array.IndexOf(header, "neuron");
        return lines.Skip(1).Select(l => l.Split(',')).Select(f => (double.Parse(f[t], CultureInfo.InvariantCulture), int.Parse(f[n], CultureInfo.InvariantCulture))).ToList();
    }

    [Fact]
    public void Plot_SpikingRun_WritesEveryRecordedFigureAsPngOfTheRightSize()
    {
        using var temp = new TempFolder();
        string run = RunSpiking(temp);
        var result = CliHarness.Run("plot", run);
        Assert.True(result.Exit == 0, result.Err);
        var written = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["trajectories", "phase-summary", "raster", "state"], written.Select(Path.GetFileNameWithoutExtension));
        foreach (string file in written)
        {
            byte[] png = File.ReadAllBytes(file);
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
            int width = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4));
            int height = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4));
            var figure = Plotter.BuildRunFigures(Plotter.LoadRun(run, []), [Path.GetFileNameWithoutExtension(file)]).Single();
            Assert.Equal((figure.Width, figure.Height), (width, height));
            Assert.Equal(Path.Combine(run, "figures"), Path.GetDirectoryName(file));
        }

        Assert.Empty(Directory.GetFiles(Path.Combine(run, "figures"), ".*")); // no temporary file left behind
    }

    [Fact]
    public void Raster_PointCount_EqualsTheSpikesInTheWindow()
    {
        using var temp = new TempFolder();
        string run = RunSpiking(temp);
        var context = Plotter.LoadRun(run, []);
        var spikes = SpikesOf(run);
        Assert.True(spikes.Count > 500, $"only {spikes.Count} spikes: the test network is too quiet to test anything");

        foreach (var (from, to) in new[] { (double.NegativeInfinity, double.PositiveInfinity), (20.0, 60.0), (5184000000.0 + 100, 5184000000.0 + 150) })
        {
            var figure = RasterFigure.Build(context, from, to)!;
            var raster = figure.Panels[0].Plot;
            int drawn = raster.GetPlottables<ScottPlot.Plottables.Markers>().Sum(m => m.Data.GetScatterPoints().Count);
            int expected = spikes.Count(s => s.T >= from && s.T <= to);
            Assert.True(expected > 0, $"no spike in [{from}, {to}]");
            Assert.Equal(expected, drawn);
        }
    }

    [Fact]
    public void Raster_WhenThinned_DrawsEverySpikeOfTheKeptNeuronsAndSaysSo()
    {
        using var temp = new TempFolder();
        string run = RunSpiking(temp);
        var context = Plotter.LoadRun(run, []) with { MaxRasterPoints = 300 };
        var model = RasterFigure.Model(context, double.NegativeInfinity, double.PositiveInfinity)!;
        Assert.True(model.Stride > 1);

        // Kept neurons: every Stride-th member (by rank) of each group; counted from spikes.csv independently.
        var kept = model.Groups.SelectMany(g => g.Group.Neurons.Where((_, rank) => rank % model.Stride == 0)).ToHashSet();
        Assert.Equal(SpikesOf(run).Count(s => kept.Contains(s.Neuron)), model.SpikesDrawn);
        var figure = RasterFigure.Build(context)!;
        Assert.Contains($"every {model.Stride}th neuron", string.Join(" ", figure.Notes), StringComparison.Ordinal);
        Assert.Contains("thinned", FigureWriter.Svg(figure), StringComparison.Ordinal);
    }

    [Fact]
    public void Figures_Axes_CoverEveryDrawnPoint()
    {
        using var temp = new TempFolder();
        string run = RunSpiking(temp);
        var context = Plotter.LoadRun(run, []);
        int checkedPoints = 0;
        foreach (var figure in Plotter.BuildRunFigures(context))
        {
            foreach (var (plot, _) in figure.Panels)
            {
                var limits = plot.Axes.GetLimits();
                var points = plot.GetPlottables<ScottPlot.Plottables.Scatter>().SelectMany(s => s.Data.GetScatterPoints())
                    .Concat(plot.GetPlottables<ScottPlot.Plottables.Markers>().SelectMany(m => m.Data.GetScatterPoints()));
                foreach (var p in points)
                {
                    Assert.True(p.X >= limits.Left && p.X <= limits.Right && p.Y >= limits.Bottom && p.Y <= limits.Top, $"{figure.Name}: point ({p.X}, {p.Y}) outside {limits}");
                    checkedPoints++;
                }
            }
        }

        Assert.True(checkedPoints > 1000);
    }

    [Fact]
    public void Svg_NamesEveryPhaseAndLabelsTheOfflineBreakWithItsDuration()
    {
        Assert.True(FigureStyle.FontProblem is null, FigureStyle.FontProblem); // without a font SkiaSharp writes no text
        using var temp = new TempFolder();
        string run = RunSpiking(temp);
        var result = CliHarness.Run("plot", run, "--format", "svg", "--only", "trajectories", "raster", "--out", temp.Sub("svg"));
        Assert.True(result.Exit == 0, result.Err);
        foreach (string name in new[] { "trajectories", "raster" })
        {
            string svg = File.ReadAllText(Path.Combine(temp.Sub("svg"), name + ".svg"));
            Assert.StartsWith("<?xml", svg, StringComparison.Ordinal);
            var texts = System.Text.RegularExpressions.Regex.Matches(svg, @"<text[^>]*>\s*([^<]*?)\s*</text>").Select(m => m.Groups[1].Value).ToList();
            foreach (string phase in new[] { "before", "after" })
            {
                Assert.Contains(phase, texts);
            }

            Assert.Contains("60 days offline", texts);
        }

        Assert.Equal(2, Directory.GetFiles(temp.Sub("svg")).Length);
    }

    [Fact]
    public void Plot_ChronicPain_BreakIsNarrowAndProbesSitSideBySide()
    {
        using var temp = new TempFolder();
        string run = temp.Sub("cp");
        var r = CliHarness.Run("run", CliHarness.Scenario("chronic-pain.yaml"), "--out", run, "--quiet", "--plot");
        Assert.True(r.Exit == 0, r.Err);
        Assert.Contains("figure: ", r.Err, StringComparison.Ordinal);
        Assert.Equal(run, r.Out.Trim()); // stdout still carries only the run folder
        var axis = Plotter.LoadRun(run, []).Axis;
        var healing = axis.Segments.Single(s => s.Phase.Name == "healing");
        var chronic = axis.Segments.Single(s => s.Phase.Name == "probe-chronic");
        Assert.True(healing.Phase.Offline);
        Assert.Equal(60 * 86_400_000.0, healing.Phase.DurationMs, 3);
        Assert.True(healing.Width < 0.1 * axis.Width, $"the 60-day break takes {healing.Width} of {axis.Width}");
        Assert.Equal(1.0, chronic.Width, 9); // a 1 s probe stays 1 s wide
        string svg = FigureWriter.Svg(TrajectoryFigure.Build(Plotter.LoadRun(run, []))!);
        Assert.Contains("60 days offline", svg, StringComparison.Ordinal);
        foreach (string phase in new[] { "probe-before", "injury", "probe-acute", "probe-chronic", "probe-touch" })
        {
            Assert.Contains(phase, svg, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Sweep_WithPlot_FigureMeansEqualTheMeansOfSummaryCsv()
    {
        using var temp = new TempFolder();
        string sweep = temp.Sub("sweep");
        var r = CliHarness.Run("sweep", CliHarness.Scenario("hebbian-assembly.yaml"), "--out", sweep, "--quiet", "--plot", "--seeds", "2",
            "--grid", "projections.recurrent.plasticity.rate=0.004,0.012", "--grid", "inputs.background.std=0.03,0.06");
        Assert.True(r.Exit == 0, r.Err);
        Assert.True(File.Exists(Path.Combine(sweep, "figures", "sweep-rate-0.png")), r.Err);
        Assert.True(File.Exists(Path.Combine(sweep, "figures", "sweep-std-1.png")), r.Err);

        var data = SweepData.Read(sweep);
        var facts = ScenarioFacts.TryLoad(data.ScenarioPath, data.ScenarioSha256, 0, new Dictionary<string, string>(), sweep, out _);
        Assert.NotNull(facts);
        var metrics = SweepFigure.ChooseMetrics(data, facts);
        var figure = SweepFigure.Build(data, facts)[0];
        int checkedPoints = 0;
        for (int k = 0; k < metrics.Count; k++)
        {
            var m = metrics[k];

            // Independent: summary.csv split by hand; each point's (id) last row of the metric's phase, then the mean
            // over seeds per (rate, std).
            var lines = File.ReadAllLines(Path.Combine(sweep, "summary.csv"));
            var h = lines[0].Split(',');
            int Col(string name) => Array.IndexOf(h, name);
            var perPoint = new Dictionary<string, string[]>();
            foreach (var f in lines.Skip(1).Select(l => l.Split(',')))
            {
                if (f[Col("phase")] == m.Phase && (m.Rep is null || f[Col("rep")] == m.Rep.Value.ToString(CultureInfo.InvariantCulture))
                    && f[Col("kind")] == m.Key.Kind && f[Col("name")] == m.Key.Name && f[Col("metric")] == m.Key.Metric && f[Col("other")] == m.Key.Other)
                {
                    perPoint[f[Col("id")]] = f;
                }
            }

            var expected = perPoint.Values
                .GroupBy(f => (Rate: double.Parse(f[Col("projections.recurrent.plasticity.rate")], CultureInfo.InvariantCulture), Std: f[Col("inputs.background.std")]))
                .ToDictionary(g => g.Key, g => (Mean: g.Average(f => double.Parse(f[Col("value")], CultureInfo.InvariantCulture)), Count: g.Count()));
            Assert.Equal(4, expected.Count);
            Assert.All(expected.Values, e => Assert.Equal(2, e.Count));

            var plot = figure.Panels[1 + k].Plot; // panel 0 is the header
            var curves = plot.GetPlottables<ScottPlot.Plottables.Scatter>().ToList();
            Assert.Equal(2, curves.Count); // one line per background std
            foreach (var curve in curves)
            {
                string level = curve.LegendText.Split(" = ")[1];
                foreach (var point in curve.Data.GetScatterPoints())
                {
                    Assert.Equal(expected[(point.X, level)].Mean, point.Y, 12);
                    checkedPoints++;
                }
            }
        }

        Assert.Equal(metrics.Count * 4, checkedPoints);
    }

    [Fact]
    public void Plot_FolderThatIsNotARun_Exits2NamingWhatIsMissing()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp.Sub("notes.txt"), "mine");
        var result = CliHarness.Run("plot", temp.Path);
        Assert.Equal(2, result.Exit);
        Assert.Contains("manifest.json", result.Err, StringComparison.Ordinal);
        Assert.Contains("plan.json", result.Err, StringComparison.Ordinal);
        Assert.False(Directory.Exists(temp.Sub("figures")));

        var missing = CliHarness.Run("plot", temp.Sub("nowhere"));
        Assert.Equal(2, missing.Exit);
        Assert.Contains("no such folder", missing.Err, StringComparison.Ordinal);

        var unknown = CliHarness.Run("plot", temp.Path, "--only", "histogram");
        Assert.Equal(2, unknown.Exit);
        Assert.Contains("'histogram'", unknown.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void Plot_RunStoppedByAChecker_PlotsWhatWasWrittenAndSaysSo()
    {
        using var temp = new TempFolder();
        string run = RunSpiking(temp);

        // A run a checker stopped halfway: the manifest says so, and the files hold only the first phase.
        string manifest = File.ReadAllText(Path.Combine(run, "manifest.json"))
            .Replace("\"exit_status\": \"ok\"", "\"exit_status\": \"stopped\"", StringComparison.Ordinal)
            .Replace("\"message\": \"\"", "\"message\": \"rate of population 'neurons' exceeded 1000 Hz\"", StringComparison.Ordinal);
        File.WriteAllText(Path.Combine(run, "manifest.json"), manifest);
        foreach (string file in new[] { "tags.csv", "populations.csv", "spikes.csv", "state.csv" })
        {
            string path = Path.Combine(run, file);
            var lines = File.ReadAllLines(path);
            int t = Array.IndexOf(lines[0].Split(','), "t_ms");
            File.WriteAllLines(path, lines.Take(1).Concat(lines.Skip(1).Where(l => double.Parse(l.Split(',')[t], CultureInfo.InvariantCulture) <= 50)));
        }

        File.Delete(Path.Combine(run, "summary.csv"));
        var result = CliHarness.Run("plot", run);
        Assert.True(result.Exit == 0, result.Err);
        Assert.Contains("stopped by a checker", result.Err, StringComparison.Ordinal);
        Assert.Contains("exceeded 1000 Hz", result.Err, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(run, "figures", "raster.png")));
        var context = Plotter.LoadRun(run, []);
        Assert.Contains("stopped", string.Join(" ", TrajectoryFigure.Build(context)!.Notes), StringComparison.Ordinal);
        Assert.True(context.Axis.Timeline.Instances[^1].EndMs <= 50); // the axis ends where the data ends

        // Stopped before writing anything: nothing to draw, exit 3.
        foreach (string file in Directory.GetFiles(run, "*.csv"))
        {
            File.Delete(file);
        }

        var empty = CliHarness.Run("plot", run, "--out", temp.Sub("none"));
        Assert.Equal(3, empty.Exit);
        Assert.Contains("wrote no data", empty.Err, StringComparison.Ordinal);
    }
}
