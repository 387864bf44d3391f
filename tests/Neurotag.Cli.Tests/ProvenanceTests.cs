using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Neurotag.Cli.Tests;

/// <summary>
/// Issue #11, defect 9: manifest.json records the tool version and git commit, the exact command line, the OS and .NET
/// version, and the run folder holds the scenario as run (<c>scenario.yaml</c>, overrides applied). A plain
/// <c>run --set</c> records <c>overrides</c>, not <c>sweep_point</c>. <c>--version</c> prints the commit.
/// </summary>
public sealed class ProvenanceTests
{
    private static JsonElement Manifest(string folder) => JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "manifest.json"))).RootElement;

    [Fact]
    public void Run_WithSet_RecordsOverridesNotSweepPoint_AndTheCommandLineOsAndDotnet()
    {
        using var temp = new TempFolder();
        string scenario = TinyScenario.Write(temp.Path);
        string output = temp.Sub("run");
        string[] args = ["run", scenario, "--out", output, "--quiet", "--set", TinyScenario.Rate + "=0.03", "--set", TinyScenario.Duration + "=500 ms", "--seed", "11"];

        var result = CliHarness.Run(args);

        Assert.True(result.Exit == 0, result.Err);
        var m = Manifest(output);
        Assert.Equal(JsonValueKind.Null, m.GetProperty("sweep_point").ValueKind);
        var overrides = m.GetProperty("overrides").EnumerateObject().Select(p => (p.Name, p.Value.GetString())).ToList();
        Assert.Equal([(TinyScenario.Rate, "0.03"), (TinyScenario.Duration, "500 ms")], overrides);
        Assert.Equal(["neurotag-cli", .. args], m.GetProperty("command_line").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(Environment.CurrentDirectory, m.GetProperty("working_directory").GetString());
        Assert.Contains(RuntimeInformation.OSDescription, m.GetProperty("os").GetString(), StringComparison.Ordinal);
        Assert.Equal(RuntimeInformation.FrameworkDescription, m.GetProperty("dotnet_version").GetString());
        Assert.Equal("scenario.yaml", m.GetProperty("scenario_copy").GetString());
        Assert.Equal(11UL, m.GetProperty("seed").GetUInt64());
    }

    [Fact]
    public void Run_ScenarioCopy_RerunAlone_ReproducesByteIdenticalCsvs()
    {
        using var temp = new TempFolder();
        string scenario = TinyScenario.Write(temp.Path);
        string first = temp.Sub("first");
        Assert.Equal(0, CliHarness.Run("run", scenario, "--out", first, "--quiet", "--set", TinyScenario.Rate + "=0.03", "--set", TinyScenario.Duration + "=500 ms", "--seed", "11").Exit);

        // The copy alone, with no flags, must carry the overrides and the seed.
        string again = temp.Sub("again");
        var rerun = CliHarness.Run("run", Path.Combine(first, "scenario.yaml"), "--out", again, "--quiet");
        Assert.True(rerun.Exit == 0, rerun.Err);
        Assert.Equal(TinyScenario.Csvs(first), TinyScenario.Csvs(again));
        Assert.False(Manifest(again).TryGetProperty("overrides", out _));

        // Not vacuous: without the overrides, or without the seed, the CSVs differ.
        string plain = temp.Sub("plain");
        string otherSeed = temp.Sub("other-seed");
        Assert.Equal(0, CliHarness.Run("run", scenario, "--out", plain, "--quiet", "--seed", "11").Exit);
        Assert.Equal(0, CliHarness.Run("run", scenario, "--out", otherSeed, "--quiet", "--set", TinyScenario.Rate + "=0.03", "--set", TinyScenario.Duration + "=500 ms").Exit);
        Assert.NotEqual(TinyScenario.Csvs(first)["tags.csv"], TinyScenario.Csvs(plain)["tags.csv"]);
        Assert.NotEqual(TinyScenario.Csvs(first)["tags.csv"], TinyScenario.Csvs(otherSeed)["tags.csv"]);
    }

    [Fact]
    public void Sweep_PointScenarioCopy_ReproducesThePoint_AndKeepsSweepPointBesideOverrides()
    {
        using var temp = new TempFolder();
        string scenario = TinyScenario.Write(temp.Path, sweep: $"  seeds: 2\n  grid:\n    {TinyScenario.Rate}: [0.006, 0.03]");
        string dir = temp.Sub("sweep");
        var sweep = CliHarness.Run("sweep", scenario, "--out", dir, "--quiet", "--set", TinyScenario.Duration + "=500 ms");
        Assert.True(sweep.Exit == 0, sweep.Err);

        string point = Path.Combine(dir, "points", "rate~0.03_seed~4");
        var m = Manifest(point);
        Assert.Equal([(TinyScenario.Rate, "0.03")], m.GetProperty("sweep_point").EnumerateObject().Select(p => (p.Name, p.Value.GetString())));
        Assert.Equal([(TinyScenario.Duration, "500 ms"), (TinyScenario.Rate, "0.03")], m.GetProperty("overrides").EnumerateObject().Select(p => (p.Name, p.Value.GetString())));
        Assert.DoesNotMatch("(?m)^sweep:", File.ReadAllText(Path.Combine(point, "scenario.yaml")));

        string again = temp.Sub("again");
        var rerun = CliHarness.Run("run", Path.Combine(point, "scenario.yaml"), "--out", again, "--quiet");
        Assert.True(rerun.Exit == 0, rerun.Err);
        Assert.Equal(TinyScenario.Csvs(point), TinyScenario.Csvs(again));
        Assert.NotEqual(TinyScenario.Csvs(Path.Combine(dir, "points", "rate~0.03_seed~3")), TinyScenario.Csvs(again));
    }

    [Fact]
    public void Version_PrintsTheCommitOfThisRepositoryThatManifestsRecord()
    {
        // A child process: System.CommandLine reads the entry assembly's version, which in-process is the test host's.
        var version = CliHarness.RunProcess(new Dictionary<string, string>(), "--version");
        Assert.Equal(0, version.Exit);
        string printed = version.Out.Trim();
        Assert.Matches(@"^\d+\.\d+\.\d+\+([0-9a-f]{40}|unknown)$", printed);
        string commit = printed[(printed.IndexOf('+', StringComparison.Ordinal) + 1)..];

        using var temp = new TempFolder();
        string output = temp.Sub("run");
        Assert.Equal(0, CliHarness.Run("run", TinyScenario.Write(temp.Path), "--out", output, "--quiet").Exit);
        Assert.Equal(commit, Manifest(output).GetProperty("tool_commit").GetString());
        Assert.Equal(printed[..printed.IndexOf('+', StringComparison.Ordinal)], Manifest(output).GetProperty("tool_version").GetString());

        // Built from a checkout (as CI builds a clean clone), the commit is one of this repository's.
        string? type = Git(AppContext.BaseDirectory, "cat-file", "-t", commit);
        if (Git(AppContext.BaseDirectory, "rev-parse", "--git-dir") is not null)
        {
            Assert.Equal("commit", type);
        }
    }

    /// <summary>Runs git; its trimmed stdout, or null when git is missing or fails.</summary>
    private static string? Git(string directory, params string[] args)
    {
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", args) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false })!;
            string output = git.StandardOutput.ReadToEnd();
            git.WaitForExit();
            return git.ExitCode == 0 ? output.Trim() : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
