using Neurotag.Cli.Commands;

namespace Neurotag.Cli.Tests;

/// <summary>
/// <c>slurm</c> writes an array job, a merge job and a submit script. Without a scheduler, the scripts still run under
/// bash (the #SBATCH lines are comments), so every shard and the merge are executed here for real.
/// </summary>
public sealed class SlurmCommandTests
{
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    public void Slurm_FourShards_WritesExecutableScriptsWithArrayShardAndAbsolutePaths()
    {
        using var temp = new TempFolder();
        string dir = temp.Sub("sweep");
        var (exit, stdout, stderr) = CliHarness.Run(
            ["slurm", CliHarness.Scenario(SlurmTestSupport.ScenarioName), "--out", dir, "--shards", "4", "--cpus", "2", "--time", "00:30:00", "--partition", "short", .. SlurmTestSupport.SmallGrid]);
        Assert.True(exit == 0, stderr);

        string full = Path.GetFullPath(dir);
        string slurmDir = Path.Combine(full, "slurm");
        string submitPath = Path.Combine(slurmDir, "submit.sh");
        Assert.Equal(submitPath, stdout.Trim());
        Assert.Equal("submit with: bash " + submitPath, stderr.Trim());
        foreach (string name in new[] { "sweep.sbatch", "merge.sbatch", "submit.sh" })
        {
            string path = Path.Combine(slurmDir, name);
            Assert.True(File.Exists(path), path);
            Assert.True(OperatingSystem.IsWindows() || File.GetUnixFileMode(path).HasFlag(UnixFileMode.UserExecute), $"{name} is not executable");
            Assert.StartsWith("#!/bin/bash\n", File.ReadAllText(path), StringComparison.Ordinal);
        }

        // The plan marks the folder as a sweep (so shards may write into it); no point has run yet.
        Assert.Equal(new[] { Path.Combine(full, "plan.json"), slurmDir }, Directory.GetFileSystemEntries(full).Order(StringComparer.Ordinal));

        string sweep = File.ReadAllText(Path.Combine(slurmDir, "sweep.sbatch"));
        string scenario = Path.GetFullPath(CliHarness.Scenario(SlurmTestSupport.ScenarioName));
        foreach (string expected in new[]
        {
            "#SBATCH --array=0-3\n",
            "#SBATCH --cpus-per-task=2\n",
            "#SBATCH --time=00:30:00\n",
            "#SBATCH --partition=short\n",
            "#SBATCH --job-name=neurotag-chronic-pain\n",
            $"#SBATCH --output={slurmDir}/shard-%a.log\n",
            "set -euo pipefail\n",
            $" sweep '{scenario}' --out '{full}' ",
            "--shard \"${SLURM_ARRAY_TASK_ID}/4\"",
            "--jobs \"${SLURM_CPUS_PER_TASK:-1}\" --quiet",
            "--grid 'projections.cue-to-pain.plasticity.rate=0.001,0.005'",
            "--seeds 2\n",
        })
        {
            Assert.Contains(expected, sweep, StringComparison.Ordinal);
        }

        AssertDirectivesComeFirst(sweep);
        Assert.Contains("exec " + SlurmCommand.CliInvocation() + " sweep ", sweep, StringComparison.Ordinal);

        string merge = File.ReadAllText(Path.Combine(slurmDir, "merge.sbatch"));
        Assert.Contains($"#SBATCH --output={slurmDir}/merge.log\n", merge, StringComparison.Ordinal);
        Assert.Contains("#SBATCH --partition=short\n", merge, StringComparison.Ordinal);
        Assert.Contains($" merge '{full}'\n", merge, StringComparison.Ordinal);
        Assert.DoesNotContain("--array", merge, StringComparison.Ordinal);
        AssertDirectivesComeFirst(merge);

        string submit = File.ReadAllText(Path.Combine(slurmDir, "submit.sh"));
        Assert.Contains($"sbatch --parsable \"$@\" '{slurmDir}/sweep.sbatch'", submit, StringComparison.Ordinal);
        Assert.Contains($"--dependency=afterany:\"${{array}}\" \"$@\" '{slurmDir}/merge.sbatch'", submit, StringComparison.Ordinal);
        Assert.DoesNotContain("afterok", submit, StringComparison.Ordinal);
    }

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

    [Fact]
    public void Slurm_ScriptsRunByBashWithoutSlurm_EveryShardThenMergeGiveAllPointsOk()
    {
        using var temp = new TempFolder();

        // A space and a single quote in the folder name exercise the scripts' quoting for real.
        string dir = Path.Combine(temp.Path, "it's a sweep");
        string slurmDir = SlurmTestSupport.Generate(dir, ["--shards", "3", .. SlurmTestSupport.SmallGrid]);
        for (int i = 0; i < 3; i++)
        {
            var env = new Dictionary<string, string?> { ["SLURM_ARRAY_TASK_ID"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture), ["SLURM_CPUS_PER_TASK"] = "1" };
            var (shardExit, _, shardErr) = SlurmTestSupport.Run("bash", [Path.Combine(slurmDir, "sweep.sbatch")], env, ScriptTimeout);
            Assert.True(shardExit == 0, $"shard {i}: {shardErr}");
        }

        // Shards never merge; 4 points over 3 shards: 0 and 3 in shard 0, 1 in shard 1, 2 in shard 2.
        Assert.False(File.Exists(Path.Combine(dir, "index.csv")));
        Assert.True(File.Exists(Path.Combine(dir, "plan.json")));
        Assert.Equal(SlurmTestSupport.SmallGridPoints, Directory.GetDirectories(Path.Combine(dir, "points")).Length);

        var (exit, stdout, stderr) = SlurmTestSupport.Run("bash", [Path.Combine(slurmDir, "merge.sbatch")], new Dictionary<string, string?>(), ScriptTimeout);
        Assert.True(exit == 0, stderr);
        Assert.Contains("merged 4 of 4 points ok, 0 failed, 0 missing, 0 duplicated", stderr, StringComparison.Ordinal);
        Assert.Equal(Path.Combine(dir, "index.csv"), stdout.Trim());
        Assert.Equal(Enumerable.Repeat("ok", SlurmTestSupport.SmallGridPoints), SlurmTestSupport.Statuses(dir));
    }

    [Fact]
    public void Slurm_SweepScriptWithoutTaskId_FailsWithAHint()
    {
        using var temp = new TempFolder();
        string slurmDir = SlurmTestSupport.Generate(temp.Sub("s"), "--shards", "2");
        var env = new Dictionary<string, string?> { ["SLURM_ARRAY_TASK_ID"] = null };
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
        var env = new Dictionary<string, string?> { ["SLURM_ARRAY_TASK_ID"] = "1", ["SLURM_CPUS_PER_TASK"] = "1" };
        Assert.Equal(0, SlurmTestSupport.Run("bash", [Path.Combine(slurmDir, "sweep.sbatch")], env, ScriptTimeout).Exit);

        var (exit, _, stderr) = SlurmTestSupport.Run("bash", [Path.Combine(slurmDir, "merge.sbatch")], new Dictionary<string, string?>(), ScriptTimeout);
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
