using Neurotag.Output.Sweeps;

namespace Neurotag.Output.Tests.Sweeps;

public sealed class SweepPlanFileTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    internal static SweepPlanFile Plan(string firstValue = "0.001") => new(
        "scenarios/chronic-pain.yaml",
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        ["projections.p.plasticity.rate", "protocol.healing.duration"],
        [
            new PlannedPoint(0, "a000000000", "rate~0.001_duration~30day_seed~1", 1, [new("projections.p.plasticity.rate", firstValue), new("protocol.healing.duration", "30 day")]),
            new PlannedPoint(1, "b111111111", "rate~0.001_duration~30day_seed~2", 2, [new("projections.p.plasticity.rate", firstValue), new("protocol.healing.duration", "30 day")]),
            new PlannedPoint(2, "c222222222", "rate~0.005_duration~30day_seed~1", 1, [new("projections.p.plasticity.rate", "0.005"), new("protocol.healing.duration", "30 day")]),
            new PlannedPoint(3, "d333333333", "rate~0.005_duration~30day_seed~2", 2, [new("projections.p.plasticity.rate", "0.005"), new("protocol.healing.duration", "30 day")]),
        ]);

    [Fact]
    public void ToJson_IsIndentedSnakeCaseWithLfLineEnds()
    {
        var plan = new SweepPlanFile("s.yaml", "abc", ["a.b"], [new PlannedPoint(0, "0123456789", "b~1_seed~7", 7, [new("a.b", "1")])]);

        Assert.Equal(
            """
            {
              "scenario_path": "s.yaml",
              "scenario_sha256": "abc",
              "paths": [
                "a.b"
              ],
              "points": [
                {
                  "index": 0,
                  "id": "0123456789",
                  "folder": "b~1_seed~7",
                  "seed": 7,
                  "values": [
                    {
                      "key": "a.b",
                      "value": "1"
                    }
                  ]
                }
              ]
            }

            """.ReplaceLineEndings("\n"),
            plan.ToJson());
    }

    [Fact]
    public void WriteTo_ThenTryRead_RoundTrips()
    {
        var plan = Plan();
        string dir = _temp.Combine("sweep", "nested");

        plan.WriteTo(dir);
        var read = SweepPlanFile.TryRead(dir);

        Assert.NotNull(read);
        Assert.Equal(plan.ToJson(), read.ToJson());
        Assert.Equal(plan.ToJson(), File.ReadAllText(Path.Combine(dir, SweepPlanFile.FileName)));
        Assert.Equal(plan.ScenarioPath, read.ScenarioPath);
        Assert.Equal(plan.ScenarioSha256, read.ScenarioSha256);
        Assert.Equal(plan.Paths, read.Paths);
        Assert.Equal(4, read.Points.Count);
        Assert.Equal(("c222222222", "rate~0.005_duration~30day_seed~1", 1UL, 2), (read.Points[2].Id, read.Points[2].Folder, read.Points[2].Seed, read.Points[2].Index));
        Assert.Equal(plan.Points[2].Values, read.Points[2].Values);
        Assert.Empty(Directory.GetFiles(dir, "*.tmp-*"));
    }

    [Fact]
    public void WriteTo_SamePlanAgain_IsAcceptedAndLeavesTheFile()
    {
        string dir = _temp.Combine("sweep");
        Plan().WriteTo(dir);
        string path = Path.Combine(dir, SweepPlanFile.FileName);
        var written = File.GetLastWriteTimeUtc(path);
        byte[] bytes = File.ReadAllBytes(path);

        Plan().WriteTo(dir); // a second shard of the same sweep

        Assert.Equal(bytes, File.ReadAllBytes(path));
        Assert.Equal(written, File.GetLastWriteTimeUtc(path));
    }

    [Fact]
    public void WriteTo_SameSweepWithTheScenarioPathSpelledDifferently_IsAccepted()
    {
        // Shards started from another directory, or on nodes mounting the storage elsewhere, name the scenario differently.
        string dir = _temp.Combine("sweep");
        Plan().WriteTo(dir);
        string first = File.ReadAllText(Path.Combine(dir, SweepPlanFile.FileName));

        (Plan() with { ScenarioPath = "/somewhere/else/" + Plan().ScenarioPath }).WriteTo(dir);

        Assert.Equal(first, File.ReadAllText(Path.Combine(dir, SweepPlanFile.FileName)));
        Assert.Single(Directory.GetFileSystemEntries(dir));
    }

    [Fact]
    public void SameSweepAs_DifferentScenarioContent_IsFalse() =>
        Assert.False(Plan().SameSweepAs(Plan() with { ScenarioSha256 = new string('0', 64) }));

    [Fact]
    public void WriteTo_DifferentPlanInTheSameFolder_IsRefusedAndKeepsTheFirst()
    {
        string dir = _temp.Combine("sweep");
        Plan().WriteTo(dir);

        var e = Assert.Throws<OutputFolderException>(() => Plan(firstValue: "0.002").WriteTo(dir));

        Assert.Contains("different sweep", e.Message, StringComparison.Ordinal);
        Assert.Contains("--out", e.Hint, StringComparison.Ordinal);
        Assert.Equal(Plan().ToJson(), File.ReadAllText(Path.Combine(dir, SweepPlanFile.FileName)));
        Assert.Single(Directory.GetFileSystemEntries(dir));
    }

    [Fact]
    public void TryRead_MissingOrCorruptPlan_IsNull()
    {
        Assert.Null(SweepPlanFile.TryRead(_temp.Combine("absent")));
        Assert.Null(SweepPlanFile.TryRead(_temp.Path));
        File.WriteAllText(_temp.Combine(SweepPlanFile.FileName), "{ not json");
        Assert.Null(SweepPlanFile.TryRead(_temp.Path));
    }
}
