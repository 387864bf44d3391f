using Neurotag.Cli.Commands;
using Neurotag.Scenarios;

namespace Neurotag.Cli.Tests;

/// <summary><c>new NAME [--from TEMPLATE]</c>: starters that load, run and meet their own expectations; nothing overwritten.</summary>
public sealed class NewCommandTests
{
    [Fact]
    public void List_NamesBothStartersAndEveryBundledScenario()
    {
        var result = CliHarness.Run("new", "--list");

        Assert.Equal(0, result.Exit);
        var listed = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var bundled = Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "scenarios"), "*.yaml").Select(Path.GetFileNameWithoutExtension);
        Assert.Equal(["rate", "spiking"], listed.Take(2));
        Assert.Equal(bundled.Order(StringComparer.Ordinal), listed.Skip(2));
    }

    /// <summary>The starters are what a new user copies: they must run and show what their header says.</summary>
    [Theory]
    [InlineData("rate")]
    [InlineData("spiking")]
    public void Starter_IsWrittenUnderItsNameAndPassesItsOwnExpectations(string template)
    {
        using var temp = new TempFolder();
        string file = temp.Sub("my-first.yaml");

        var written = CliHarness.Run("new", "my-first", "--from", template, "--out", file);
        Assert.True(written.Exit == 0, written.Err);
        Assert.Equal(file, written.Out.Trim());
        string text = File.ReadAllText(file);
        Assert.Contains("\nname: my-first\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("NAME", text, StringComparison.Ordinal);

        var check = CliHarness.Run("check", file);
        Assert.True(check.Exit == 0, check.Out + check.Err);
        Assert.Matches(@"^[1-9]\d* passed, 0 failed$", check.Out.Trim().Split('\n')[^1]);
    }

    [Fact]
    public void FromBundledScenario_ChangesOnlyTheNameAndAddsAProvenanceLine()
    {
        string original = File.ReadAllText(CliHarness.Scenario("chronic-pain.yaml")).ReplaceLineEndings("\n");

        string text = NewCommand.Render("chronic-pain", "my-pain")!;

        var lines = text.Split('\n');
        Assert.StartsWith("# Started from the bundled scenario 'chronic-pain'", lines[0], StringComparison.Ordinal);
        var expected = original.Split('\n').Select(l => l == "name: chronic-pain" ? "name: my-pain" : l);
        Assert.Equal(expected, lines.Skip(1));
        Assert.Equal("my-pain", ScenarioLoader.LoadText(text, "my-pain.yaml").Spec!.Name);
    }

    [Fact]
    public void New_WhenTheFileExists_ExitsTwoAndLeavesItUntouched()
    {
        using var temp = new TempFolder();
        string file = temp.Sub("mine.yaml");
        File.WriteAllText(file, "my own notes\n");

        var result = CliHarness.Run("new", "mine", "--out", file);

        Assert.Equal(2, result.Exit);
        Assert.Contains("already exists", result.Err, StringComparison.Ordinal);
        Assert.Equal("my own notes\n", File.ReadAllText(file));
        Assert.Equal([file], Directory.GetFileSystemEntries(temp.Path));
    }

    [Theory]
    [InlineData("My-Scenario")]
    [InlineData("1st")]
    [InlineData("a b")]
    public void New_WithAnInvalidName_ExitsTwoAndWritesNothing(string name)
    {
        using var temp = new TempFolder();

        var result = CliHarness.Run("new", name, "--out", temp.Sub("x.yaml"));

        Assert.Equal(2, result.Exit);
        Assert.Contains("not a valid scenario name", result.Err, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(temp.Path));
    }

    [Fact]
    public void New_WithoutAName_ExitsTwoWithAHint()
    {
        var result = CliHarness.Run("new");

        Assert.Equal(2, result.Exit);
        Assert.Contains("--list", result.Err, StringComparison.Ordinal);
    }

    [Fact]
    public void New_WithAnUnknownTemplate_ExitsTwoAndListsTheTemplates()
    {
        using var temp = new TempFolder();

        var result = CliHarness.Run("new", "x", "--from", "chronic-pian", "--out", temp.Sub("x.yaml"));

        Assert.Equal(2, result.Exit);
        Assert.Contains("unknown template 'chronic-pian'", result.Err, StringComparison.Ordinal);
        Assert.Contains("chronic-pain", result.Err, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(temp.Path));
    }
}
