namespace Neurotag.Cli.Tests;

/// <summary>
/// A fact that needs a real single-node Slurm: root, the Slurm and munge daemons and clients on PATH, and the
/// shared <c>single-node-slurm.sh</c>. Otherwise the test is skipped with what is missing and how to get it.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class SlurmFactAttribute : FactAttribute
{
    private static readonly Lazy<string?> Reason = new(FindSkipReason);

    public SlurmFactAttribute()
    {
        if (Reason.Value is { } reason)
        {
            Skip = reason;
        }
    }

    /// <summary>The single-node Slurm script, or null.</summary>
    internal static string? StartScript
    {
        get
        {
            var candidates = new List<string>();
            if (RepoRoot() is { } root)
            {
                candidates.Add(Path.GetFullPath(Path.Combine(root, "..", "shared", "tools", "single-node-slurm.sh")));
            }

            candidates.Add("/work/shared/tools/single-node-slurm.sh");
            return candidates.FirstOrDefault(File.Exists);
        }
    }

    private static string? FindSkipReason()
    {
        var missing = new List<string>();
        if (!IsRoot())
        {
            missing.Add("root (the daemons run as root)");
        }

        string[] path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        foreach (string command in new[] { "slurmctld", "slurmd", "sbatch", "squeue", "munged" })
        {
            if (!path.Any(dir => File.Exists(Path.Combine(dir, command))))
            {
                missing.Add($"'{command}' on PATH");
            }
        }

        if (StartScript is null)
        {
            missing.Add("shared/tools/single-node-slurm.sh beside the repo (or /work/shared/tools/)");
        }

        return missing.Count == 0
            ? null
            : "needs a real single-node Slurm; missing: " + string.Join(", ", missing)
              + ". As root on Debian: apt-get install -y --no-install-recommends slurm-wlm slurmctld slurmd slurm-client munge (.ci/run does this).";
    }

    private static bool IsRoot()
    {
        if (Environment.UserName == "root")
        {
            return true;
        }

        try
        {
            var (exit, stdout, _) = SlurmTestSupport.Run("id", ["-u"], new Dictionary<string, string?>(), TimeSpan.FromSeconds(10));
            return exit == 0 && stdout.Trim() == "0";
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or TimeoutException)
        {
            return false;
        }
    }

    /// <summary>The folder holding neurotag-cli.sln, walking up from the test binaries.</summary>
    internal static string? RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "neurotag-cli.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
