using System.Text.RegularExpressions;
using Neurotag.Scenarios.Sweeps;
using Neurotag.Scenarios.Yaml;
using static Neurotag.Scenarios.Tests.Sweeps.SweepYaml;

namespace Neurotag.Scenarios.Tests.Sweeps;

/// <summary>
/// <see cref="YamlTreeEditor"/> against Fixtures/valid-minimal.yaml, whose protocol is
/// [0] baseline, [1] injury, [2] repeat block 'rehab' (phases: practice), [3] healing, [4] probe.
/// </summary>
public class YamlTreeEditorTests
{
    /// <summary>Two phases named 'rest': the name no longer picks one item, only the index does.</summary>
    private const string AmbiguousProtocol = """
        name: ambiguous
        protocol:
          - phase: baseline
            duration: 1 s
          - phase: rest
            duration: 1 s
          - phase: probe
            duration: 1 s
            inputs: [cue]
          - phase: rest
            duration: 2 s
          - repeat: 2
            name: rehab
            phases:
              - phase: practice
                duration: 5 s
        """;

    private static YamlNodeBase Apply(YamlNodeBase root, List<Diagnostic> errors, params ParameterOverride[] overrides) =>
        YamlTreeEditor.Apply(root, overrides, "scenario.yaml", errors);

    [Fact]
    public void Apply_ExistingScalar_ReplacesItsValue()
    {
        var root = Fixture().Root;
        var errors = new List<Diagnostic>();

        var edited = Apply(root, errors, Set("populations.cortex.neuron.tau", "20 ms"));

        Assert.Empty(errors);
        Assert.Equal("20 ms", Scalar(edited, "populations", "cortex", "neuron", "tau"));
        Assert.Equal("4.0", Scalar(edited, "populations", "cortex", "neuron", "gain")); // siblings kept
        Assert.Equal("50", Scalar(edited, "populations", "cortex", "size"));
    }

    [Fact]
    public void Apply_KeyAbsentFromTheFile_IsGraftedAsTheLastEntry()
    {
        var root = Fixture().Root;
        var errors = new List<Diagnostic>();

        var edited = Apply(root, errors, Set("projections.recurrent.plasticity.modulation_gain", "9.0"));

        Assert.Empty(errors);
        var plasticity = Assert.IsType<YamlMappingNode>(Node(edited, "projections", "recurrent", "plasticity"));
        Assert.Equal(["rule", "rate", "decay", "modulated_by", "modulation_gain"], plasticity.Entries.Select(e => e.Key.Value));
        Assert.Equal("9.0", Scalar(edited, "projections", "recurrent", "plasticity", "modulation_gain"));
    }

    [Fact]
    public void Apply_AbsentKeyInTheMiddleOfThePath_IsAnError()
    {
        var root = Fixture().Root;
        var errors = new List<Diagnostic>();

        var edited = Apply(root, errors, Set("projections.recurrent.stdp.rate", "0.1"));

        Assert.Same(root, edited);
        Assert.Equal("the scenario has no parameter 'projections.recurrent.stdp.rate'", Assert.Single(errors).Message);
    }

    [Fact]
    public void Apply_ProtocolItemByPhaseName_ChangesThatPhase()
    {
        var root = Fixture().Root;
        var errors = new List<Diagnostic>();

        var edited = Apply(root, errors, Set("protocol.healing.duration", "30 day"));

        Assert.Empty(errors);
        Assert.Equal("healing", Scalar(edited, "protocol", 3, "phase"));
        Assert.Equal("30 day", Scalar(edited, "protocol", 3, "duration"));
        Assert.Equal("true", Scalar(edited, "protocol", 3, "offline"));
        Assert.Equal("100 ms", Scalar(edited, "protocol", 0, "duration")); // other phases untouched
        Assert.Equal("100 ms", Scalar(edited, "protocol", 4, "duration"));
    }

    [Fact]
    public void Apply_ProtocolItemByRepeatBlockName_ChangesTheBlock()
    {
        var root = Fixture().Root;
        var errors = new List<Diagnostic>();

        var edited = Apply(root, errors, Set("protocol.rehab.repeat", "5"), Set("protocol.rehab.phases.practice.duration", "80 ms"));

        Assert.Empty(errors);
        Assert.Equal("5", Scalar(edited, "protocol", 2, "repeat"));
        Assert.Equal("80 ms", Scalar(edited, "protocol", 2, "phases", 0, "duration"));
        Assert.Equal("1 day", Scalar(edited, "protocol", 2, "gap"));
    }

