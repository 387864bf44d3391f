using Neurotag.Scenarios.Sweeps;
using Neurotag.Scenarios.Yaml;
using static Neurotag.Scenarios.Tests.Sweeps.SweepYaml;

namespace Neurotag.Scenarios.Tests.Sweeps;

/// <summary><see cref="SweepDefinition.Read"/>: axes are file grid entries, then --grid flags, then the zip group.</summary>
public class SweepDefinitionTests
{
    private static SweepDefinition Read(string yaml, out List<Diagnostic> errors, int? cliSeeds = null, params ParameterOverride[][] cliGrids)
    {
        errors = [];
        return SweepDefinition.Read(Parse(yaml, "s.yaml"), "s.yaml", cliGrids, cliSeeds, errors);
    }

    private static ParameterOverride[] Grid(string path, params string[] values) => [.. values.Select(v => Set(path, v, "--grid"))];

    private static string[][] Rows(SweepAxis axis) =>
        [.. axis.Rows.Select(row => row.Select(v => Assert.IsType<YamlScalarNode>(v).Value).ToArray())];

    [Fact]
    public void Read_SeedsGridAndZip_AreParsedInFileOrderWithZipLast()
    {
        var sweep = Read(
            """
            name: s
            sweep:
              zip:
                populations.a.neuron.gain: [8, 10, 12]
                populations.a.neuron.threshold: [0.4, 0.5, 0.6]
              seeds: 3
              grid:
                projections.p.plasticity.rate: [0.001, 0.005]
                protocol.healing.duration: [30 day, 120 day, 1 year]
            """,
            out var errors);

        Assert.Empty(errors);
        Assert.Equal(3, sweep.Seeds);
        Assert.Equal(3, sweep.Axes.Count);
        Assert.Equal(["projections.p.plasticity.rate"], sweep.Axes[0].Paths);
        Assert.Equal([["0.001"], ["0.005"]], Rows(sweep.Axes[0]));
        Assert.Equal(["protocol.healing.duration"], sweep.Axes[1].Paths);
        Assert.Equal([["30 day"], ["120 day"], ["1 year"]], Rows(sweep.Axes[1]));
        Assert.Equal(["populations.a.neuron.gain", "populations.a.neuron.threshold"], sweep.Axes[2].Paths);
        Assert.Equal([["8", "0.4"], ["10", "0.5"], ["12", "0.6"]], Rows(sweep.Axes[2]));
    }

    [Fact]
    public void Read_CommandLineGrids_GoAfterTheFileGridAndBeforeTheZip()
    {
        var sweep = Read(
            """
            name: s
            sweep:
              grid: { a.x: [1, 2] }
              zip: { b.y: [3, 4], b.z: [5, 6] }
            """,
            out var errors,
            cliSeeds: null,
            Grid("c.first", "7", "8"),
            Grid("c.second", "9"));

        Assert.Empty(errors);
        Assert.Equal(["a.x", "c.first", "c.second", "b.y,b.z"], sweep.Axes.Select(a => string.Join(",", a.Paths)));
        Assert.Equal([["7"], ["8"]], Rows(sweep.Axes[1]));
        Assert.Equal([["9"]], Rows(sweep.Axes[2]));
        Assert.Equal(1, sweep.Seeds);
    }

    [Fact]
    public void Read_WithoutSweepSection_HasOnlyTheCommandLineGridAndOneSeed()
    {
        var sweep = Read("name: s\n", out var errors, cliSeeds: null, Grid("a.x", "1", "2", "3"));

        Assert.Empty(errors);
        Assert.Equal(1, sweep.Seeds);
        Assert.Equal(["a.x"], Assert.Single(sweep.Axes).Paths);
        Assert.Equal([["1"], ["2"], ["3"]], Rows(sweep.Axes[0]));
    }

