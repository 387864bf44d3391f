using System.Globalization;
using Neurotag.Cli.Commands;

namespace Neurotag.Cli.Tests;

/// <summary>
/// Sizes, step counts and projected output beyond the documented limits (README "Limits", docs/scenario-reference.md):
/// every command refuses them with exit 2 at file:line:col, never with an internal error; <c>--allow-large</c> lifts
/// the output limit only; <c>describe</c> shows the projection, which is checked here against the files a run writes.
/// </summary>
public sealed class LimitsCommandTests
{
    /// <summary>The issue's case: a 1.1e9-neuron rate population connected all-to-all (the size is on line 3, column 16).</summary>
    private const string OversizedPopulation = """
        name: oversized
        populations:
          big: { size: 1100000000, neuron: { model: rate, tau: 10 ms } }
        tags:
          a: { population: big, neurons: [0, 9] }
        inputs:
          cue: { kind: current, target: a, amplitude: 1 }
        projections:
          rec: { from: big, to: big, connectivity: { rule: all_to_all }, weight: 0.1 }
        protocol:
          - { phase: run, duration: 1 s, inputs: [cue] }
        expect:
          - { phase: run, metric: tag.a.activation, above: 0 }
        """;

    /// <summary>
    /// A 1e11 s online phase (1e14 steps of 1 ms, within the step limit), whose samples would fill petabytes; the
    /// value of 'duration' is on line 10, column 29.
    /// </summary>
    private const string HugeOutput = """
        name: huge-output
        dt: 1 ms
        populations:
          p: { size: 10, neuron: { model: rate, tau: 10 ms } }
        tags:
          a: { population: p, neurons: [0, 4] }
        inputs:
          cue: { kind: current, target: a, amplitude: 1 }
        protocol:
          - { phase: run, duration: 1e11 s, inputs: [cue] }
        expect:
          - { phase: run, metric: tag.a.activation, above: 0 }
        """;

    private static string Write(TempFolder temp, string name, string text)
    {
        string path = temp.Sub(name);
        File.WriteAllText(path, text);
        return path;
    }

    private static string[] Command(string command, string file, TempFolder temp) => command switch
    {
        "run" => ["run", file, "--out", temp.Sub("out"), "--quiet"],
        "sweep" => ["sweep", file, "--out", temp.Sub("sweep"), "--quiet"],
        "slurm" => ["slurm", file, "--out", temp.Sub("slurm"), "--shards", "2"],
        _ => [command, file],
    };

    [Theory]
    [InlineData("validate")]
    [InlineData("run")]
    [InlineData("describe")]
    [InlineData("check")]
    [InlineData("sweep")]
    [InlineData("slurm")]
    public void OversizedPopulation_IsRefusedAtTheSizeKeyWithExitTwo_ByEveryCommand(string command)
    {
        using var temp = new TempFolder();
        string file = Write(temp, "oversized.yaml", OversizedPopulation);

        var (exit, _, stderr) = CliHarness.Run(Command(command, file, temp));

        Assert.True(exit == 2, stderr);
        Assert.Contains($"{file}:3:16: populations.big.size: 1,100,000,000 neurons exceed the limit of 1,000,000,000 per population (hint: ", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(temp.Sub("out")));
    }

