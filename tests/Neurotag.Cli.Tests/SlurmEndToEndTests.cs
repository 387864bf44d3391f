using System.Diagnostics;
using System.Globalization;
using System.Text;
using Xunit.Abstractions;

namespace Neurotag.Cli.Tests;

/// <summary>
/// The generated scripts on a real Slurm: a single-node cluster (shared/tools/single-node-slurm.sh, loopback only)
/// runs the array and then the merge; the merged summary must equal an unsharded in-process sweep, byte for byte.
/// Skipped, saying what is missing, where Slurm or root is not available.
/// </summary>
[Collection("slurm")]
public sealed class SlurmEndToEndTests(ITestOutputHelper output)
{
    private static readonly TimeSpan QueueTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromMinutes(1);

    [SlurmFact]
    public void Slurm_RealSingleNodeCluster_ArrayThenMergeMatchesTheUnshardedSweep()
    {
        // The script's ports are fixed: one cluster at a time on this machine, whichever process runs the test.
        using var gate = ClusterLock.Acquire(TimeSpan.FromMinutes(10));
        using var temp = new TempFolder();
        string state = temp.Sub("cluster");
        Directory.CreateDirectory(state);
        // The jobs inherit submit.sh's environment (sbatch's default --export=ALL): NEUROTAG_CLI names the build under test.
        var cluster = SlurmTestSupport.WithCli(new Dictionary<string, string?> { ["SLURM_CONF"] = Path.Combine(state, "slurm.conf") });
        var jobs = new List<string>();
        var clock = Stopwatch.StartNew();
        try
        {
            // The daemons inherit the script's output: send it to a file, not to a pipe that would never close.
            string startLog = Path.Combine(state, "start.log");
            var start = SlurmTestSupport.Run(
                "bash",
                ["-c", "bash \"$0\" >\"$1\" 2>&1", SlurmFactAttribute.StartScript!, startLog],
                new Dictionary<string, string?> { ["S"] = state },
                TimeSpan.FromMinutes(2));
            string started = File.Exists(startLog) ? File.ReadAllText(startLog) : "";
            Assert.True(start.Exit == 0 && started.Contains(" idle", StringComparison.Ordinal), $"the cluster did not start (exit {start.Exit}):\n{started}{start.Err}\n{Logs(state, null)}");
            output.WriteLine($"cluster up after {clock.Elapsed.TotalSeconds:F1} s: {started.Trim()}");

            // A space and a single quote in the sweep folder: the jobs' relative paths must hold in it.
            string dir = Path.Combine(temp.Path, "it's a sweep");
            string slurmDir = SlurmTestSupport.Generate(dir, ["--shards", "2", "--time", "00:10:00", .. SlurmTestSupport.SmallGrid]);
            var submit = SlurmTestSupport.Run("bash", [Path.Combine(slurmDir, "submit.sh")], cluster, CommandTimeout);
            Assert.True(submit.Exit == 0, $"submit.sh failed ({submit.Exit}): {submit.Out}{submit.Err}\n{Logs(state, slurmDir)}");
            jobs.AddRange(submit.Out.Split('\n').Where(l => l.Contains(" job: ", StringComparison.Ordinal)).Select(l => l[(l.IndexOf(": ", StringComparison.Ordinal) + 2)..].Trim()));
            Assert.True(jobs.Count == 2 && jobs.All(j => j.Length > 0 && j.All(char.IsAsciiDigit)), submit.Out);
            output.WriteLine($"submitted array {jobs[0]} and merge {jobs[1]} at {clock.Elapsed.TotalSeconds:F1} s");

            var queueClock = Stopwatch.StartNew();
            string queue = WaitForEmptyQueue(cluster);
            Assert.True(queue.Length == 0, $"the queue did not drain in {QueueTimeout}:\n{queue}\n{Logs(state, slurmDir)}");
            output.WriteLine($"queue drained after {queueClock.Elapsed.TotalSeconds:F1} s (total {clock.Elapsed.TotalSeconds:F1} s)");

            string mergeLog = Path.Combine(slurmDir, "merge.log");
            Assert.True(File.Exists(mergeLog), $"no merge.log\n{Logs(state, slurmDir)}");
            Assert.Contains("merged 4 of 4 points ok, 0 failed, 0 missing, 0 duplicated", File.ReadAllText(mergeLog), StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(slurmDir, "shard-0.log")) && File.Exists(Path.Combine(slurmDir, "shard-1.log")), Logs(state, slurmDir));
            Assert.Equal(Enumerable.Repeat("ok", SlurmTestSupport.SmallGridPoints), SlurmTestSupport.Statuses(dir));
            Assert.Contains("#SBATCH --mem=", File.ReadAllText(Path.Combine(slurmDir, "sweep.sbatch")), StringComparison.Ordinal);

            string unsharded = temp.Sub("unsharded");
            var sweep = CliHarness.Run(["sweep", SlurmTestSupport.ScriptScenario, "--out", unsharded, "--quiet", .. SlurmTestSupport.SmallGrid]);
            Assert.True(sweep.Exit == 0, sweep.Err);
            Assert.Equal(File.ReadAllBytes(Path.Combine(unsharded, "summary.csv")), File.ReadAllBytes(Path.Combine(dir, "summary.csv")));
        }
        finally
        {
            if (jobs.Count > 0)
            {
                TryRun("scancel", jobs, cluster);
            }

            StopDaemons(state);
            output.WriteLine($"done, daemons stopped, after {clock.Elapsed.TotalSeconds:F1} s");
        }
    }

    /// <summary>Polls <c>squeue -h</c> until it prints nothing; returns the last non-empty queue on timeout.</summary>
    private static string WaitForEmptyQueue(IReadOnlyDictionary<string, string?> cluster)
    {
        var deadline = Stopwatch.StartNew();
        string last = "";
        while (deadline.Elapsed < QueueTimeout)
        {
            var (exit, stdout, stderr) = SlurmTestSupport.Run("squeue", ["-h"], cluster, CommandTimeout);
            if (exit == 0 && stdout.Trim().Length == 0)
            {
                return "";
            }

            last = exit == 0 ? stdout : $"squeue failed ({exit}): {stderr}";
            Thread.Sleep(1000);
        }

        return last.Length == 0 ? "(squeue never answered)" : last;
    }

    /// <summary>Stops the daemons the script started, by the pids in the pid files it names.</summary>
    private static void StopDaemons(string state)
    {
        foreach (var (file, name) in new[] { ("run/slurmd.pid", "slurmd"), ("run/slurmctld.pid", "slurmctld"), ("munge/munged.pid", "munged") })
        {
            string path = Path.Combine(state, file);
            if (!File.Exists(path) || !int.TryParse(File.ReadAllText(path).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int pid) || !IsRunning(pid, name))
            {
                continue;
            }

            TryRun("kill", [pid.ToString(CultureInfo.InvariantCulture)], new Dictionary<string, string?>());
            var wait = Stopwatch.StartNew();
            while (IsRunning(pid, name) && wait.Elapsed < TimeSpan.FromSeconds(15))
            {
                Thread.Sleep(200);
            }

            if (IsRunning(pid, name))
            {
                TryRun("kill", ["-KILL", pid.ToString(CultureInfo.InvariantCulture)], new Dictionary<string, string?>());
            }
        }
    }

    /// <summary>Whether <paramref name="pid"/> is a live (not zombie) process named <paramref name="name"/>.</summary>
    private static bool IsRunning(int pid, string name)
    {
        try
        {
            string status = File.ReadAllText($"/proc/{pid}/status");
            string Field(string key) => status.Split('\n').FirstOrDefault(l => l.StartsWith(key + ":", StringComparison.Ordinal))?[(key.Length + 1)..].Trim() ?? "";
            return Field("Name") == name && !Field("State").StartsWith('Z');
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static void TryRun(string file, IEnumerable<string> args, IReadOnlyDictionary<string, string?> environment)
    {
        try
        {
            _ = SlurmTestSupport.Run(file, args, environment, CommandTimeout);
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or TimeoutException)
        {
            // Best effort in cleanup: the daemons' pids are still killed below.
        }
    }

    /// <summary>The tails of the daemons' and jobs' logs, for a failure message.</summary>
    private static string Logs(string state, string? slurmDir)
    {
        var files = new List<string> { Path.Combine(state, "log", "slurmctld.log"), Path.Combine(state, "log", "slurmd.log"), Path.Combine(state, "munge", "munged.log") };
        if (slurmDir is not null && Directory.Exists(slurmDir))
        {
            files.AddRange(Directory.GetFiles(slurmDir, "*.log").Order(StringComparer.Ordinal));
        }

        var text = new StringBuilder();
        foreach (string file in files.Where(File.Exists))
        {
            var lines = File.ReadAllLines(file);
            text.Append("--- ").Append(file).Append('\n');
            foreach (string line in lines.Skip(Math.Max(0, lines.Length - 25)))
            {
                text.Append(line).Append('\n');
            }
        }

        return text.ToString();
    }

    /// <summary>An exclusive lock file held while the cluster runs (the script's ports and daemons are per machine).</summary>
    private sealed class ClusterLock : IDisposable
    {
        private readonly FileStream stream;

        private ClusterLock(FileStream stream) => this.stream = stream;

        public static ClusterLock Acquire(TimeSpan timeout)
        {
            string path = Path.Combine(Path.GetTempPath(), "neurotag-cli-slurm-test.lock");
            var wait = Stopwatch.StartNew();
            while (true)
            {
                try
                {
                    return new ClusterLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
                }
                catch (IOException) when (wait.Elapsed < timeout)
                {
                    Thread.Sleep(2000);
                }
            }
        }

        public void Dispose() => stream.Dispose();
    }
}
