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
        };

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
internal sealed record CliContext(TextWriter Out, TextWriter Error, bool ErrorIsTerminal, CancellationToken Cancellation);
