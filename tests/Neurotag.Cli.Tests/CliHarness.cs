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

        using var process = Process.Start(info)!;
        var outTask = process.StandardOutput.ReadToEndAsync();
        var errTask = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("neurotag-cli did not finish in 5 minutes");
        }

        return (process.ExitCode, outTask.Result, errTask.Result);
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
