using System.Diagnostics;
using System.Globalization;

namespace Neurotag.Cli.Tests;

/// <summary>Runs the CLI in-process with captured writers, or as a child process when the environment must differ.</summary>
internal static class CliHarness
{
    public static string Scenario(string name) => Path.Combine(AppContext.BaseDirectory, "scenarios", name);

    public static (int Exit, string Out, string Err) Run(params string[] args)
    {
        using var stdout = new StringWriter(CultureInfo.InvariantCulture);
        using var stderr = new StringWriter(CultureInfo.InvariantCulture);
        int exit = CliApp.Run(args, stdout, stderr);
        return (exit, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs neurotag-cli.dll from the test output folder in a child process with extra environment variables.</summary>
    public static (int Exit, string Out, string Err) RunProcess(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        RunProcessIn(null, environment, args);

    /// <summary>Like <see cref="RunProcess"/>, in <paramref name="workingDirectory"/> (null: the test's own).</summary>
    public static (int Exit, string Out, string Err) RunProcessIn(string? workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        using var process = CliProcess.Start(workingDirectory, environment, args);
        return process.WaitForExit();
    }
}

/// <summary>neurotag-cli.dll running in a child process, which a test can signal (SIGTERM, SIGKILL) while it runs.</summary>
internal sealed class CliProcess : IDisposable
{
    private readonly Process _process;
    private readonly Task<string> _out;
    private readonly Task<string> _err;

    private CliProcess(Process process)
    {
        _process = process;
        _out = process.StandardOutput.ReadToEndAsync();
        _err = process.StandardError.ReadToEndAsync();
    }

    /// <summary>The child's process id (the dotnet host runs the app in its own process).</summary>
    public int Id => _process.Id;

    public static CliProcess Start(params string[] args) => Start(null, new Dictionary<string, string>(), args);

    public static CliProcess Start(string? workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "neurotag-cli.dll"));
        foreach (string a in args)
        {
            info.ArgumentList.Add(a);
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        return new CliProcess(Process.Start(info)!);
    }

    /// <summary>Sends <paramref name="signal"/> (e.g. <c>TERM</c>) with kill(1), as Slurm, <c>timeout</c> or <c>docker stop</c> would.</summary>
    public void Signal(string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-s", signal, Id.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        kill.WaitForExit();
        Assert.True(kill.ExitCode == 0, $"kill -s {signal} {Id} failed");
    }

    /// <summary>SIGKILL: no handler runs, as when Slurm's grace period ends or the OOM killer strikes.</summary>
    public void KillHard() => _process.Kill();

    /// <summary>Waits at most <paramref name="timeout"/> for <paramref name="condition"/>; false if the child exited or time ran out first.</summary>
    public bool WaitUntil(Func<bool> condition, TimeSpan? timeout = null)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < (timeout ?? TimeSpan.FromMinutes(2)))
        {
            if (condition())
            {
                return true;
            }

            if (_process.HasExited)
            {
                return condition();
            }

            Thread.Sleep(20);
        }

        return false;
    }

    public (int Exit, string Out, string Err) WaitForExit()
    {
        if (!_process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException("neurotag-cli did not finish in 5 minutes");
        }

        return (_process.ExitCode, _out.Result, _err.Result);
    }

    public override string ToString() => $"neurotag-cli child {Id}";

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }
}

/// <summary>A temp folder deleted at the end of the test.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "neurotag-cli-tests-" + Guid.NewGuid().ToString("N"));

    public string Sub(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