    [Theory]
    [InlineData("protocol.4.duration", 4)]
    [InlineData("protocol.0.duration", 0)]
    [InlineData("protocol.2.phases.0.duration", 2)]
    public void Apply_ProtocolItemByIndex_ChangesThatItem(string path, int item)
    {
        var root = Fixture().Root;
        var errors = new List<Diagnostic>();

        var edited = Apply(root, errors, Set(path, "300 ms"));

        Assert.Empty(errors);
        var node = item == 2 ? Node(edited, "protocol", 2, "phases", 0, "duration") : Node(edited, "protocol", item, "duration");
        Assert.Equal("300 ms", Assert.IsType<YamlScalarNode>(node).Value);
    }

    [Fact]
    public void Apply_ListValuedParameterByIndex_ReplacesOneItem()
    {
        var root = Fixture().Root;
        var errors = new List<Diagnostic>();

        var edited = Apply(root, errors, Set("protocol.injury.inputs.0", "other"));

        Assert.Empty(errors);
        Assert.Equal("other", Scalar(edited, "protocol", 1, "inputs", 0));
    }

    [Fact]
    public void Apply_NeverChangesTheOriginalTree()
    {
        var document = Fixture();
        var root = document.Root;
        var errors = new List<Diagnostic>();

        var edited = Apply(
            root,
            errors,
            Set("populations.cortex.neuron.tau", "20 ms"),
            Set("protocol.healing.duration", "30 day"),
            Set("protocol.rehab.repeat", "5"),
            Set("projections.recurrent.plasticity.modulation_gain", "9.0"),
            Set("dt", "0.2 ms"));

        Assert.Empty(errors);
        Assert.NotSame(root, edited);
        Assert.Equal("10 ms", Scalar(root, "populations", "cortex", "neuron", "tau"));
        Assert.Equal("60 day", Scalar(root, "protocol", 3, "duration"));
        Assert.Equal("3", Scalar(root, "protocol", 2, "repeat"));
        Assert.Null(Node(root, "projections", "recurrent", "plasticity", "modulation_gain"));
        Assert.Equal("0.1 ms", Scalar(root, "dt"));

        // The document compiles as before: 60 days of healing at dt = 0.1 ms.
        var spec = ScenarioLoader.Compile(document, []).Spec!;
        Assert.Equal(60L * 86_400_000 * 10, spec.Protocol.Single(p => p.Name == "healing").Steps);
    }

    [Fact]
    public void Apply_LaterOverrideOfTheSamePath_Wins()
    {
        var errors = new List<Diagnostic>();

        var edited = Apply(Fixture().Root, errors, Set("dt", "0.2 ms"), Set("dt", "0.5 ms"));

        Assert.Empty(errors);
        Assert.Equal("0.5 ms", Scalar(edited, "dt"));
    }

    [Fact]
    public void Apply_UnknownPath_ReportsItWithTheNearestValidPathAsHint()
    {
        var root = Fixture().Root;
        var errors = new List<Diagnostic>();

        var edited = Apply(root, errors, Set("populations.cortx.neuron.tau", "20 ms"));

        Assert.Same(root, edited);
        var error = Assert.Single(errors);
        Assert.Equal("--set populations.cortx.neuron.tau", error.File);
        Assert.Equal((1, 1), (error.Line, error.Column));
        Assert.Equal("populations.cortx.neuron.tau", error.Path);
        Assert.Equal("the scenario has no parameter 'populations.cortx.neuron.tau'", error.Message);
        Assert.Equal("did you mean 'populations.cortex.neuron.tau'?", error.Hint);
    }

    [Fact]
    public void Apply_UnknownPathOfAValueFromTheFile_NamesTheScenarioFileAndTheValuePosition()
    {
        var value = Parse("sweep:\n  grid:\n    nope.x: [5]\n", "s.yaml");
        var five = Assert.IsType<YamlSequenceNode>(Node(value, "sweep", "grid", "nope.x")).Items[0];
        var errors = new List<Diagnostic>();

        _ = Apply(Fixture().Root, errors, new ParameterOverride("nope.x", five));

        var error = Assert.Single(errors);
        Assert.Equal("scenario.yaml", error.File);
        Assert.Equal((3, 14), (error.Line, error.Column));
    }

