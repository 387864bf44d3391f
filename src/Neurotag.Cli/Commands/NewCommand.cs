using System.CommandLine;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using Neurotag.Scenarios;

namespace Neurotag.Cli.Commands;

/// <summary>
/// <c>new NAME [--from TEMPLATE] [--out FILE]</c>: writes a commented starter scenario, like <c>dotnet new</c>.
/// Templates are the two starters (<c>rate</c>, <c>spiking</c>) and every bundled scenario, all embedded in the tool
/// so an installed tool (no repository at hand) can still start from them. The text is validated before it is written:
/// a starter that does not load would teach the wrong thing.
/// </summary>
internal static partial class NewCommand
{
    private const string TemplatePrefix = "templates/";
    private const string ScenarioPrefix = "scenarios/";

    public static Command Create(CliContext context)
    {
        var name = new Argument<string>("name") { Description = "The scenario's name: a lowercase letter, then lowercase letters, digits, '_' or '-' (e.g. graded-exposure).", Arity = ArgumentArity.ZeroOrOne };
        var from = new Option<string>("--from") { Description = "Template: rate, spiking, or a bundled scenario's name (e.g. chronic-pain) [default: rate].", DefaultValueFactory = _ => "rate" };
        var outFile = new Option<string?>("--out", "-o") { Description = "File to write [default: NAME.yaml in the current folder]." };
        var list = new Option<bool>("--list") { Description = "List the templates and exit." };
        var command = new Command("new", "Write a commented starter scenario to NAME.yaml (from a rate or spiking starter, or a bundled scenario).") { name, from, outFile, list };
        command.SetAction(parse => parse.GetValue(list)
            ? List(context)
            : Execute(context, parse.GetValue(name), parse.GetValue(from)!, parse.GetValue(outFile)));
        return command;
    }

    /// <summary>The template names: the starters first, then the bundled scenarios, each sorted.</summary>
    internal static IReadOnlyList<string> TemplateNames()
    {
        var names = typeof(NewCommand).Assembly.GetManifestResourceNames();
        return
        [
            .. names.Where(n => n.StartsWith(TemplatePrefix, StringComparison.Ordinal)).Select(n => Path.GetFileNameWithoutExtension(n[TemplatePrefix.Length..])).Order(StringComparer.Ordinal),
            .. names.Where(n => n.StartsWith(ScenarioPrefix, StringComparison.Ordinal)).Select(n => Path.GetFileNameWithoutExtension(n[ScenarioPrefix.Length..])).Order(StringComparer.Ordinal),
        ];
    }

    /// <summary>The scenario text of <paramref name="template"/> renamed to <paramref name="name"/>; null for an unknown template.</summary>
    internal static string? Render(string template, string name)
    {
        Assembly assembly = typeof(NewCommand).Assembly;
        Stream? starterStream = assembly.GetManifestResourceStream(TemplatePrefix + template + ".yaml");
        bool starter = starterStream is not null;
        using Stream? stream = starterStream ?? assembly.GetManifestResourceStream(ScenarioPrefix + template + ".yaml");
        if (stream is null)
        {
            return null;
        }

        using var reader = new StreamReader(stream, Encoding.UTF8);
        string text = reader.ReadToEnd().ReplaceLineEndings("\n");

        // Starters say NAME wherever the scenario's own name belongs; a bundled scenario is renamed on its name: line only,
        // and its header keeps saying which file it came from.
        return starter
            ? text.Replace("NAME", name, StringComparison.Ordinal)
            : $"# Started from the bundled scenario '{template}' by `neurotag-cli new {name} --from {template}`.\n"
              + NameLine().Replace(text, "name: " + name, 1);
    }

    private static int List(CliContext context)
    {
        foreach (string template in TemplateNames())
        {
            context.Out.WriteLine(template);
        }

        return ExitCodes.Ok;
    }

    private static int Execute(CliContext context, string? name, string template, string? outFile)
    {
        if (name is null)
        {
            context.Error.WriteLine("NAME: missing: expected the new scenario's name (hint: neurotag-cli new graded-exposure, or --list for the templates)");
            return ExitCodes.InvalidInput;
        }

        if (!ScenarioName().IsMatch(name))
        {
            context.Error.WriteLine($"NAME: '{name}' is not a valid scenario name: expected a lowercase letter followed by lowercase letters, digits, '_' or '-' (hint: for example 'graded-exposure')");
            return ExitCodes.InvalidInput;
        }

        string? text = Render(template, name);
        if (text is null)
        {
            context.Error.WriteLine($"--from: unknown template '{template}' (hint: one of {string.Join(", ", TemplateNames())})");
            return ExitCodes.InvalidInput;
        }

        string path = Path.GetFullPath(outFile ?? name + ".yaml");
        var loaded = ScenarioLoader.LoadText(text, path);
        if (loaded.Spec is null)
        {
            // The templates are checked by the test suite; reaching this is a bug, not the user's input.
            throw new InvalidOperationException($"the template '{template}' does not validate: {loaded.Errors[0]}");
        }

        if (File.Exists(path) || Directory.Exists(path))
        {
            context.Error.WriteLine($"{path}: already exists; it is left untouched (hint: choose another NAME or --out, or delete the file first)");
            return ExitCodes.InvalidInput;
        }

        string temp = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.tmp-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(temp, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            File.Move(temp, path, overwrite: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(temp);
            context.Error.WriteLine($"{path}: cannot write the scenario: {e.Message} (hint: check that the folder exists, that you may write there and that the disk is not full)");
            return ExitCodes.InvalidInput;
        }

        context.Out.WriteLine(path);
        context.Error.WriteLine($"next: neurotag-cli run {Path.GetRelativePath(Environment.CurrentDirectory, path)} --out runs/{name}");
        return ExitCodes.Ok;
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A leftover hidden temp file is harmless; the error that matters was already reported.
        }
    }

    [GeneratedRegex("^[a-z][a-z0-9_-]*$")]
    private static partial Regex ScenarioName();

    [GeneratedRegex("^name: .*$", RegexOptions.Multiline)]
    private static partial Regex NameLine();
}