    [Fact]
    public void Read_CommandLineSeeds_OverrideTheFile()
    {
        var sweep = Read("name: s\nsweep: { seeds: 3 }\n", out var errors, cliSeeds: 7);

        Assert.Empty(errors);
        Assert.Equal(7, sweep.Seeds);
        Assert.Empty(sweep.Axes);
    }

    [Fact]
    public void Read_ZipListsOfUnequalLength_IsAnErrorAndNoZipAxis()
    {
        var sweep = Read(
            """
            name: s
            sweep:
              grid: { a.x: [1, 2] }
              zip:
                b.y: [1, 2, 3]
                b.z: [4, 5]
            """,
            out var errors);

        var error = Assert.Single(errors);
        Assert.Equal("zip lists must all have the same length", error.Message);
        Assert.Equal("b.y: 3, b.z: 2", error.Hint);
        Assert.Equal("sweep.zip", error.Path);
        Assert.Equal(("s.yaml", 5, 5), (error.File, error.Line, error.Column));
        Assert.Equal(["a.x"], Assert.Single(sweep.Axes).Paths);
    }

    [Fact]
    public void Read_PathOnTwoFileAxes_IsAnError()
    {
        _ = Read("name: s\nsweep:\n  grid: { a.x: [1, 2] }\n  zip: { a.x: [3, 4], b.y: [5, 6] }\n", out var errors);

        var error = Assert.Single(errors);
        Assert.Equal("'a.x' is swept twice", error.Message);
    }

    [Fact]
    public void Read_PathInTheFileGridAndOnTheCommandLine_IsAnError()
    {
        _ = Read("name: s\nsweep:\n  grid: { a.x: [1, 2] }\n", out var errors, cliSeeds: null, Grid("a.x", "3"));

        Assert.Equal("'a.x' is swept twice", Assert.Single(errors).Message);
    }

    [Fact]
    public void Read_PathTwiceOnTheCommandLine_IsAnError()
    {
        _ = Read("name: s\n", out var errors, cliSeeds: null, Grid("a.x", "1"), Grid("a.x", "2"));

        Assert.Equal("'a.x' is swept twice", Assert.Single(errors).Message);
    }

    [Theory]
    [InlineData("grid: { a.x: [[1, 2], 3] }", "swept values must be single values (numbers or quantities)", 3, 17)]
    [InlineData("grid: { a.x: [1, { b: 2 }] }", "swept values must be single values (numbers or quantities)", 3, 20)]
    [InlineData("zip: { a.x: [1, [2]] }", "swept values must be single values (numbers or quantities)", 3, 19)]
    [InlineData("grid: { a.x: 0.5 }", "expected a list, found '0.5'", 3, 16)]
    [InlineData("grid: { a.x: [] }", "an axis needs at least one value", 3, 16)]
    [InlineData("grid: [a.x]", "expected a mapping, found a list", 3, 9)]
    public void Read_ValuesThatAreNotAListOfScalars_AreErrors(string entry, string message, int line, int column)
    {
        var sweep = Read($"name: s\nsweep:\n  {entry}\n", out var errors);

        var error = Assert.Single(errors);
        Assert.Equal(message, error.Message);
        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.Empty(sweep.Axes);
    }

    [Theory]
    [InlineData("seeds: 0")]
    [InlineData("seeds: 100001")]
    [InlineData("seeds: 2.5")]
    public void Read_SeedsOutOfRange_IsAnError(string entry)
    {
        var sweep = Read($"name: s\nsweep: {{ {entry} }}\n", out var errors);

        Assert.Single(errors);
        Assert.Equal(1, sweep.Seeds);
    }

    [Fact]
    public void Read_UnknownKeyInTheSweepSection_SuggestsTheNearest()
    {
        _ = Read("name: s\nsweep: { seed: 3 }\n", out var errors);

        var error = Assert.Single(errors);
        Assert.Equal("unknown key 'seed'", error.Message);
        Assert.Contains("did you mean 'seeds'", error.Hint, StringComparison.Ordinal);
    }
}
