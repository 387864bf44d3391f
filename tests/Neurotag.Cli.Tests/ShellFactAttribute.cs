namespace Neurotag.Cli.Tests;

/// <summary>A fact that needs a shell on PATH (bash, zsh, fish); skipped, saying which, where it is missing.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class ShellFactAttribute : FactAttribute
{
    public ShellFactAttribute(string shell)
    {
        if (Find(shell) is null)
        {
            Skip = $"needs {shell} on PATH (apt-get install {shell})";
        }
    }

    internal static string? Find(string shell) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, shell)).FirstOrDefault(File.Exists);
}
