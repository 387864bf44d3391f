using Neurotag.Cli.Commands;

namespace Neurotag.Cli.Tests;

/// <summary>
/// <c>slurm</c> writes an array job, a merge job and a submit script. Without a scheduler, the scripts still run under
/// bash (the #SBATCH lines are comments), so every shard and the merge are executed here for real.
/// </summary>
public sealed class SlurmCommandTests
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(3);

    /// <summary>
    /// The scripts name no absolute path (issue 11, defect 8): not dotnet, not the dll, not the live scenario, not
    /// the sweep folder. They run from the sweep folder, on the scenario's copy in slurm/, and ask for memory.
    /// </summary>
    [Fact]
    public void Slurm_FourShards_WritesScriptsWithArrayShardMemoryAndNoAbsolutePath()
    {
        using var temp = new TempFolder();
        string dir = temp.Sub("sweep");
        var (exit, stdout, stderr) = CliHarness.Run(
            ["slurm", CliHarness.Scenario(SlurmTestSupport.ScenarioName), "--out", dir, "--shards", "4", "--cpus", "2", "--time", "00:30:00", "--partition", "short", "--mem", "3G", .. SlurmTestSupport.SmallGrid]);
        Assert.True(exit == 0, stderr);

        string full = Path.GetFullPath(dir);
        string slurmDir = Path.Combine(full, "slurm");
        string submitPath = Path.Combine(slurmDir, "submit.sh");
        Assert.Equal(submitPath, stdout.Trim());
        Assert.EndsWith("submit with: bash " + submitPath, stderr.Trim(), StringComparison.Ordinal);
        foreach (string name in new[] { "sweep.sbatch", "merge.sbatch", "submit.sh" })
        {
            string path = Path.Combine(slurmDir, name);
            Assert.True(File.Exists(path), path);
            Assert.True(OperatingSystem.IsWindows() || File.GetUnixFileMode(path).HasFlag(UnixFileMode.UserExecute), $"{name} is not executable");
            string text = File.ReadAllText(path);
            Assert.StartsWith("#!/bin/bash\n", text, StringComparison.Ordinal);
            foreach (string absolute in new[] { full, temp.Path, AppContext.BaseDirectory.TrimEnd('/'), Path.GetDirectoryName(CliHarness.Scenario(SlurmTestSupport.ScenarioName))! })
            {
                Assert.DoesNotContain(absolute, text, StringComparison.Ordinal);
            }

            // No absolute path at all in what bash or sbatch reads (comments aside): a '/' that starts a path
            // rather than continuing one ('slurm/x', '$PWD/x', '"$0")/..'); /dev/null is the same everywhere.
            foreach (string line in text.Split('\n').Where(l => !l.StartsWith('#') || l.StartsWith("#SBATCH", StringComparison.Ordinal)))
            {
                Assert.False(System.Text.RegularExpressions.Regex.IsMatch(line, @"(?<![\w.$})\]])/(?!dev/null)"), $"{name}: an absolute path in: {line}");
            }
        }

        // The scenario's copy, byte for byte, and the plan that marks the folder as a sweep (so shards may write into
        // it); no point has run yet.
        string copy = Path.Combine(slurmDir, SlurmTestSupport.ScenarioName);
        Assert.Equal(File.ReadAllBytes(CliHarness.Scenario(SlurmTestSupport.ScenarioName)), File.ReadAllBytes(copy));
        Assert.Equal(new[] { Path.Combine(full, "plan.json"), slurmDir }, Directory.GetFileSystemEntries(full).Order(StringComparer.Ordinal));
        Assert.Equal(new[] { copy, Path.Combine(slurmDir, "merge.sbatch"), submitPath, Path.Combine(slurmDir, "sweep.sbatch") }, Directory.GetFiles(slurmDir).Order(StringComparer.Ordinal));

        string sweep = File.ReadAllText(Path.Combine(slurmDir, "sweep.sbatch"));
        foreach (string expected in new[]
        {
            "#SBATCH --array=0-3\n",
            "#SBATCH --cpus-per-task=2\n",
            "#SBATCH --mem=3G\n",
            "#SBATCH --time=00:30:00\n",
            "#SBATCH --partition=short\n",
            "#SBATCH --job-name=neurotag-chronic-pain\n",
            "#SBATCH --output=slurm/shard-%a.log\n",
            "set -euo pipefail\n",
            "read -r -a cli <<< \"${NEUROTAG_CLI:-neurotag-cli}\"\n",
            "exec \"${cli[@]}\" sweep 'slurm/chronic-pain.yaml' --out \"$PWD\" ",
            "--shard \"${SLURM_ARRAY_TASK_ID}/4\"",
            "--jobs \"${SLURM_CPUS_PER_TASK:-1}\" --quiet",
            "--grid 'projections.cue-to-pain.plasticity.rate=0.001,0.005'",
            "--seeds 2\n",
        })
        {
            Assert.Contains(expected, sweep, StringComparison.Ordinal);
        }

        AssertDirectivesComeFirst(sweep);

        string merge = File.ReadAllText(Path.Combine(slurmDir, "merge.sbatch"));
        Assert.Contains("#SBATCH --output=slurm/merge.log\n", merge, StringComparison.Ordinal);
        Assert.Contains("#SBATCH --partition=short\n", merge, StringComparison.Ordinal);
        Assert.Contains("#SBATCH --mem=", merge, StringComparison.Ordinal);
        Assert.Contains("exec \"${cli[@]}\" merge \"$PWD\"\n", merge, StringComparison.Ordinal);
        Assert.DoesNotContain("--array", merge, StringComparison.Ordinal);
        AssertDirectivesComeFirst(merge);

        string submit = File.ReadAllText(Path.Combine(slurmDir, "submit.sh"));
        Assert.Contains("cd \"$(dirname \"${BASH_SOURCE[0]}\")/..\"\n", submit, StringComparison.Ordinal);
        Assert.Contains("sbatch --parsable \"$@\" slurm/sweep.sbatch)", submit, StringComparison.Ordinal);
        Assert.Contains("--dependency=afterany:\"${array}\" \"$@\" slurm/merge.sbatch)", submit, StringComparison.Ordinal);
        Assert.DoesNotContain("afterok", submit, StringComparison.Ordinal);
    }

    /// <summary>
    /// Without --mem, each task asks for its points' network state, from the largest point's estimate (the figure
    /// the memory limit is checked against), as many times as it runs points at once, doubled, plus the runtime.
    /// </summary>
    [Fact]
    public void Slurm_WithoutMem_SizesItFromTheLargestPointsMemoryEstimateTimesCpus()
    {
        using var temp = new TempFolder();
        string scenario = temp.Sub("dense.yaml");
        string text = """
            name: dense
            dt: 1 ms
            populations:
              cortex: { size: 1000, neuron: { model: rate } }
            projections:
              recurrent: { from: cortex, to: cortex, weight: 0.001 }
            protocol:
              - { phase: run, duration: 1 ms }
            """;
        File.WriteAllText(scenario, text);
        long small = Scenarios.ScenarioLoader.LoadText(text, "dense.yaml").MemoryBytes!.Value;
        long large = Scenarios.ScenarioLoader.LoadText(text.Replace("size: 1000", "size: 2000", StringComparison.Ordinal), "dense.yaml").MemoryBytes!.Value;
        Assert.True(large > 3 * small, $"{large} vs {small}: the dense projection grows with the square of the size");

        var (exit, stdout, stderr) = CliHarness.Run("slurm", scenario, "--out", temp.Sub("s"), "--shards", "2", "--cpus", "3", "--grid", "populations.cortex.size=1000,2000");

        Assert.True(exit == 0, stderr);
        string sweep = File.ReadAllText(Path.Combine(Path.GetDirectoryName(stdout.Trim())!, "sweep.sbatch"));
        Assert.Contains($"#SBATCH --mem={SlurmCommand.DefaultMemory(large, 3)}\n", sweep, StringComparison.Ordinal);
        Assert.Contains($"memory: --mem={SlurmCommand.DefaultMemory(large, 3)} per task (3 points at once", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 1, "256M")]                       // the runtime alone
    [InlineData(100L * 1048576, 3, "856M")]          // 256 + 3 x 2 x 100
    [InlineData((10L * 1048576) + 1, 1, "277M")]     // 256 + 20.000002, rounded up
    public void DefaultMemory_IsTheRuntimePlusTwiceTheStateOfEachPointAtOnce(long bytes, int cpus, string expected) =>
        Assert.Equal(expected, SlurmCommand.DefaultMemory(bytes, cpus));

    [Theory]
    [InlineData("4G", true)]
    [InlineData("500M", true)]
    [InlineData("1024", true)]
    [InlineData("2T", true)]
    [InlineData("4GB", false)]
    [InlineData("G", false)]
    [InlineData("-1G", false)]
    [InlineData("1.5G", false)]
    [InlineData("4g", false)]
    public void SlurmMemorySyntax_IsAWholeNumberWithAnOptionalUnit(string text, bool valid) =>
        Assert.Equal(valid, SlurmCommand.IsSlurmMemory(text));

    [Fact]
    public void Slurm_WithoutPartitionOrTime_LeavesThemToTheClusterAndUsesOneCpu()
    {
        using var temp = new TempFolder();
        var (exit, stdout, stderr) = CliHarness.Run("slurm", CliHarness.Scenario(SlurmTestSupport.ScenarioName), "--out", temp.Sub("s"), "--shards", "1");
        Assert.True(exit == 0, stderr);
        string sweep = File.ReadAllText(Path.Combine(Path.GetDirectoryName(stdout.Trim())!, "sweep.sbatch"));
        Assert.Contains("#SBATCH --array=0-0\n", sweep, StringComparison.Ordinal);
        Assert.Contains("#SBATCH --cpus-per-task=1\n", sweep, StringComparison.Ordinal);
        Assert.Contains("--shard \"${SLURM_ARRAY_TASK_ID}/1\"", sweep, StringComparison.Ordinal);
        Assert.DoesNotContain("--partition", sweep, StringComparison.Ordinal);
        Assert.DoesNotContain("--time", sweep, StringComparison.Ordinal);
        Assert.DoesNotContain("--grid", sweep, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--shards", "0", "--shards")]
    [InlineData("--shards", "-3", "--shards")]
    [InlineData("--cpus", "0", "--cpus")]
    [InlineData("--seeds", "0", "--seeds")]
    [InlineData("--time", "1 hour", "--time")]
    [InlineData("--grid", "projections.cue-to-pain.plasticity.rte=0.1,0.2", "unknown key 'rte'")]
    [InlineData("--set", "nonsense", "--set")]
    [InlineData("--mem", "4GB", "--mem")]
    public void Slurm_InvalidOption_ExitsTwoAndWritesNothing(string option, string value, string expected)
    {
        using var temp = new TempFolder();
        string dir = temp.Sub("sweep");
        string[] shards = option == "--shards" ? [] : ["--shards", "2"];
        var (exit, stdout, stderr) = CliHarness.Run(["slurm", CliHarness.Scenario(SlurmTestSupport.ScenarioName), "--out", dir, .. shards, option, value]);
        Assert.Equal(2, exit);
        Assert.Contains(expected, stderr, StringComparison.Ordinal);
        Assert.Contains("nothing was run", stderr, StringComparison.Ordinal);
        Assert.Equal("", stdout);
        Assert.False(Directory.Exists(dir));
    }

    [Fact]
    public void Slurm_MissingShardsOrInvalidScenario_ExitsTwo()
    {
        using var temp = new TempFolder();
        Assert.Equal(2, CliHarness.Run("slurm", CliHarness.Scenario(SlurmTestSupport.ScenarioName), "--out", temp.Sub("a")).Exit);

        string bad = temp.Sub("bad.yaml");
        File.WriteAllText(bad, "name: x\npopulations: 3\n");
        var (exit, _, stderr) = CliHarness.Run("slurm", bad, "--out", temp.Sub("b"), "--shards", "2");
        Assert.Equal(2, exit);
        Assert.Contains("bad.yaml", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(temp.Sub("b")));
    }

    [Fact]
    public void Slurm_MoreShardsThanPoints_WarnsButWrites()
    {
        using var temp = new TempFolder();
        var (exit, _, stderr) = CliHarness.Run(["slurm", CliHarness.Scenario(SlurmTestSupport.ScenarioName), "--out", temp.Sub("s"), "--shards", "6", .. SlurmTestSupport.SmallGrid]);
        Assert.Equal(0, exit);
        Assert.Contains("warning: 6 shards for 4 points: array tasks 4..5 will have nothing to run", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Quote_EmbeddedSingleQuote_IsOneBashWord()
    {
        Assert.Equal("'it'\\''s a $HOME'", SlurmCommand.Quote("it's a $HOME"));
        var (exit, stdout, stderr) = SlurmTestSupport.Run("bash", ["-c", "printf '%s|' " + SlurmCommand.Quote("it's a $HOME `x` \"y\"")], new Dictionary<string, string?>(), ScriptTimeout);
        Assert.True(exit == 0, stderr);
        Assert.Equal("it's a $HOME `x` \"y\"|", stdout);
    }

    /// <summary>
    /// The scripts run from wherever the sweep folder is and from the scenario's copy: the folder is moved and the
    /// original scenario overwritten after generating them, and every shard and the merge still give all points ok.
    /// </summary>
    [Fact]
    public void Slurm_ScriptsRunByBashAfterTheFolderMovedAndTheScenarioChanged_EveryPointIsOk()
    {
        using var temp = new TempFolder();
        string scenario = temp.Sub(SlurmTestSupport.ScenarioName);
        File.Copy(CliHarness.Scenario(SlurmTestSupport.ScenarioName), scenario);

        // A space and a single quote in the folder names exercise the scripts' quoting for real.
        string generated = Path.Combine(temp.Path, "it's a sweep");
        SlurmTestSupport.GenerateFrom(scenario, generated, ["--shards", "3", .. SlurmTestSupport.SmallGrid]);
        string dir = Path.Combine(temp.Path, "moved, it's still a sweep");
        Directory.Move(generated, dir);
        File.WriteAllText(scenario, "name: edited after generating\n");
        string slurmDir = Path.Combine(dir, "slurm");

        for (int i = 0; i < 3; i++)
        {
            var env = SlurmTestSupport.WithCli(new Dictionary<string, string?> { ["SLURM_ARRAY_TASK_ID"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture), ["SLURM_CPUS_PER_TASK"] = "1" });
            var (shardExit, _, shardErr) = SlurmTestSupport.Run("bash", [Path.Combine(slurmDir, "sweep.sbatch")], env, ScriptTimeout);
            Assert.True(shardExit == 0, $"shard {i}: {shardErr}");
        }

        // Shards never merge; 4 points over 3 shards: 0 and 3 in shard 0, 1 in shard 1, 2 in shard 2.
        Assert.False(File.Exists(Path.Combine(dir, "index.csv")));
        Assert.True(File.Exists(Path.Combine(dir, "plan.json")));
        Assert.False(Directory.Exists(generated));
        Assert.Equal(SlurmTestSupport.SmallGridPoints, Directory.GetDirectories(Path.Combine(dir, "points")).Length);

        var (exit, stdout, stderr) = SlurmTestSupport.Run("bash", [Path.Combine(slurmDir, "merge.sbatch")], SlurmTestSupport.CliEnvironment, ScriptTimeout);
        Assert.True(exit == 0, stderr);
        Assert.Contains("merged 4 of 4 points ok, 0 failed, 0 missing, 0 duplicated", stderr, StringComparison.Ordinal);
        Assert.Equal(Path.Combine(dir, "index.csv"), stdout.Trim());
        Assert.Equal(Enumerable.Repeat("ok", SlurmTestSupport.SmallGridPoints), SlurmTestSupport.Statuses(dir));
    }

    [Fact]
    public void Slurm_ScriptWhereNeurotagCliIsNotFound_FailsSayingHowToInstallIt()
    {
        using var temp = new TempFolder();
        string slurmDir = SlurmTestSupport.Generate(temp.Sub("s"), "--shards", "1");
        var env = new Dictionary<string, string?> { ["SLURM_ARRAY_TASK_ID"] = "0", ["NEUROTAG_CLI"] = null, ["PATH"] = "/usr/bin:/bin" };

        var (exit, _, stderr) = SlurmTestSupport.Run("bash", [Path.Combine(slurmDir, "sweep.sbatch")], env, ScriptTimeout);

        Assert.Equal(127, exit);
        Assert.Contains("'neurotag-cli' not found: install neurotag-cli on the nodes (dotnet tool install --global neurotag-cli) or set NEUROTAG_CLI", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(temp.Sub("s"), "points")));
    }

    [Fact]
    public void Slurm_IntoAFolderHoldingADifferentSweep_IsRefusedBeforeAnyTaskQueues()
    {
        using var temp = new TempFolder();
        string dir = temp.Sub("s");
        var first = CliHarness.Run(["sweep", CliHarness.Scenario(SlurmTestSupport.ScenarioName), "--out", dir, "--quiet", "--shard", "0/100", .. SlurmTestSupport.SmallGrid]);
        Assert.True(first.Exit == 0, first.Err);

        var (exit, stdout, stderr) = CliHarness.Run("slurm", CliHarness.Scenario(SlurmTestSupport.ScenarioName), "--out", dir, "--shards", "2", "--seeds", "3");

        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        Assert.Contains("already holds a different sweep", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(dir, "slurm")));
    }

    [Fact]
    public void Slurm_SweepScriptWithoutTaskId_FailsWithAHint()
    {
        using var temp = new TempFolder();
        string slurmDir = SlurmTestSupport.Generate(temp.Sub("s"), "--shards", "2");
        var env = SlurmTestSupport.WithCli(new Dictionary<string, string?> { ["SLURM_ARRAY_TASK_ID"] = null });
        var (exit, _, stderr) = SlurmTestSupport.Run("bash", [Path.Combine(slurmDir, "sweep.sbatch")], env, ScriptTimeout);
        Assert.NotEqual(0, exit);
        Assert.Contains("SLURM_ARRAY_TASK_ID", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(temp.Sub("s"), "points")));
    }

    [Fact]
    public void Slurm_MergeScriptAfterAMissingShard_ExitsTwoNamingTheMissingPoints()
    {
        using var temp = new TempFolder();
        string dir = temp.Sub("s");
        string slurmDir = SlurmTestSupport.Generate(dir, ["--shards", "2", .. SlurmTestSupport.SmallGrid]);
        var env = SlurmTestSupport.WithCli(new Dictionary<string, string?> { ["SLURM_ARRAY_TASK_ID"] = "1", ["SLURM_CPUS_PER_TASK"] = "1" });
        Assert.Equal(0, SlurmTestSupport.Run("bash", [Path.Combine(slurmDir, "sweep.sbatch")], env, ScriptTimeout).Exit);

        var (exit, _, stderr) = SlurmTestSupport.Run("bash", [Path.Combine(slurmDir, "merge.sbatch")], SlurmTestSupport.CliEnvironment, ScriptTimeout);
        Assert.Equal(2, exit);
        Assert.Contains("missing: point 0 ", stderr, StringComparison.Ordinal);
        Assert.Contains("missing: point 2 ", stderr, StringComparison.Ordinal);
        Assert.Contains("merged 2 of 4 points ok, 0 failed, 2 missing, 0 duplicated", stderr, StringComparison.Ordinal);
    }

    private static void AssertDirectivesComeFirst(string script)
    {
        // sbatch stops reading #SBATCH lines at the first line that is not a comment.
        var lines = script.Split('\n');
        int firstCommand = Array.FindIndex(lines, l => l.Length > 0 && !l.StartsWith('#'));
        int lastDirective = Array.FindLastIndex(lines, l => l.StartsWith("#SBATCH", StringComparison.Ordinal));
        Assert.True(lastDirective < firstCommand, script);
    }
}
