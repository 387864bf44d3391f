using System.Globalization;
using System.Text.RegularExpressions;

namespace Neurotag.Cli.Tests;

/// <summary>
/// docs/tutorial.md promises that every command in it works as printed: this runs each line of its bash blocks, in
/// order, in a fresh folder, as a separate neurotag-cli process (the tutorial's relative paths resolve against that
/// folder), and checks the two results its text quotes.
/// </summary>
public sealed partial class TutorialTests
{
    private static string TutorialPath
    {
        get
        {
            // The test runs from tests/Neurotag.Cli.Tests/bin/<config>/<tfm>/; the repository root is five levels up.
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "neurotag-cli.sln")))
            {
                dir = dir.Parent;
            }

            Assert.NotNull(dir);
            return Path.Combine(dir.FullName, "docs", "tutorial.md");
        }
    }

    internal static IReadOnlyList<string[]> Commands(string markdown) =>
        [.. BashBlock().Matches(markdown)
            .SelectMany(m => m.Groups[1].Value.Split('\n'))
            .Select(l => l.Trim())
            .Where(l => l.Length > 0)
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))];

    [Fact]
    public void EveryCommandOfTheTutorial_RunsAsPrintedInAFreshFolder()
    {
        var commands = Commands(File.ReadAllText(TutorialPath));
        Assert.True(commands.Count >= 8, "the tutorial's bash blocks were not found");
        using var temp = new TempFolder();
        foreach (string[] command in commands)
        {
            // Only neurotag-cli commands, so that the test runs every one of them and the tutorial needs nothing else.
            Assert.Equal("neurotag-cli", command[0]);
            var result = CliHarness.RunProcessIn(temp.Path, new Dictionary<string, string>(), [.. command.Skip(1)]);
            Assert.True(result.Exit == 0, $"'{string.Join(' ', command)}' exited {result.Exit}: {result.Err}");
        }

        // What section 3 and 5 say the runs show (rates 0..1): the tag grows with practice at 0.005/s, barely at 0.0005/s.
        Assert.True(ProbeAfter(temp.Sub("runs/habit")) > 0.8);
        Assert.True(ProbeAfter(temp.Sub("runs/slow")) < 0.2);
        Assert.True(File.Exists(temp.Sub("runs/habit/figures/trajectories.png")));
        Assert.True(File.Exists(temp.Sub("sweeps/habit/figures/sweep.png")));
    }

    [Fact]
    public void Commands_ReadsOnlyBashBlocks()
    {
        const string markdown = "text\n```bash\nneurotag-cli a b\n\nneurotag-cli c\n```\n```python\nprint(1)\n```\n";

        var commands = Commands(markdown);

        Assert.Equal([["neurotag-cli", "a", "b"], ["neurotag-cli", "c"]], commands);
    }

    private static double ProbeAfter(string run)
    {
        string line = File.ReadLines(Path.Combine(run, "summary.csv"))
            .Single(l => l.StartsWith("probe-after,", StringComparison.Ordinal) && l.Contains(",tag,behaviour,activation,", StringComparison.Ordinal));
        var cells = line.Split(',');
        int value = Array.IndexOf(File.ReadLines(Path.Combine(run, "summary.csv")).First().Split(','), "value");
        return double.Parse(cells[value], CultureInfo.InvariantCulture);
    }

    [GeneratedRegex("```bash\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex BashBlock();
}
