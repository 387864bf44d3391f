using System.Text;
using System.Xml.Linq;

namespace Neurotag.Cli.Tests;

/// <summary>
/// Command-line mistakes answered in words (issue 11, defect 8): numbers that are not numbers, a folder without
/// scenarios, an option the command does not have, an invalid scenario in a JUnit report, a flood of errors.
/// </summary>
public sealed class CommandLineMistakesTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("run", "--seed", "abc", "--seed: expected a seed, a whole number from 0 to 18446744073709551615, found 'abc'")]
    [InlineData("run", "--seed", "-1", "--seed: expected a seed")]
    [InlineData("sweep", "--seeds", "1..12", "--seeds: expected a whole number, found '1..12'")]
    [InlineData("sweep", "--jobs", "four", "--jobs: expected a whole number, found 'four'")]
    [InlineData("sweep", "--seed", "1e3", "--seed: expected a seed")]
    [InlineData("check", "--seeds", "3.5", "--seeds: expected a whole number, found '3.5'")]
    [InlineData("slurm", "--cpus", "99999999999", "--cpus: expected a whole number up to 2147483647, found '99999999999'")]
    public void NumberOptionThatIsNotANumber_SaysWhatWasExpectedNotTheDotNetType(string command, string option, string value, string expected)
    {
        string[] required = command switch
        {
            "sweep" => ["--out", _temp.Sub("out")],
            "slurm" => ["--out", _temp.Sub("out"), "--shards", "2"],
            _ => [],
        };

        var (exit, stdout, stderr) = CliHarness.Run([command, CliHarness.Scenario("chronic-pain.yaml"), .. required, option, value]);

        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        Assert.Contains("error: " + expected, stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Nullable", stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_temp.Sub("out")));
    }

    [Fact]
    public void Check_FolderWithoutScenarios_ExitsTwoInsteadOfPassingNothing()
    {
        string empty = _temp.Sub("empty");
        Directory.CreateDirectory(empty);
        File.WriteAllText(Path.Combine(empty, "notes.txt"), "not a scenario");

        var (exit, stdout, stderr) = CliHarness.Run("check", empty);

        Assert.Equal(2, exit);
        Assert.DoesNotContain("passed", stdout, StringComparison.Ordinal);
        Assert.Contains($"{empty}: no scenario files (*.yaml) in this folder", stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("check", "--set", "a=1", "unknown option '--set' for 'check' ('--set' is an option of run, sweep, slurm)")]
    [InlineData("check", "--set=a=1", null, "unknown option '--set' for 'check'")]
    [InlineData("validate", "--seed", "3", "unknown option '--seed' for 'validate'")]
    [InlineData("check", "--bogus", null, "unknown option '--bogus' for 'check'")]
    public void UnknownOption_IsAnOptionErrorNotAMissingFile(string command, string option, string? value, string expected)
    {
        string[] args = value is null ? [command, option, CliHarness.Scenario("chronic-pain.yaml")] : [command, option, value, CliHarness.Scenario("chronic-pain.yaml")];

        var (exit, stdout, stderr) = CliHarness.Run(args);

        Assert.Equal(2, exit);
        Assert.Equal("", stdout); // nothing ran: no pass count
        Assert.Contains("error: " + expected, stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("file not found", stderr, StringComparison.Ordinal);
        Assert.Contains($"hint: run 'neurotag-cli {command} --help' for usage", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_InvalidScenario_IsAFailingTestCaseInTheJUnitReport()
    {
        string bad = _temp.Sub("broken.yaml");
        File.WriteAllText(bad, "name: broken\npopulations: { cortex: { size: -1, neuron: { model: rate } } }\nprotocol: [ { phase: run, duration: 1 ms } ]\n");
        string junit = _temp.Sub("report.xml");

        var (exit, _, stderr) = CliHarness.Run("check", bad, "--junit", junit);

        Assert.Equal(2, exit);
        Assert.Contains("broken.yaml:2:32: populations.cortex.size", stderr, StringComparison.Ordinal);
        var suite = Assert.Single(XDocument.Load(junit).Root!.Elements("testsuite"));
        Assert.Equal(bad, suite.Attribute("name")!.Value);
        Assert.Equal("1", suite.Attribute("failures")!.Value);
        var failure = Assert.Single(suite.Elements("testcase")).Element("failure");
        Assert.NotNull(failure);
        Assert.Equal("invalid scenario: 1 error", failure.Attribute("message")!.Value);
        Assert.Contains("broken.yaml:2:32: populations.cortex.size: -1 is out of range", failure.Value, StringComparison.Ordinal);
    }

    /// <summary>30 000 unknown keys (the 300 000 printed 57 MB): 100 of them are shown, the rest counted.</summary>
    [Fact]
    public void Validate_FileOfThousandsOfUnknownKeys_PrintsTheFirstHundredAndACount()
    {
        const int Keys = 30_000;
        var text = new StringBuilder("name: flood\n");
        for (int i = 0; i < Keys; i++)
        {
            text.Append('k').Append(i).Append(": 1\n");
        }

        string file = _temp.Sub("flood.yaml");
        File.WriteAllText(file, text.ToString());

        var (exit, _, stderr) = CliHarness.Run("validate", file);

        Assert.Equal(2, exit);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        int total = Keys + 2; // the unknown keys, and the missing 'populations' and 'protocol'
        Assert.Equal(102, lines.Length);
        Assert.All(lines[..100], l => Assert.StartsWith(file + ":", l, StringComparison.Ordinal));
        Assert.StartsWith($"… and {total - 100:N0} more errors", lines[100], StringComparison.Ordinal);
        Assert.Equal($"{file}: {total:N0} errors; nothing was run", lines[101]);
    }
}
