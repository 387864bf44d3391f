using System.CommandLine;
using Neurotag.Cli.Commands;

namespace Neurotag.Cli;

/// <summary>
/// The command tree (System.CommandLine wiring only). Parse errors are reported tersely with exit code 2 before
/// any application code runs; each command is testable in-process with captured writers.
/// </summary>
public static class CliApp
{
    /// <summary>Runs the command line <paramref name="args"/>; returns the exit code. Cancelling <paramref name="cancellation"/> is an interrupt (exit 130).</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, bool stderrIsTerminal = false, CancellationToken cancellation = default)
    {
        using var stop = new StopSignal(cancellation);
        return Run(args, stdout, stderr, stderrIsTerminal, stop);
    }

    /// <summary>Runs <paramref name="args"/>, stopping cleanly on <paramref name="stop"/>.</summary>
    /// <param name="args">The arguments, without the program name.</param>
    /// <param name="stdout">Where data goes (the run folder path).</param>
    /// <param name="stderr">Where progress and errors go.</param>
    /// <param name="stderrIsTerminal">Whether stderr is a terminal (a live progress bar).</param>
    /// <param name="stop">The clean-stop request, set by SIGINT and SIGTERM; its signal decides the exit code.</param>
    /// <param name="openOutputFile">Opens each CSV file a run writes (a test seam: a full disk); null: a plain file.</param>
    internal static int Run(string[] args, TextWriter stdout, TextWriter stderr, bool stderrIsTerminal, StopSignal stop, Func<string, Stream>? openOutputFile = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        ArgumentNullException.ThrowIfNull(stop);
        var context = new CliContext(stdout, stderr, stderrIsTerminal, stop.Token) { Stop = stop, Arguments = args, OpenOutputFile = openOutputFile };
        var root = new RootCommand(
            "neurotag-cli: simulate how neurotags (assemblies of co-firing neurons) form, persist, spread, compete and are rewired.\n"
            + "Scenarios are YAML files (see docs/scenario-reference.md); results are CSV trajectories.\n" + ExitCodes.Help)
        {
            RunCommand.Create(context),
            ValidateCommand.Create(context),
            DescribeCommand.Create(context),
            SweepCommand.Create(context),
            MergeCommand.Create(context),
            SlurmCommand.Create(context),
            CheckCommand.Create(context),
            NewCommand.Create(context),
            SchemaCommand.Create(context),
            CompletionCommand.Create(context),
            PlotCommand.Create(context),
            ReportCommand.Create(context),
        };
        var debug = new Option<bool>("--debug") { Description = "Show the stack trace of an internal error (a bug); also NEUROTAG_DEBUG=1.", Recursive = true };
        root.Options.Add(debug);

        var parse = root.Parse(args);
        var errors = parse.Errors.Select(e => e.Message).Concat(UnknownOptions(parse, root)).ToList();
        if (errors.Count > 0)
        {
            foreach (string error in errors)
            {
                stderr.WriteLine("error: " + error);
            }

            string command = parse.CommandResult.Command == root ? "" : parse.CommandResult.Command.Name + " ";
            stderr.WriteLine($"hint: run 'neurotag-cli {command}--help' for usage");
            return ExitCodes.InvalidInput;
        }

        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false });
        }
        catch (OperationCanceledException)
        {
            stderr.WriteLine($"{stop.Description}: stopped cleanly, nothing was written");
            return stop.ExitCode;
        }
#pragma warning disable CA1031 // The last line of defence: a bug becomes exit 1 with a message, not a crash dump.
        catch (Exception e)
#pragma warning restore CA1031
        {
            stderr.WriteLine($"internal error: {e.GetType().Name}: {e.Message}");
            if (parse.GetValue(debug) || Environment.GetEnvironmentVariable("NEUROTAG_DEBUG") is "1" or "true")
            {
                stderr.WriteLine(e.ToString());
            }

            stderr.WriteLine("this is a bug in neurotag-cli; please report it with the scenario file (--debug shows the stack trace)");
            return ExitCodes.InternalError;
        }
    }

    /// <summary>
    /// Tokens that look like options but were taken as arguments (System.CommandLine passes an unknown '--set' to a
    /// command's file arguments): "unknown option" errors, naming the commands that do have it. A token that is an
    /// existing file or folder is an argument, whatever its name.
    /// </summary>
    private static IEnumerable<string> UnknownOptions(ParseResult parse, RootCommand root)
    {
        var command = parse.CommandResult.Command;
        foreach (var argument in parse.CommandResult.Children.OfType<System.CommandLine.Parsing.ArgumentResult>())
        {
            foreach (var token in argument.Tokens)
            {
                string text = token.Value;
                if (text.Length < 2 || text[0] != '-' || char.IsAsciiDigit(text[1]) || File.Exists(text) || Directory.Exists(text))
                {
                    continue;
                }

                string name = text.Split('=')[0];
                var owners = root.Subcommands.Where(c => c.Options.Any(o => o.Name == name || o.Aliases.Contains(name))).Select(c => c.Name).ToList();
                string elsewhere = owners.Count > 0 ? $" ('{name}' is an option of {string.Join(", ", owners)})" : "";
                yield return $"unknown option '{name}' for '{command.Name}'{elsewhere}";
            }
        }
    }
}

/// <summary>What every command needs from the outside world.</summary>
internal sealed record CliContext(TextWriter Out, TextWriter Error, bool ErrorIsTerminal, CancellationToken Cancellation)
{
    /// <summary>The stop request behind <see cref="Cancellation"/>: which signal, hence the exit code.</summary>
    public StopSignal? Stop { get; init; }

    /// <summary>The command line's arguments as given (recorded in manifests).</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>Opens each CSV file a run writes; null: a plain file (see <see cref="CliApp.Run(string[], TextWriter, TextWriter, bool, StopSignal, Func{string, Stream}?)"/>).</summary>
    public Func<string, Stream>? OpenOutputFile { get; init; }

    /// <summary>The exit code of a clean stop: 130 (interrupt) or 143 (SIGTERM).</summary>
    public int StopExitCode => Stop?.ExitCode ?? ExitCodes.Interrupted;

    /// <summary>How a clean stop is reported: <c>interrupted</c> or <c>terminated (SIGTERM)</c>.</summary>
    public string StopDescription => Stop?.Description ?? "interrupted";
}
