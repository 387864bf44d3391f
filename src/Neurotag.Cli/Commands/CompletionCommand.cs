using System.CommandLine;

namespace Neurotag.Cli.Commands;

/// <summary>
/// <c>completion bash|zsh|fish</c>: prints a shell script that completes neurotag-cli's commands and options by
/// asking neurotag-cli itself, through System.CommandLine's suggest directive (<c>neurotag-cli "[suggest:POS]" "LINE"</c>,
/// the protocol dotnet-suggest uses), so completion always matches the installed version. Where it has no
/// suggestion (a scenario path), the shell completes file names.
/// </summary>
internal static class CompletionCommand
{
    /// <summary>The line to add to each shell's start-up file.</summary>
    public static readonly IReadOnlyDictionary<string, string> SetupLines = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["bash"] = "eval \"$(neurotag-cli completion bash)\"   # in ~/.bashrc",
        ["zsh"] = "eval \"$(neurotag-cli completion zsh)\"    # in ~/.zshrc, after compinit",
        ["fish"] = "neurotag-cli completion fish | source     # in ~/.config/fish/config.fish",
    };

    private const string Bash = """
        # neurotag-cli completion for bash: eval "$(neurotag-cli completion bash)" in ~/.bashrc
        _neurotag_cli_complete() {
            local IFS=$'\n'
            local suggestions
            suggestions=$(neurotag-cli "[suggest:${COMP_POINT}]" "${COMP_LINE}" 2>/dev/null)
            COMPREPLY=($(compgen -W "${suggestions}" -- "${COMP_WORDS[COMP_CWORD]}"))
        }
        complete -o default -o bashdefault -F _neurotag_cli_complete neurotag-cli

        """;

    private const string Zsh = """
        # neurotag-cli completion for zsh: eval "$(neurotag-cli completion zsh)" in ~/.zshrc, after compinit
        _neurotag_cli_complete() {
            local -a suggestions
            suggestions=("${(@f)$(neurotag-cli "[suggest:${CURSOR}]" "${BUFFER}" 2>/dev/null)}")
            suggestions=(${suggestions:#})
            if (( ${#suggestions} )); then
                compadd -a suggestions
            else
                _files
            fi
        }
        compdef _neurotag_cli_complete neurotag-cli

        """;

    private const string Fish = """
        # neurotag-cli completion for fish: neurotag-cli completion fish | source   in ~/.config/fish/config.fish
        function __neurotag_cli_complete
            set -l line (commandline -cp)
            neurotag-cli "[suggest:"(string length -- "$line")"]" "$line" 2>/dev/null
        end
        complete -c neurotag-cli -a '(__neurotag_cli_complete)'

        """;

    public static Command Create(CliContext context)
    {
        var shell = new Argument<string>("shell") { Description = "bash, zsh or fish." };
        shell.AcceptOnlyFromAmong("bash", "zsh", "fish");
        var command = new Command(
            "completion",
            "Print a shell completion script for bash, zsh or fish. Add one line to the shell's start-up file:\n  "
            + string.Join("\n  ", SetupLines.Values))
        {
            shell,
        };
        command.SetAction(parse =>
        {
            context.Out.Write(parse.GetValue(shell) switch
            {
                "bash" => Bash,
                "zsh" => Zsh,
                _ => Fish,
            });
            return ExitCodes.Ok;
        });
        return command;
    }
}
