using System.Diagnostics;

namespace Neurotag.Cli.Tests;

/// <summary>Child processes and file checks shared by the Slurm tests.</summary>
internal static class SlurmTestSupport
{
    public const string ScenarioName = "chronic-pain.yaml";

    /// <summary>
    /// What the generated scripts run: the shortened chronic-pain (<see cref="SharedRuns.ShortChronicPainScenario"/>,
    /// same parameter paths), since every shard is a child process and the scripts, not the science, are under test.
    /// </summary>
    public static string ScriptScenario => SharedRuns.ShortChronicPainScenario;

    /// <summary>A small sweep: 2 rates x 2 seeds = 4 points of a fraction of a second each.</summary>
    public static readonly string[] SmallGrid = ["--grid", "projections.cue-to-pain.plasticity.rate=0.001,0.005", "--seeds", "2"];

    public const int SmallGridPoints = 4;

    /// <summary>
    /// How the generated scripts find the CLI under test: it is not on PATH here, and the scripts name no path of
    /// their own, so NEUROTAG_CLI names this build (as a user of a development build would).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string?> CliEnvironment = new Dictionary<string, string?>
    {
        ["NEUROTAG_CLI"] = "dotnet " + Path.Combine(AppContext.BaseDirectory, "neurotag-cli.dll"),
    };

    /// <summary><see cref="CliEnvironment"/> plus <paramref name="more"/>.</summary>
    public static IReadOnlyDictionary<string, string?> WithCli(IReadOnlyDictionary<string, string?> more)
    {
        var all = new Dictionary<string, string?>(CliEnvironment);
        foreach (var (key, value) in more)
        {
            all[key] = value;
        }

        return all;
    }

    /// <summary>
    /// Runs <paramref name="file"/> with <paramref name="args"/>; <paramref name="environment"/> adds variables (a null
    /// value removes one). Inherited SLURM_* variables other than SLURM_CONF are dropped, so a test run inside a Slurm
    /// job does not leak its own job into the scripts under test.
    /// </summary>
    public static (int Exit, string Out, string Err) Run(string file, IEnumerable<string> args, IReadOnlyDictionary<string, string?> environment, TimeSpan timeout)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string a in args)
        {
            info.ArgumentList.Add(a);
        }

        foreach (string key in info.Environment.Keys.Where(k => k.StartsWith("SLURM_", StringComparison.Ordinal) && k != "SLURM_CONF").ToList())
        {
            info.Environment.Remove(key);
        }

        foreach (var (key, value) in environment)
        {
            if (value is null)
            {
                info.Environment.Remove(key);
            }
            else
            {
                info.Environment[key] = value;
            }
        }

        using var process = Process.Start(info)!;
        var outTask = process.StandardOutput.ReadToEndAsync();
        var errTask = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', info.ArgumentList)} did not finish in {timeout}");
        }

        return (process.ExitCode, outTask.Result, errTask.Result);
    }

    /// <summary>Generates the scripts in a child <c>dotnet neurotag-cli.dll</c>, as a user would.</summary>
    public static string Generate(string dir, params string[] options) => GenerateFrom(ScriptScenario, dir, options);

    /// <summary>As <see cref="Generate"/>, for the scenario at <paramref name="scenario"/>.</summary>
    public static string GenerateFrom(string scenario, string dir, params string[] options)
    {
        var (exit, stdout, stderr) = CliHarness.RunProcess(
            new Dictionary<string, string>(),
            ["slurm", scenario, "--out", dir, .. options]);
        Assert.True(exit == 0, stderr);
        return Path.GetDirectoryName(stdout.Trim())!;
    }

    /// <summary>index.csv's status column, one entry per point.</summary>
    public static List<string> Statuses(string dir)
    {
        var lines = File.ReadAllLines(Path.Combine(dir, "index.csv"));
        int status = Array.IndexOf(lines[0].Split(','), "status");
        Assert.True(status >= 0, lines[0]);
        return [.. lines.Skip(1).Select(l => l.Split(',')[status])];
    }
}
