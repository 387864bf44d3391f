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
    private static readonly string[] CsvFiles = ["phases.csv", "tags.csv", "weights.csv", "summary.csv"];

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
        // summary.csv: phase,rep,instance,kind,name,metric,other,value,unit; "after" is the last phase.
        var lastRows = File.ReadAllLines(Path.Combine(temp.Sub("simd"), "summary.csv")).Select(l => l.Split(','))
            .Where(f => f[0] == "after" && f[3] == "projection" && f[4] == "recurrent").ToDictionary(f => f[5], f => f[7] + " " + f[8]);
        Assert.Equal($"{pruned} 1", lastRows["pruned"]);
        Assert.Equal($"{regrown} 1", lastRows["regrown"]);
        Assert.Equal($"{(200 * 199) - pruned + regrown} 1", lastRows["synapses"]);
        Assert.True(pruned > 1000 && regrown > 0, $"pruned {pruned}, regrown {regrown}");
    }
}
