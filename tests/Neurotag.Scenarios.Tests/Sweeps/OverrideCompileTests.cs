using Neurotag.Scenarios.Sweeps;
using Neurotag.Scenarios.Yaml;
using static Neurotag.Scenarios.Tests.Sweeps.SweepYaml;

namespace Neurotag.Scenarios.Tests.Sweeps;

/// <summary>
/// Overrides (<c>--set</c>, sweep points) are compiled with the file's rules and units; their diagnostics name the flag.
/// The fixture has dt = 0.1 ms, so a duration D compiles to D / 0.1 ms steps (1 day = 86 400 000 ms).
/// </summary>
public class OverrideCompileTests
{
    private const long StepsPerDay = 86_400_000L * 10; // ms per day / 0.1 ms

    private static ParameterOverride ParseSet(string assignment)
    {
        var errors = new List<Diagnostic>();
        var parsed = ParameterOverride.Parse(assignment, "--set", errors);
        Assert.Empty(errors);
        return parsed!;
    }

    [Fact]
    public void Parse_PathEqualsValue_ReadsTheValueAsYamlNamedAfterTheFlag()
    {
        var o = ParseSet(" protocol.healing.duration = 30 day");

        Assert.Equal("protocol.healing.duration", o.Path);
        var scalar = Assert.IsType<YamlScalarNode>(o.Value);
        Assert.Equal("30 day", scalar.Value);
        Assert.Equal("--set protocol.healing.duration", scalar.Origin);
        Assert.Equal("30 day", o.ValueText);
    }

    [Fact]
    public void Parse_ListValue_IsAListAndShowsAsBracketedText()
    {
        var o = ParseSet("tags.pain.neurons=[0, 9]");

        var list = Assert.IsType<YamlSequenceNode>(o.Value);
        Assert.Equal(["0", "9"], list.Items.Select(i => ((YamlScalarNode)i).Value));
        Assert.Equal("<[0, 9]>", o.ValueText);
    }

    [Theory]
    [InlineData("dt", "expected PATH=VALUE")]
    [InlineData("=0.5 ms", "expected PATH=VALUE")]
    [InlineData("dt=", "the value is empty")]
    public void Parse_Malformed_ReturnsNullWithADiagnostic(string assignment, string message)
    {
        var errors = new List<Diagnostic>();

        Assert.Null(ParameterOverride.Parse(assignment, "--set", errors));

        Assert.Equal(message, Assert.Single(errors).Message);
    }

    [Fact]
    public void Parse_InvalidYaml_ReturnsNullWithADiagnosticNamingTheFlag()
    {
        var errors = new List<Diagnostic>();

        Assert.Null(ParameterOverride.Parse("tags.pain.neurons=[0, 9", "--set", errors));

        Assert.Equal("--set tags.pain.neurons", Assert.Single(errors).File);
    }

    [Fact]
    public void Compile_BareNumberForDt_FailsAsInTheFileButNamesTheFlag()
    {
        var document = Fixture();

        var result = ScenarioLoader.Compile(document, [ParseSet("dt=0.5")]);

        Assert.Null(result.Spec);
        var error = Assert.Single(result.Errors);
        Assert.Equal("--set dt", error.File);
        Assert.Equal((1, 1), (error.Line, error.Column));
        Assert.Equal("dt", error.Path);

        // The same value written in the file gives the same message and hint, at the file's position.
        string text = File.ReadAllText(FixturePath).Replace("dt: 0.1 ms", "dt: 0.5", StringComparison.Ordinal);
        var inFile = Assert.Single(ScenarioLoader.LoadText(text, "edited.yaml").Errors);
        Assert.Equal(("edited.yaml", "dt", inFile.Message, inFile.Hint), (inFile.File, inFile.Path, error.Message, error.Hint));
        Assert.Equal((5, 5), (inFile.Line, inFile.Column));
    }

    [Fact]
    public void Compile_QuantityOverride_ChangesTheCompiledSpec()
    {
        var document = Fixture();

        var before = ScenarioLoader.Compile(document, []).Spec!;
        var after = ScenarioLoader.Compile(document, [ParseSet("protocol.healing.duration=30 day")]).Spec!;

        Assert.Equal(60 * StepsPerDay, before.Protocol.Single(p => p.Name == "healing").Steps);
        Assert.Equal(30 * StepsPerDay, after.Protocol.Single(p => p.Name == "healing").Steps);
        Assert.Equal(before.TotalSteps - (30 * StepsPerDay), after.TotalSteps);
    }

    [Fact]
    public void Compile_RepeatCountOverride_ExpandsTheBlockThatManyTimes()
    {
        var spec = ScenarioLoader.Compile(Fixture(), [ParseSet("protocol.rehab.repeat=5")]).Spec!;

        // 5 practice phases with the 1-day gap only between them.
        Assert.Equal([0, 1, 2, 3, 4], spec.Protocol.Where(p => p.Name == "practice").Select(p => p.Rep));
        Assert.Equal(4, spec.Protocol.Count(p => p.Name == "rehab.gap"));
    }

    [Fact]
    public void Compile_DtOverride_RescalesEveryDuration()
    {
        var spec = ScenarioLoader.Compile(Fixture(), [ParseSet("dt=0.5 ms")]).Spec!;

        Assert.Equal(500_000, spec.Clock.DtNanoseconds);
        Assert.Equal(200, spec.Protocol.Single(p => p.Name == "baseline").Steps);          // 100 ms / 0.5 ms
        Assert.Equal(60L * 86_400_000 * 2, spec.Protocol.Single(p => p.Name == "healing").Steps); // 60 day / 0.5 ms
    }

    [Fact]
    public void Compile_GraftedKeyTheSchemaDoesNotAllow_IsAnUnknownKeyNamingTheFlag()
    {
        var result = ScenarioLoader.Compile(Fixture(), [ParseSet("projections.recurrent.plasticity.rat=0.02")]);

        Assert.Null(result.Spec);
        var error = Assert.Single(result.Errors);
        Assert.Equal("--set projections.recurrent.plasticity.rat", error.File);
        Assert.Equal("projections.recurrent.plasticity.rat", error.Path);
        Assert.Equal("unknown key 'rat'", error.Message);
        Assert.Contains("did you mean 'rate'", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_UnknownPath_FailsBeforeCompilingWithTheEditorsDiagnostic()
    {
        var result = ScenarioLoader.Compile(Fixture(), [ParseSet("projections.recurent.plasticity.rate=0.02")]);

        Assert.Null(result.Spec);
        var error = Assert.Single(result.Errors);
        Assert.Equal("the scenario has no parameter 'projections.recurent.plasticity.rate'", error.Message);
        Assert.Equal("did you mean 'projections.recurrent.plasticity.rate'?", error.Hint);
    }

    [Fact]
    public void Compile_ValueOutOfRange_NamesTheFlag()
    {
        var result = ScenarioLoader.Compile(Fixture(), [ParseSet("populations.cortex.neuron.tau=-5 ms")]);

        Assert.Null(result.Spec);
        var error = Assert.Single(result.Errors, e => e.File == "--set populations.cortex.neuron.tau");
        Assert.Equal("populations.cortex.neuron.tau", error.Path);
        Assert.Equal((1, 1), (error.Line, error.Column));
    }
}
