namespace Neurotag.Cli.Tests;

/// <summary>
/// <c>record.save_weights</c> end to end: every projection's final matrix lands in <c>weights/PROJECTION.csv</c> of the
/// run folder, byte-identical for the same seed, and a scenario that loads it with <c>weight: { file: … }</c> starts
/// from exactly those weights (saved again unchanged, byte for byte).
/// </summary>
public sealed class SaveWeightsTests
{
    private static string Scenario(string weight, string extraPopulation = "") => $$"""
        name: save-weights
        seed: 7
        dt: 1 ms
        populations:
          a: { size: 5, neuron: { model: rate, tau: 10 ms } }
          b: { size: 3, neuron: { model: rate, tau: 10 ms } }{{extraPopulation}}
        projections:
          ab: { from: a, to: b, weight: {{weight}} }
          aa: { from: a, to: a, weight: { init: { uniform: [0.0, 0.3] }, max: 0.5 } }
        protocol:
          - { phase: run, duration: 2 ms }
        record:
          save_weights: true
        """;

    [Fact]
    public void SaveWeights_ByteStable_AndLoadsBackExactly()
    {
        using var temp = new TempFolder();
        string first = Path.Combine(temp.Sub("s"), "first.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(first)!);
        File.WriteAllText(first, Scenario("{ signed: true, max: 1, init: { normal: [0, 0.4] } }"));
        Assert.Equal(0, CliHarness.Run("run", first, "--out", temp.Sub("r1"), "--quiet").Exit);
        Assert.Equal(0, CliHarness.Run("run", first, "--out", temp.Sub("r2"), "--quiet").Exit);
        byte[] saved = File.ReadAllBytes(Path.Combine(temp.Sub("r1"), "weights", "ab.csv"));
        Assert.Equal(saved, File.ReadAllBytes(Path.Combine(temp.Sub("r2"), "weights", "ab.csv")));
        Assert.True(File.Exists(Path.Combine(temp.Sub("r1"), "weights", "aa.csv")));
        string text = System.Text.Encoding.UTF8.GetString(saved);
        Assert.Equal(3, text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length); // rows: post (b has 3)
        Assert.All(text.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => Assert.Equal(5, line.Split(',').Length));
        Assert.Contains('-', text); // normal(0, 0.4) draws on a signed projection keep their sign

        // Load the saved matrix (no plasticity: the weights stay) and save it again: the same bytes.
        File.Copy(Path.Combine(temp.Sub("r1"), "weights", "ab.csv"), Path.Combine(temp.Sub("s"), "ab.csv"));
        string second = Path.Combine(temp.Sub("s"), "second.yaml");
        File.WriteAllText(second, Scenario("{ signed: true, max: 1, file: ab.csv }"));
        var run = CliHarness.Run("run", second, "--out", temp.Sub("r3"), "--quiet");
        Assert.True(run.Exit == 0, run.Err);
        Assert.Equal(saved, File.ReadAllBytes(Path.Combine(temp.Sub("r3"), "weights", "ab.csv")));
    }

    [Fact]
    public void WeightFile_WrongShape_IsExit2AtTheFile()
    {
        using var temp = new TempFolder();
        string scenario = Path.Combine(temp.Sub("s"), "bad.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(scenario)!);
        File.WriteAllText(Path.Combine(temp.Sub("s"), "w.csv"), "0.1,0.2\n");
        File.WriteAllText(scenario, Scenario("{ max: 1, file: w.csv }"));
        var run = CliHarness.Run("validate", scenario);
        Assert.Equal(2, run.Exit);
        Assert.Contains("w.csv:2:1", run.Out + run.Err, StringComparison.Ordinal);
        Assert.Contains("expected 3 × 5", run.Out + run.Err, StringComparison.Ordinal);
    }
}
