using System.Text.Json;

namespace Neurotag.Cli.Tests;

/// <summary>
/// End to end for the competition mechanisms (heterosynaptic depression, kWTA, pruning with regrowth) through the
/// rewiring scenario: bit-identical output on one processor and on all (the SIMD-off comparison runs on chronic-pain;
/// rewiring under the software SIMD fallback takes minutes), and the structural counts in the manifest agree with
/// summary.csv.
/// </summary>
public sealed class CompetitionScenarioTests
{
    private static readonly string[] CsvFiles = ["tags.csv", "weights.csv", "summary.csv"];

    [Fact]
    public void Rewiring_OneProcessorVersusDefault_WritesByteIdenticalCsv_AndTheManifestCountsPrunedAndRegrownSynapses()
    {
        using var temp = new TempFolder();
        string scenario = CliHarness.Scenario("rewiring.yaml");
        var one = CliHarness.RunProcess(new Dictionary<string, string> { ["DOTNET_PROCESSOR_COUNT"] = "1" }, "run", scenario, "--out", temp.Sub("one"), "--quiet");
        var simd = CliHarness.Run("run", scenario, "--out", temp.Sub("simd"), "--quiet"); // in process: the default environment
        Assert.True(one.Exit == 0, one.Err);
        Assert.True(simd.Exit == 0, simd.Err);
        foreach (string file in CsvFiles)
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(temp.Sub("one"), file)), File.ReadAllBytes(Path.Combine(temp.Sub("simd"), file)));
        }

        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(temp.Sub("simd"), "manifest.json")));
        long pruned = manifest.RootElement.GetProperty("pruned_synapses").GetProperty("recurrent").GetInt64();
        long regrown = manifest.RootElement.GetProperty("regrown_synapses").GetProperty("recurrent").GetInt64();
        var lastRows = File.ReadAllLines(Path.Combine(temp.Sub("simd"), "summary.csv")).Where(l => l.StartsWith("after,0,projection,recurrent,", StringComparison.Ordinal)).ToList();
        Assert.Contains($"after,0,projection,recurrent,pruned,,{pruned}", lastRows);
        Assert.Contains($"after,0,projection,recurrent,regrown,,{regrown}", lastRows);
        Assert.Contains($"after,0,projection,recurrent,synapses,,{(200 * 199) - pruned + regrown}", lastRows);
        Assert.True(pruned > 1000 && regrown > 0, $"pruned {pruned}, regrown {regrown}");
    }
}
