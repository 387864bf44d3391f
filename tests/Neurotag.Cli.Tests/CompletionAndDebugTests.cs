using System.Diagnostics;
using System.Globalization;

namespace Neurotag.Cli.Tests;

/// <summary>Shell completion through the suggest directive, and --debug / NEUROTAG_DEBUG on internal errors.</summary>
public class CompletionAndDebugTests
{
    private static readonly string[] Commands = ["run", "validate", "describe", "sweep", "merge", "slurm", "check", "schema", "completion"];

    [Fact]
    public void SuggestDirective_AtTheRoot_ListsEverySubcommand()
    {
        const string line = "neurotag-cli ";

        var (exit, stdout, _) = CliHarness.Run($"[suggest:{line.Length}]", line);

        Assert.Equal(0, exit);
        var suggestions = Lines(stdout);
        Assert.All(Commands, c => Assert.Contains(c, suggestions));
        Assert.Contains("--version", suggestions);
    }

    [Theory]
    [InlineData("neurotag-cli va", "validate")]
    [InlineData("neurotag-cli run --se", "--seed")]
    [InlineData("neurotag-cli run --se", "--set")]
    [InlineData("neurotag-cli sweep --jo", "--jobs")]
    [InlineData("neurotag-cli completion ", "fish")]
    public void SuggestDirective_CompletesTheWordAtTheCursor(string line, string expected)
    {
        var (exit, stdout, _) = CliHarness.Run($"[suggest:{line.Length}]", line);

        Assert.Equal(0, exit);
        Assert.Contains(expected, Lines(stdout));
    }

    [Theory]
    [InlineData("bash", "complete -o default -o bashdefault -F _neurotag_cli_complete neurotag-cli")]
    [InlineData("zsh", "compdef _neurotag_cli_complete neurotag-cli")]
    [InlineData("fish", "complete -c neurotag-cli")]
    public void Completion_PrintsAScriptThatAsksTheSuggestDirective(string shell, string registration)
    {
        var (exit, stdout, _) = CliHarness.Run("completion", shell);

        Assert.Equal(0, exit);
        Assert.Contains("neurotag-cli \"[suggest:", stdout, StringComparison.Ordinal);
        Assert.Contains(registration, stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Completion_OfAnUnknownShell_IsAnOptionError()
    {
        var (exit, _, stderr) = CliHarness.Run("completion", "powershell");

        Assert.Equal(2, exit);
        Assert.Contains("powershell", stderr, StringComparison.Ordinal);
    }

    /// <summary>The real thing: bash sources the printed script and runs its completion function against neurotag-cli.</summary>
    [ShellFact("bash")]
    public void Completion_InBash_CompletesSubcommandsAndOptions()
    {
        string script = $"""
            neurotag-cli() {"{"} dotnet '{Path.Combine(AppContext.BaseDirectory, "neurotag-cli.dll")}' "$@"; {"}"}
            eval "$(neurotag-cli completion bash)"
            COMP_LINE='neurotag-cli sw'; COMP_POINT=${"{"}#COMP_LINE{"}"}; COMP_WORDS=(neurotag-cli sw); COMP_CWORD=1
            _neurotag_cli_complete; echo "words: ${"{"}COMPREPLY[*]{"}"}"
            COMP_LINE='neurotag-cli check --ju'; COMP_POINT=${"{"}#COMP_LINE{"}"}; COMP_WORDS=(neurotag-cli check --ju); COMP_CWORD=2
            _neurotag_cli_complete; echo "options: ${"{"}COMPREPLY[*]{"}"}"
            """;

        string output = RunShell("bash", script);

        Assert.Contains("words: sweep", output, StringComparison.Ordinal);
        Assert.Contains("options: --junit", output, StringComparison.Ordinal);
    }

    [ShellFact("fish")]
    public void Completion_InFish_CompletesSubcommands()
    {
        string dll = Path.Combine(AppContext.BaseDirectory, "neurotag-cli.dll");

        string output = RunShell("fish", $"function neurotag-cli; dotnet '{dll}' $argv; end; neurotag-cli completion fish | source; complete -C 'neurotag-cli desc'");

        Assert.Contains("describe", Lines(output));
    }

    [Fact]
    public void InternalError_WithoutDebug_IsTwoLinesWithoutAStackTrace()
    {
        var (exit, stderr) = RunWithFailingOutput("validate", CliHarness.Scenario("chronic-pain.yaml"));

        Assert.Equal(1, exit);
        Assert.StartsWith("internal error: InvalidOperationException: injected failure", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", stderr, StringComparison.Ordinal);
        Assert.Equal(2, Lines(stderr).Count);
        Assert.Contains("--debug", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void InternalError_WithDebug_ShowsTheStackTraceAndStillExits1()
    {
        var (exit, stderr) = RunWithFailingOutput("validate", CliHarness.Scenario("chronic-pain.yaml"), "--debug");

        Assert.Equal(1, exit);
        Assert.StartsWith("internal error: InvalidOperationException: injected failure", stderr, StringComparison.Ordinal);
        Assert.Contains("System.InvalidOperationException: injected failure", stderr, StringComparison.Ordinal);
        Assert.Contains("at Neurotag.Cli.Commands.ValidateCommand", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void DebugOption_BeforeTheSubcommand_IsAccepted()
    {
        var (exit, stdout, _) = CliHarness.Run("--debug", "validate", CliHarness.Scenario("chronic-pain.yaml"));

        Assert.Equal(0, exit);
        Assert.Contains(": ok", stdout, StringComparison.Ordinal);
    }

    /// <summary>Runs the command with a stdout that throws on first use: the command's own bug, from its point of view.</summary>
    internal static (int Exit, string Err) RunWithFailingOutput(params string[] args)
    {
        using var stdout = new FailingWriter();
        using var stderr = new StringWriter(CultureInfo.InvariantCulture);
        int exit = CliApp.Run(args, stdout, stderr);
        return (exit, stderr.ToString());
    }

    internal static List<string> Lines(string text) => [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static string RunShell(string shell, string script)
    {
        var info = new ProcessStartInfo(ShellFactAttribute.Find(shell)!) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(info)!;
        process.StandardInput.Write(script + "\n");
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(1)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException(shell + " did not finish");
        }

        return stdout.Result + stderr.Result;
    }

    private sealed class FailingWriter : StringWriter
    {
        public FailingWriter()
            : base(CultureInfo.InvariantCulture)
        {
        }

        public override void Write(char value) => throw new InvalidOperationException("injected failure");

        public override void Write(string? value) => throw new InvalidOperationException("injected failure");

        public override void WriteLine(string? value) => throw new InvalidOperationException("injected failure");
    }
}

/// <summary>NEUROTAG_DEBUG is process-wide, so this test runs alone (no other test sees the variable set).</summary>
[Collection(nameof(ProcessEnvironment))]
public class DebugEnvironmentVariableTests
{
    [Fact]
    public void InternalError_WithNeurotagDebug1_ShowsTheStackTrace()
    {
        Environment.SetEnvironmentVariable("NEUROTAG_DEBUG", "1");
        try
        {
            var (exit, stderr) = CompletionAndDebugTests.RunWithFailingOutput("validate", CliHarness.Scenario("chronic-pain.yaml"));

            Assert.Equal(1, exit);
            Assert.Contains("at Neurotag.Cli.Commands.ValidateCommand", stderr, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("NEUROTAG_DEBUG", null);
        }
    }
}

[CollectionDefinition(nameof(ProcessEnvironment), DisableParallelization = true)]
public sealed class ProcessEnvironment;
