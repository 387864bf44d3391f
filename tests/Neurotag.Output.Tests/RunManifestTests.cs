using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Neurotag.Output.Tests;

public sealed class RunManifestTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static RunManifest Sample(IReadOnlyDictionary<string, string>? sweep = null) => new()
    {
        ToolVersion = "0.1.0",
        ScenarioPath = "scenarios/two-tags.yaml",
        ScenarioSha256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
        Seed = ulong.MaxValue,
        SweepPoint = sweep,
        DtMs = 0.1,
        Steps = 20_000,
        SimulatedSteps = 12_345,
        StartTimeMs = 0,
        EndTimeMs = 1234.5,
        WallTimeSeconds = 3.25,
        ExitStatus = "ok",
        StartedUtc = "2025-01-31T12:00:00.0000000Z",
    };

    [Fact]
    public void Write_ThenTryRead_RoundTripsEveryField()
    {
        var sweep = new Dictionary<string, string> { ["plasticity.eta"] = "0.01", ["inputs.cue.rate"] = "20 Hz" };
        var written = Sample(sweep);
        RunManifest.Write(written, _temp.Path);

        var read = RunManifest.TryRead(_temp.Path);

        Assert.NotNull(read);
        Assert.Equal(written with { SweepPoint = null }, read with { SweepPoint = null });
        Assert.Equal(sweep.OrderBy(p => p.Key, StringComparer.Ordinal), read.SweepPoint!.OrderBy(p => p.Key, StringComparer.Ordinal));
    }

    [Fact]
    public void Write_ThenTryRead_KeepsNullSweepPoint()
    {
        RunManifest.Write(Sample(), _temp.Path);

        var read = RunManifest.TryRead(_temp.Path);

        Assert.NotNull(read);
        Assert.Null(read.SweepPoint);
        Assert.Equal(Sample(), read);
    }

    [Fact]
    public void Write_UsesSnakeCaseKeys()
    {
        RunManifest.Write(Sample(new Dictionary<string, string> { ["PlasticityEta"] = "1" }), _temp.Path);

        using var doc = JsonDocument.Parse(File.ReadAllText(_temp.Combine("manifest.json")));
        var keys = doc.RootElement.EnumerateObject().Select(p => p.Name).ToArray();

        Assert.Equal(
            [
                "tool_version", "scenario_path", "scenario_sha256", "seed", "sweep_point", "dt_ms", "steps",
                "simulated_steps", "start_time_ms", "end_time_ms", "wall_time_seconds", "simulate_seconds", "exit_status", "started_utc", "message",
            ],
            keys);

        // Sweep-point keys are parameter names: kept as given.
        Assert.Equal("1", doc.RootElement.GetProperty("sweep_point").GetProperty("PlasticityEta").GetString());
        Assert.Equal(ulong.MaxValue, doc.RootElement.GetProperty("seed").GetUInt64());
    }

    /// <summary>units (kind → metric → symbol) and weight_units (projection → symbol) are written as nested objects and read back.</summary>
    [Fact]
    public void Write_WithUnits_WritesNestedObjectsAndReadsThemBack()
    {
        var units = new Dictionary<string, IReadOnlyDictionary<string, string>>
        {
            ["population"] = new Dictionary<string, string> { ["rate"] = "Hz" },
            ["tag"] = new Dictionary<string, string> { ["activation"] = "Hz", ["strength"] = "nS|mV" },
        };
        RunManifest.Write(Sample() with { Units = units, WeightUnits = new Dictionary<string, string> { ["rec"] = "nS" } }, _temp.Path);

        using (var doc = JsonDocument.Parse(File.ReadAllText(_temp.Combine("manifest.json"))))
        {
            Assert.Equal("nS|mV", doc.RootElement.GetProperty("units").GetProperty("tag").GetProperty("strength").GetString());
            Assert.Equal("Hz", doc.RootElement.GetProperty("units").GetProperty("population").GetProperty("rate").GetString());
            Assert.Equal("nS", doc.RootElement.GetProperty("weight_units").GetProperty("rec").GetString());
        }

        var read = RunManifest.TryRead(_temp.Path);
        Assert.NotNull(read?.Units);
        Assert.Equal("Hz", read.Units["tag"]["activation"]);
        Assert.Equal("nS", read.WeightUnits!["rec"]);
    }

    [Fact]
    public void Write_IsIndentedUtf8WithoutBomWithLfLineEnds()
    {
        RunManifest.Write(Sample(), _temp.Path);

        var bytes = File.ReadAllBytes(_temp.Combine("manifest.json"));
        Assert.Equal((byte)'{', bytes[0]);
        Assert.DoesNotContain((byte)'\r', bytes);
        var text = Encoding.UTF8.GetString(bytes);
        Assert.StartsWith("{\n  \"tool_version\": \"0.1.0\",\n", text, StringComparison.Ordinal);
        Assert.EndsWith("}\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_UnderCommaDecimalCulture_WritesInvariantNumbers()
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            RunManifest.Write(Sample(), _temp.Path);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }

        var text = File.ReadAllText(_temp.Combine("manifest.json"));
        Assert.Contains("\"dt_ms\": 0.1,", text, StringComparison.Ordinal);
        Assert.Contains("\"end_time_ms\": 1234.5,", text, StringComparison.Ordinal);
    }

    [Fact]
    public void TryRead_WhenAbsent_ReturnsNull() =>
        Assert.Null(RunManifest.TryRead(_temp.Path));

    [Fact]
    public void TryRead_WhenDirectoryAbsent_ReturnsNull() =>
        Assert.Null(RunManifest.TryRead(_temp.Combine("missing")));

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("{\"tool_version\": \"0.1.0\"")]
    [InlineData("[1, 2]")]
    [InlineData("{\"tool_version\": \"0.1.0\"}")]
    public void TryRead_WhenUnparsableOrIncomplete_ReturnsNull(string content)
    {
        File.WriteAllText(_temp.Combine("manifest.json"), content);

        Assert.Null(RunManifest.TryRead(_temp.Path));
    }

    [Fact]
    public void Sha256OfFile_OfAbc_IsThePublishedDigest()
    {
        var path = _temp.Combine("abc.txt");
        File.WriteAllBytes(path, "abc"u8.ToArray());

        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", RunManifest.Sha256OfFile(path));
    }

    [Fact]
    public void Sha256OfFile_OfEmptyFile_IsThePublishedDigest()
    {
        var path = _temp.Combine("empty.txt");
        File.WriteAllBytes(path, []);

        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", RunManifest.Sha256OfFile(path));
    }

    [Fact]
    public void Sha256OfFile_WhenMissing_Throws() =>
        Assert.Throws<FileNotFoundException>(() => RunManifest.Sha256OfFile(_temp.Combine("missing.yaml")));

    /// <summary>Issue #11, defect 9: provenance keys, written after the run's own and read back.</summary>
    [Fact]
    public void Write_ThenTryRead_KeepsProvenance_UnderSnakeCaseKeys()
    {
        var written = Sample() with
        {
            ToolCommit = "3471fb4963499ea8aefdd46f03168f48f7d108c8",
            CommandLine = ["neurotag-cli", "run", "x.yaml", "--set", "a.b=1 ms"],
            WorkingDirectory = "/home/me/proj",
            Os = "Debian GNU/Linux 12 (bookworm) (X64)",
            DotnetVersion = ".NET 10.0.1",
            Overrides = new Dictionary<string, string> { ["a.b"] = "1 ms" },
            ScenarioCopy = "scenario.yaml",
        };
        RunManifest.Write(written, _temp.Path);

        using var doc = JsonDocument.Parse(File.ReadAllText(_temp.Combine("manifest.json")));
        var keys = doc.RootElement.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(["tool_commit", "command_line", "working_directory", "os", "dotnet_version", "overrides", "scenario_copy"], keys[^7..]);
        Assert.Equal("1 ms", doc.RootElement.GetProperty("overrides").GetProperty("a.b").GetString());

        var read = RunManifest.TryRead(_temp.Path)!;
        Assert.Equal(written.CommandLine, read.CommandLine);
        Assert.Equal(written.Overrides, read.Overrides);
        Assert.Equal(written with { CommandLine = null, Overrides = null }, read with { CommandLine = null, Overrides = null });
    }

    /// <summary>A sweep resumes over folders written by earlier versions, whose manifests have no provenance keys.</summary>
    [Fact]
    public void TryRead_AManifestWithoutProvenance_ReadsWithNulls()
    {
        RunManifest.Write(Sample(), _temp.Path);
        Assert.DoesNotContain("tool_commit", File.ReadAllText(_temp.Combine("manifest.json")), StringComparison.Ordinal);

        var read = RunManifest.TryRead(_temp.Path);

        Assert.NotNull(read);
        Assert.Null(read.ToolCommit);
        Assert.Null(read.Overrides);
    }
}
