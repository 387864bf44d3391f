namespace Neurotag.Cli.Tests;

/// <summary>
/// <c>validate</c> checks a scenario's <c>sweep:</c> block as <c>sweep</c> would run it (issue 11, defect 7): an
/// unknown path, a value without a unit, and a pair of values that only together make a point invalid are errors at
/// the value's line and column in the sweep block, not "ok".
/// </summary>
public sealed class ValidateSweepTests : IDisposable
{
    // 18 lines; the sweep block each test appends starts at line 19.
    private const string Scenario = """
        name: sweepable
        dt: 1 ms
        populations:
          cortex:
            size: 40
            neuron: { model: rate, tau: 10 ms }
        tags:
          a: { population: cortex, size: 10 }
        inputs:
          drive: { target: a, kind: current, amplitude: 1.0 }
        projections:
          recurrent:
            from: cortex
            to: cortex
            connectivity: { rule: fixed_probability, p: 0.1 }
            weight: { init: 0.01 }
        protocol:
          - { phase: run, duration: 10 ms, inputs: [drive] }
        """;

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Validate_SweepWithAnUnknownPath_ExitsTwoAtThePathInTheSweepBlock()
    {
        var (exit, stdout, stderr) = Validate("""
            sweep:
              grid:
                projections.recurrent.connectivity.pp: [0.1, 0.2]
            """);

        Assert.Equal(2, exit);
        Assert.Equal("", stdout);
        // The path is grafted at its value, so the unknown last key is reported there: line 21, after "    …pp: [".
        Assert.Contains(":21:45: projections.recurrent.connectivity.pp: unknown key 'pp' (hint: did you mean 'p'?)", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SweepPathThatIsNowhereInTheScenario_ExitsTwoWithTheNearestPath()
    {
        var (exit, _, stderr) = Validate("""
            sweep:
              grid:
                projections.recurent.weight.init: [0.01, 0.02]
            """);

        Assert.Equal(2, exit);
        Assert.Contains(":21:40: projections.recurent.weight.init: the scenario has no parameter 'projections.recurent.weight.init' (hint: did you mean 'projections.recurrent.weight.init'?)", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SweepValueWithoutAUnit_ExitsTwoAtThatValue()
    {
        var (exit, _, stderr) = Validate("""
            sweep:
              seeds: 3
              zip:
                populations.cortex.neuron.tau: [10 ms, 20]
                inputs.drive.amplitude: [1.0, 2.0]
            """);

        Assert.Equal(2, exit);
        Assert.Contains(":22:44: populations.cortex.neuron.tau: missing unit in '20'", stderr, StringComparison.Ordinal);
        Assert.Contains(": 1 error; nothing was run", stderr, StringComparison.Ordinal);
    }

    /// <summary>Each value is valid alone; the point (population size 8, tag size 10) is not.</summary>
    [Fact]
    public void Validate_SweepPointThatOnlyTwoValuesTogetherBreak_ExitsTwoNamingThePoint()
    {
        var (exit, _, stderr) = Validate("""
            sweep:
              grid:
                populations.cortex.size: [40, 8]
                tags.a.size: [5, 10]
            """);

        Assert.Equal(2, exit);
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        string error = Assert.Single(lines, l => l.Contains("tag size 10 is larger than population 'cortex' (8 neurons)", StringComparison.Ordinal));
        Assert.Contains(":22:22: tags.a.size:", error, StringComparison.Ordinal);
        Assert.Contains("(at the point populations.cortex.size=8, tags.a.size=10)", error, StringComparison.Ordinal);
        Assert.Contains(": 1 error; nothing was run", stderr, StringComparison.Ordinal);
    }

    /// <summary>A value that breaks a key elsewhere is reported at the value, naming the key it broke.</summary>
    [Fact]
    public void Validate_SweepValueThatBreaksAnotherKey_IsReportedAtTheValueNamingThatKey()
    {
        var (exit, _, stderr) = Validate("""
            sweep:
              grid:
                populations.cortex.size: [40, 5]
            """);

        Assert.Equal(2, exit);
        Assert.Contains(":21:35: populations.cortex.size: the point populations.cortex.size=5 makes tags.a.size (line 8, column 34) invalid: tag size 10 is larger than population 'cortex' (5 neurons)", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SweepBlockWithAnUnknownKeyOrBadSeeds_ExitsTwo()
    {
        var (exit, _, stderr) = Validate("""
            sweep:
              seeds: 0
              gird: { dt: [1 ms] }
            """);

        Assert.Equal(2, exit);
        Assert.Contains(":20:10: sweep.seeds: 0 is out of range", stderr, StringComparison.Ordinal);
        Assert.Contains(":21:3: sweep.gird: unknown key 'gird' (hint: did you mean 'grid'?)", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ValidSweep_IsOk()
    {
        var (exit, stdout, stderr) = Validate("""
            sweep:
              seeds: 2
              grid:
                populations.cortex.size: [40, 80]
                tags.a.size: [5, 10]
                populations.cortex.neuron.tau: [5 ms, 20 ms]
            """);

        Assert.True(exit == 0, stderr);
        Assert.EndsWith(": ok\n", stdout.ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    /// <summary>
    /// Only points the sweep runs are judged: size 8 with the file's tag size (10) would be invalid, but the tag size
    /// is swept too and no point pairs them.
    /// </summary>
    [Fact]
    public void Validate_SweepWhosePointsAreAllValid_IsOkThoughAValueWithTheFilesOtherValuesWouldNotBe()
    {
        var (exit, _, stderr) = Validate("""
            sweep:
              grid:
                populations.cortex.size: [40, 8]
                tags.a.size: [5, 6]
            """);

        Assert.True(exit == 0, stderr);
    }

    private (int Exit, string Out, string Err) Validate(string sweep)
    {
        string file = _temp.Sub("sweepable.yaml");
        File.WriteAllText(file, Scenario + "\n" + sweep + "\n");
        return CliHarness.Run("validate", file);
    }
}