    [Theory]
    [InlineData("dt.value")]                     // dt is a scalar
    [InlineData("protocol.9.duration")]          // only 5 items
    [InlineData("protocol.-1.duration")]
    [InlineData("protocol.nothing.duration")]
    [InlineData("populations.cortex.neuron.tau.ms")]
    public void Apply_PathThroughAScalarOrAMissingItem_IsAnError(string path)
    {
        var root = Fixture().Root;
        var errors = new List<Diagnostic>();

        var edited = Apply(root, errors, Set(path, "1"));

        Assert.Same(root, edited);
        Assert.Equal($"the scenario has no parameter '{path}'", Assert.Single(errors).Message);
    }

    [Theory]
    [InlineData("populations..size")]
    [InlineData(".dt")]
    [InlineData("dt.")]
    public void Apply_EmptySegment_IsAMalformedPath(string path)
    {
        var errors = new List<Diagnostic>();

        _ = Apply(Fixture().Root, errors, Set(path, "1"));

        var error = Assert.Single(errors);
        Assert.Equal("malformed parameter path", error.Message);
        Assert.Equal(path, error.Path);
    }

    [Fact]
    public void Apply_AmbiguousItemName_IsRefusedButTheIndexWorks()
    {
        var root = Parse(AmbiguousProtocol);
        var errors = new List<Diagnostic>();

        var byName = Apply(root, errors, Set("protocol.rest.duration", "9 s"));

        Assert.Same(root, byName);
        Assert.Equal("the scenario has no parameter 'protocol.rest.duration'", Assert.Single(errors).Message);

        errors.Clear();
        var byIndex = Apply(root, errors, Set("protocol.3.duration", "9 s"));

        Assert.Empty(errors);
        Assert.Equal("1 s", Scalar(byIndex, "protocol", 1, "duration"));
        Assert.Equal("9 s", Scalar(byIndex, "protocol", 3, "duration"));
    }

    [Fact]
    public void Apply_AmbiguousItemName_HintsAtAPathThatCanBeSet()
    {
        var root = Parse(AmbiguousProtocol);
        var errors = new List<Diagnostic>();

        _ = Apply(root, errors, Set("protocol.rest.duration", "9 s"));

        // The hint must not repeat the refused path; whatever it suggests must itself be settable.
        var match = Regex.Match(Assert.Single(errors).Hint, "^did you mean '(.+)'\\?$");
        Assert.True(match.Success, errors[0].Hint);
        string suggested = match.Groups[1].Value;
        Assert.NotEqual("protocol.rest.duration", suggested);
        var more = new List<Diagnostic>();
        _ = Apply(root, more, Set(suggested, "9 s"));
        Assert.Empty(more);
    }

    [Fact]
    public void Paths_ListsItemsByUniqueNameElseByIndex_AndEveryListedPathCanBeSet()
    {
        var root = Parse(AmbiguousProtocol);

        var paths = YamlTreeEditor.Paths(root).ToList();

        Assert.Equal(
            [
                "name",
                "protocol.1.duration", "protocol.1.phase",
                "protocol.3.duration", "protocol.3.phase",
                "protocol.baseline.duration", "protocol.baseline.phase",
                "protocol.probe.duration", "protocol.probe.inputs.0", "protocol.probe.phase",
                "protocol.rehab.name", "protocol.rehab.phases.practice.duration", "protocol.rehab.phases.practice.phase", "protocol.rehab.repeat",
            ],
            paths.Order(StringComparer.Ordinal));
        foreach (string path in paths)
        {
            var errors = new List<Diagnostic>();
            var edited = Apply(root, errors, Set(path, "changed"));
            Assert.True(errors.Count == 0, path + ": " + string.Join("; ", errors));
            Assert.NotSame(root, edited);
        }
    }

    [Fact]
    public void Paths_OfTheFixture_NameProtocolItemsByPhaseAndBlockName()
    {
        var paths = YamlTreeEditor.Paths(Fixture().Root).ToHashSet(StringComparer.Ordinal);

        Assert.Contains("dt", paths);
        Assert.Contains("populations.cortex.neuron.tau", paths);
        Assert.Contains("protocol.healing.duration", paths);
        Assert.Contains("protocol.rehab.repeat", paths);
        Assert.Contains("protocol.rehab.phases.practice.duration", paths);
        Assert.Contains("protocol.injury.inputs.0", paths);
        Assert.DoesNotContain("protocol.3.duration", paths);
    }
}