    [Theory]
    [InlineData("validate")]
    [InlineData("run")]
    [InlineData("check")]
    [InlineData("sweep")]
    [InlineData("slurm")]
    public void ProjectedOutputOverTheLimit_IsRefusedAtTheDurationWithAHintNamingAllowLarge(string command)
    {
        using var temp = new TempFolder();
        string file = Write(temp, "huge.yaml", HugeOutput);

        var (exit, _, stderr) = CliHarness.Run(Command(command, file, temp));

        Assert.True(exit == 2, stderr);
        Assert.Contains($"{file}:10:29: protocol[0].duration: the run would write about ", stderr, StringComparison.Ordinal);
        Assert.Contains("more than the limit of 2.0 GiB (hint: ", stderr, StringComparison.Ordinal);
        Assert.Contains("--allow-large", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("run")]
    [InlineData("check")]
    [InlineData("sweep")]
    public void AllowLarge_LetsAnOverLimitRunStart(string command)
    {
        // The run would take centuries: a cancellation requested before it starts proves it got past validation.
        using var temp = new TempFolder();
        string file = Write(temp, "huge.yaml", HugeOutput);
        using var stdout = new StringWriter(CultureInfo.InvariantCulture);
        using var stderr = new StringWriter(CultureInfo.InvariantCulture);

        int exit = CliApp.Run([.. Command(command, file, temp), "--allow-large"], stdout, stderr, cancellation: new CancellationToken(canceled: true));

        Assert.True(exit == ExitCodes.Interrupted, stderr.ToString());
        Assert.DoesNotContain("huge.yaml:10:29", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void AllowLarge_DoesNotLiftTheSizeLimit_AndValidateAcceptsTheLargeOutputWithIt()
    {
        using var temp = new TempFolder();
        string oversized = Write(temp, "oversized.yaml", OversizedPopulation);
        string huge = Write(temp, "huge.yaml", HugeOutput);

        var (exit, stdout, stderr) = CliHarness.Run("validate", "--allow-large", oversized, huge);

        Assert.Equal(2, exit);
        Assert.Contains($"{oversized}:3:16: populations.big.size", stderr, StringComparison.Ordinal);
        Assert.Contains($"{huge}: ok", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Slurm_WithAllowLarge_PassesItToTheShards()
    {
        using var temp = new TempFolder();
        string file = Write(temp, "huge.yaml", HugeOutput);

        var (exit, _, stderr) = CliHarness.Run("slurm", file, "--out", temp.Sub("slurm"), "--shards", "2", "--allow-large");

        Assert.True(exit == 0, stderr);
        Assert.Contains("--allow-large", File.ReadAllText(Path.Combine(temp.Sub("slurm"), "slurm", "sweep.sbatch")), StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateOfSeveralFiles_WithAnOversizedOne_ReportsEachFileByName()
    {
        using var temp = new TempFolder();
        string oversized = Write(temp, "oversized.yaml", OversizedPopulation);
        string missing = temp.Sub("missing.yaml");

        var (exit, stdout, stderr) = CliHarness.Run("validate", oversized, CliHarness.Scenario("chronic-pain.yaml"), missing);

        Assert.Equal(2, exit);
        Assert.Contains($"{oversized}: 1 error; nothing was run", stderr, StringComparison.Ordinal);
        Assert.Contains("chronic-pain.yaml: ok", stdout, StringComparison.Ordinal);
        Assert.Contains($"{missing}:1:1: file not found", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Guard_ReportsABugInOneFileUnderItsName_AndLetsTheCallerGoOn()
    {
        using var stdout = new StringWriter(CultureInfo.InvariantCulture);
        using var stderr = new StringWriter(CultureInfo.InvariantCulture);
        var context = new CliContext(stdout, stderr, false, CancellationToken.None);
        int after = 0;

        bool first = ScenarioInput.Guard(context, "bad.yaml", () => throw new OverflowException("Arithmetic operation resulted in an overflow."));
        bool second = ScenarioInput.Guard(context, "good.yaml", () => after++);

        Assert.False(first);
        Assert.True(second);
        Assert.Equal(1, after);
        Assert.Contains("bad.yaml: internal error: OverflowException: Arithmetic operation resulted in an overflow.", stderr.ToString(), StringComparison.Ordinal);
        Assert.Contains("bad.yaml: this is a bug", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_OfA110000DayOfflinePhase_ShowsPositiveTimes()
    {
        // 110 000 days at dt = 0.1 ms is 9.504e19 ns: the 64-bit product wrapped to "-103504 day".
        using var temp = new TempFolder();
        string file = Write(temp, "long.yaml", """
            name: long-rest
            dt: 0.1 ms
            populations:
              p: { size: 10, neuron: { model: rate, tau: 10 ms } }
            tags:
              a: { population: p, neurons: [0, 4] }
            inputs:
              cue: { kind: current, target: a, amplitude: 1 }
            protocol:
              - { phase: run, duration: 1 s, inputs: [cue] }
              - { phase: rest, duration: 110000 day, offline: true }
              - { phase: probe, duration: 1 s, inputs: [cue] }
            """);

        var (exit, stdout, stderr) = CliHarness.Run("describe", file);

        Assert.True(exit == 0, stderr);
        Assert.Contains("time        110000 day + 2 s in 3 phases", stdout, StringComparison.Ordinal);
        Assert.Contains("110000 day + 1 s  probe", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("-", stdout.Split('\n').First(l => l.StartsWith("time", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_ShowsTheProjectedOutput_AndFlagsOneOverTheLimit()
    {
        using var temp = new TempFolder();
        string huge = Write(temp, "huge.yaml", HugeOutput);

        var small = CliHarness.Run("describe", CliHarness.Scenario("chronic-pain.yaml"));
        var large = CliHarness.Run("describe", huge);

        Assert.True(small.Exit == 0, small.Err);
        // Files largest first; their sizes against the files a run writes are Run_ProjectedOutput_MatchesTheFilesWritten's concern.
        Assert.Matches(@"\noutput      ~[0-9.]+ KiB of CSV projected \(tags\.csv [0-9.]+ KiB, populations\.csv [0-9.]+ KiB, weight_hist\.csv [0-9.]+ KiB, summary\.csv [0-9.]+ KiB, weights\.csv [0-9.]+ KiB, phases\.csv [0-9]+ B\)\n", small.Out);
        Assert.True(large.Exit == 0, large.Err);
        Assert.Matches(@"\noutput      ~[0-9.]+ [TP]iB of CSV projected \(.*\); over the 2\.0 GiB limit: run, sweep and check need --allow-large\n", large.Out);
    }

    /// <summary>
    /// A rate scenario with every kind of row (see <see cref="Run_ProjectedOutput_MatchesTheFilesWritten"/>): dt =
    /// 0.1 ms so that times have decimals, phases that are not multiples of the sampling intervals, an offline phase,
    /// repetitions, overlapping tags, a family, coupling across populations, intrinsics, pruning, weights and a histogram.
    /// </summary>
    private const string EveryRateFile = """
        name: projection-rate
        dt: 0.1 ms
        populations:
          cortex: { size: 40, neuron: { model: rate, tau: 10 ms } }
          area: { size: 20, neuron: { model: rate, tau: 10 ms } }
        tags:
          a: { population: cortex, neurons: [0, 14] }
          b: { population: cortex, neurons: [10, 24] }
          c: { population: area, neurons: [0, 9] }
          mem: { population: cortex, size: 5, count: 3 }
        inputs:
          cue: { kind: current, target: a, amplitude: 1 }
        projections:
          rec: { from: cortex, to: cortex, weight: { init: 0.01, min: 0, max: 1 }, plasticity: { rule: hebbian, rate: 0.1 }, pruning: { below: 0.000001, for: 1 s } }
          ff: { from: cortex, to: area, weight: 0.02 }
        protocol:
          - { phase: learn, duration: 55.3 ms, inputs: [cue] }
          - { phase: rest, duration: 1 h, offline: true }
          - repeat: 2
            phases: [ { phase: probe, duration: 20.7 ms, inputs: [cue] } ]
        record:
          every: 1 ms
          tags: [activation, strength, coupling, ownership, recall, spurious]
          populations: [rate, threshold, gain]
          weights: { projection: rec, every: 10 ms, histogram: 10 }
        """;

    /// <summary>A spiking scenario: Poisson sources (whose spikes are recorded) onto LIF neurons with a state trace and weights.</summary>
    private const string EverySpikingFile = """
        name: projection-spiking
        dt: 0.1 ms
        populations:
          src: { size: 200, neuron: { model: poisson, rate: 50 Hz } }
          exc:
            size: 100
            neuron: { model: lif, synapse: conductance, tau_m: 20 ms, v_rest: -60 mV, v_reset: -60 mV, v_thresh: -50 mV, t_ref: 5 ms, bias: 5 mV, g_leak: 10 nS, tau_e: 5 ms, tau_i: 10 ms, e_exc: 0 mV, e_inh: -80 mV }
        tags:
          t1: { population: exc, neurons: [0, 49] }
        projections:
          in: { from: src, to: exc, connectivity: { rule: fixed_probability, p: 0.1 }, weight: 2 nS }
        protocol:
          - { phase: run, duration: 1 s }
          - { phase: late, duration: 333.3 ms }
        record:
          every: 10 ms
          tags: [activation, strength]
          populations: [rate]
          spikes: { population: src }
          state: { population: exc, variable: v, neurons: [0, 4], every: 1 ms }
          weights: { projection: in, every: 50 ms, histogram: 5 }
        """;

    /// <summary>
    /// The projection against an independent count, the files a real run writes. Rows: exactly equal for every file
    /// whose rows do not depend on the activity; spikes.csv of a 50 Hz Poisson source, 200 × 50 Hz × 1.3333 s =
    /// 13 333 expected spikes (sd 115), within 5 %. Bytes, where the projection estimates: every value is counted at 20
    /// characters and every time at the width of its phase's end, so the projection may only over-estimate, by up to
    /// 1.6× in total; single files of short exact values (a constant weight "2", a reset potential "-60", spiking
    /// rates such as "108.14") may be up to 4× smaller than projected. Under-estimates are allowed up to 5 %.
    /// </summary>
    [Theory]
    [InlineData(EveryRateFile)]
    [InlineData(EverySpikingFile)]
    public void Run_ProjectedOutput_MatchesTheFilesWritten(string text)
    {
        using var temp = new TempFolder();
        string file = Write(temp, "scenario.yaml", text);
        var loaded = Scenarios.ScenarioLoader.LoadFile(file);
        Assert.True(loaded.IsValid, string.Join("\n", loaded.Errors));
        var projection = Core.Recording.OutputProjection.Of(loaded.Spec!);

        var (exit, _, stderr) = CliHarness.Run("run", file, "--out", temp.Sub("out"), "--quiet");

        Assert.True(exit == 0, stderr);
        var written = Directory.GetFiles(temp.Sub("out"), "*.csv").ToDictionary(f => Path.GetFileName(f)!, f => f, StringComparer.Ordinal);
        Assert.Equal(written.Keys.Order(StringComparer.Ordinal), projection.BytesByFile.Keys.Order(StringComparer.Ordinal));
        double total = 0;
        foreach (var (name, path) in written)
        {
            long bytes = new FileInfo(path).Length;
            long rows = File.ReadLines(path).LongCount() - 1;
            total += bytes;
            if (name == "spikes.csv")
            {
                Assert.InRange(rows, 0.95 * projection.RowsByFile[name], 1.05 * projection.RowsByFile[name]);
            }
            else
            {
                Assert.True(rows == projection.RowsByFile[name], $"{name}: {rows} rows written, {projection.RowsByFile[name]} projected");
            }

            Assert.InRange(projection.BytesByFile[name], 0.95 * bytes, 4 * bytes);
        }

        Assert.InRange(projection.TotalBytes, 0.95 * total, 1.6 * total);
    }
}
