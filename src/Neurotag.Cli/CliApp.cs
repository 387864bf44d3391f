using System.CommandLine;
using Neurotag.Cli.Commands;

namespace Neurotag.Cli;

/// <summary>
/// The command tree (System.CommandLine wiring only). Parse errors are reported tersely with exit code 2 before
/// any application code runs; each command is testable in-process with captured writers.
/// </summary>
public static class CliApp
{
    /// <summary>Runs the command line <paramref name="args"/>; returns the exit code.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, bool stderrIsTerminal = false, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var context = new CliContext(stdout, stderr, stderrIsTerminal, cancellation);
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
            PlotCommand.Create(context),
        };

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                stderr.WriteLine("error: " + error.Message);
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
            stderr.WriteLine("interrupted: nothing was written");
            return ExitCodes.Interrupted;
        }
#pragma warning disable CA1031 // The last line of defence: a bug becomes exit 1 with a message, not a crash dump.
        catch (Exception e)
#pragma warning restore CA1031
        {
            stderr.WriteLine($"internal error: {e.GetType().Name}: {e.Message}");
            stderr.WriteLine("this is a bug in neurotag-cli; please report it with the scenario file");
            return ExitCodes.InternalError;
        }
    }
}

/// <summary>What every command needs from the outside world.</summary>
internal sealed record CliContext(TextWriter Out, TextWriter Error, bool ErrorIsTerminal, CancellationToken Cancellation);
