namespace Neurotag.Scenarios.Tests;

/// <summary>
/// The paper reproductions under scenarios/papers are not run by the test suite (they take minutes and some state
/// claims the model does not yet meet), but each must validate and state its claims in <c>expect:</c>.
/// </summary>
public sealed class PaperScenariosTests
{
    private static readonly string PapersDirectory = Path.Combine(AppContext.BaseDirectory, "scenarios", "papers");

    public static TheoryData<string> Papers()
    {
        var data = new TheoryData<string>();
        foreach (string file in Directory.EnumerateFiles(PapersDirectory, "*.yaml").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Fact]
    public void TheTetzlaffScenario_IsAmongThePapers()
    {
        Assert.True(File.Exists(Path.Combine(PapersDirectory, "tetzlaff-2015-competing-assemblies.yaml")), "the papers folder is copied to the test output");
    }

    [Theory]
    [MemberData(nameof(Papers))]
    public void PaperScenario_Validates_AndStatesItsClaims(string file)
    {
        var result = ScenarioLoader.LoadFile(Path.Combine(PapersDirectory, file));

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.NotEmpty(result.Expectations!);
    }
}
