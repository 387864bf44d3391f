namespace Neurotag.Scenarios.Tests;

/// <summary>
/// Every error at once (issue 11, defect 6): one broken definition must neither hide the errors of what refers to
/// it nor change their hints. The property tests break a valid scenario in several independent places, one at a
/// time and then all together: every error a single break reports must still be reported, at the same place, when
/// all the breaks are present.
/// </summary>
public sealed class ValidationDoesNotCascadeTests
{
    private static readonly ScenarioOptions Options = new(MemoryLimitBytes: 1L << 30);

    private static readonly string ValidMinimal = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "valid-minimal.yaml"));

    /// <summary>Line edits of valid-minimal.yaml, each one error in another section; lines are replaced, never added.</summary>
    private static readonly (int Line, string From, string To)[] RateBreaks =
    [
        (5, "dt: 0.1 ms", "dt: 0.1"),
        (8, "size: 50", "size: -5"),
        (17, "size: 10 }", "size: 0 }"),
        (20, "amplitude: 1.0", "amplitude: loud"),
        (22, "tau: 200 ms", "tau: -200 ms"),
        (27, "p: 0.2", "p: 1.5"),
        (32, "rate: 0.01", "rate: fast"),
        (33, "tau: 30 day", "tau: 30 parsec"),
        (43, "inputs: [bending]", "inputs: [bendin]"),
        (45, "repeat: 3", "repeat: 0"),
        (53, "duration: 60 day", "duration: 60 parsec"),
        (59, "cortex.threshold: 0.4", "cortex.threshold: high"),
        (62, "activation, strength", "activaton, strength"),
    ];

    private const string Spiking = """
        name: spiking-breaks
        dt: 0.1 ms
        populations:
          inp:
            size: 100
            neuron: { model: poisson, rate: 10 Hz }
          exc:
            size: 50
            neuron: { model: lif, tau_m: 20 ms, synapse: current, g_leak: 10 nS }
        tags:
          core: { population: exc, size: 10 }
        inputs:
          kick: { target: core, kind: poisson, rate: 5 Hz, weight: 0.5 mV }
        projections:
          forward:
            from: inp
            to: exc
            connectivity: { rule: fixed_probability, p: 0.1 }
            weight: { init: 0.5 mV, min: 0 mV, max: 2 mV }
            delay: 1.5 ms
          recurrent:
            from: exc
            to: core
            connectivity: { rule: fixed_indegree, k: 5 }
            weight: 40 pA
        protocol:
          - { phase: drive, duration: 100 ms, inputs: [kick] }
          - { phase: probe, duration: 50 ms }
        record:
          every: 10 ms
          tags: [activation]
          active_above: 5 Hz
        expect:
          - { phase: probe, metric: tag.core.activation, above: 0.1 }
        """;

    private static readonly (int Line, string From, string To)[] SpikingBreaks =
    [
        (5, "size: 100", "size: many"),
        (9, "tau_m: 20 ms", "tau_m: -20 ms"),
        (11, "size: 10 }", "size: 10, imprecision: 2 }"),
        (13, "rate: 5 Hz", "rate: 5 Hertz"),
        (18, "p: 0.1", "p: 1.1"),
        (19, "max: 2 mV", "max: 2 nS"),
        (20, "delay: 1.5 ms", "delay: -1 ms"),
        (24, "k: 5", "k: -5"),
        (27, "duration: 100 ms", "duration: 100"),
        (28, "duration: 50 ms", "duration: 50 parsec"),
        (32, "active_above: 5 Hz", "active_above: 5"),
    ];

    [Fact]
    public void RateScenario_EveryBreakAlone_IsStillReportedWhenAllBreaksAreTogether() =>
        AssertBreaksDoNotHideEachOther(ValidMinimal, RateBreaks);

    [Fact]
    public void SpikingScenario_EveryBreakAlone_IsStillReportedWhenAllBreaksAreTogether() =>
        AssertBreaksDoNotHideEachOther(Spiking, SpikingBreaks);

    /// <summary>The issue's first example: a population with an invalid size hid its projection's 'p: 1.5'.</summary>
    [Fact]
    public void InvalidPopulationSize_DoesNotHideTheProjectionsProbabilityError()
    {
        string text = Break(ValidMinimal, (8, "size: 50", "size: -5"), (27, "p: 0.2", "p: 1.5"));

        var errors = Load(text);

        Assert.Equal(["8:11 populations.cortex.size", "27:49 projections.recurrent.connectivity.p"], errors.Select(e => $"{e.Line}:{e.Column} {e.Path}"));
    }

    /// <summary>
    /// The issue's second example: with the input's target broken, a misspelt input in a phase was told "no input is
    /// defined", though one is, with an error of its own. The hint must offer the defined input.
    /// </summary>
    [Fact]
    public void UnknownInputName_WhenTheDefinedInputIsBroken_StillHintsAtTheDefinedInput()
    {
        string text = Break(ValidMinimal, (8, "size: 50", "size: -5"), (43, "inputs: [bending]", "inputs: [bendin]"));

        var errors = Load(text);

        var typo = Assert.Single(errors, e => e.Path == "protocol[1].inputs[0]");
        Assert.Contains("'bendin'", typo.Message, StringComparison.Ordinal);
        Assert.Equal("did you mean 'bending'?", typo.Hint);
        Assert.DoesNotContain(errors, e => e.Hint.Contains("is defined", StringComparison.Ordinal));
    }

    /// <summary>A broken input is defined: phases that switch it on are not told it does not exist.</summary>
    [Fact]
    public void PhaseNamingABrokenInput_GetsNoErrorOfItsOwn()
    {
        var errors = Load(Break(ValidMinimal, (20, "amplitude: 1.0", "amplitude: loud")));

        Assert.Equal(["20:54 inputs.bending.amplitude"], errors.Select(e => $"{e.Line}:{e.Column} {e.Path}"));
    }

    /// <summary>
    /// Durations are not checked against a dt that was rejected (not against the default 0.1 ms either: 100.25 ms is
    /// 401 steps of the 0.25 ms meant); their own units are still checked.
    /// </summary>
    [Fact]
    public void RejectedDt_DoesNotMakeDurationsWrong_ButTheirUnitsAreStillChecked()
    {
        var errors = Load(Break(ValidMinimal, (5, "dt: 0.1 ms", "dt: 0.25"), (40, "duration: 100 ms", "duration: 100.25 ms"), (53, "duration: 60 day", "duration: 60 parsec")));

        Assert.Equal(["5:5 dt", "53:15 protocol[3].duration"], errors.Select(e => $"{e.Line}:{e.Column} {e.Path}"));
        Assert.DoesNotContain(errors, e => e.Message.Contains("whole number of steps", StringComparison.Ordinal));
    }

    /// <summary>A broken repeat count still reads its body: errors inside are reported and its inputs count as used.</summary>
    [Fact]
    public void RepeatWithABrokenCount_StillChecksItsBody()
    {
        string text = Break(ValidMinimal, (45, "repeat: 3", "repeat: 0"), (50, "duration: 50 ms", "duration: 50"));

        var errors = Load(text);

        Assert.Equal(["45:13 protocol[2].repeat", "50:19 protocol[2].phases[0].duration"], errors.Select(e => $"{e.Line}:{e.Column} {e.Path}"));
    }

    /// <summary>An expectation on a phase that failed is not told that no phase has that name.</summary>
    [Fact]
    public void ExpectationOnABrokenPhase_IsNotToldThePhaseDoesNotExist()
    {
        string text = ValidMinimal.Replace("    duration: 100 ms\n    inputs: [bending]\n    plasticity: off", "    duration: 100 parsec\n    inputs: [bending]\n    plasticity: off", StringComparison.Ordinal)
            + "expect:\n  - { phase: probe, metric: tag.pain.activation, above: 0.1 }\n";

        var errors = Load(text);

        var error = Assert.Single(errors);
        Assert.Equal("protocol[4].duration", error.Path);
    }

    /// <summary>A misspelt metric in record.tags does not also make the expectations on the intended metric "not recorded".</summary>
    [Fact]
    public void MisspeltRecordedMetric_DoesNotAlsoFailTheExpectationsOnIt()
    {
        string text = Break(ValidMinimal, (62, "activation, strength", "activaton, strength"))
            + "expect:\n  - { phase: probe, metric: tag.pain.activation, above: 0.1 }\n";

        var error = Assert.Single(Load(text));

        Assert.Equal("record.tags[0]", error.Path);
    }

    /// <summary>
    /// Spiking populations that are all rejected (a rate without a known unit, a negative tau_m) still make the
    /// scenario spiking: its Poisson input and its weights in mV are not reported as belonging to a rate network.
    /// </summary>
    [Fact]
    public void SpikingPopulationsAllRejected_KeepTheScenarioSpiking()
    {
        var errors = Load(Break(Spiking, (6, "rate: 10 Hz", "rate: 10 Hertz"), (9, "tau_m: 20 ms", "tau_m: -20 ms")));

        Assert.Equal(["6:37 populations.inp.neuron.rate", "9:34 populations.exc.neuron.tau_m"], errors.Select(e => $"{e.Line}:{e.Column} {e.Path}"));
    }

    /// <summary>
    /// The population's neuron was read even though its size was rejected: a weight onto it in the wrong unit is
    /// still reported, and a share of a tag in it is still checked as a fraction.
    /// </summary>
    [Fact]
    public void PopulationRejectedForItsSize_StillChecksWhatDependsOnlyOnItsNeuron()
    {
        string text = Break(Spiking, (8, "size: 50", "size: 0"), (25, "weight: 40 pA", "weight: 40 nS"));

        var errors = Load(text);

        Assert.Equal(["8:11 populations.exc.size", "25:13 projections.recurrent.weight"], errors.Select(e => $"{e.Line}:{e.Column} {e.Path}"));
        Assert.Contains("current-based synapses", errors[1].Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Errors are compared by place (line, column, key path): a message may legitimately change with another break
    /// (k's upper bound is the population's size, unknown once the size is broken), its place may not disappear.
    /// </summary>
    private static void AssertBreaksDoNotHideEachOther(string valid, (int Line, string From, string To)[] breaks)
    {
        Assert.Empty(Load(valid));
        var all = Load(Break(valid, breaks)).Select(Place).ToHashSet(StringComparer.Ordinal);
        foreach (var one in breaks)
        {
            var alone = Load(Break(valid, one)).Select(Place).ToList();
            Assert.True(alone.Count > 0, $"line {one.Line} '{one.To}' alone is not an error: the test does not break what it means to");
            var hidden = alone.Where(e => !all.Contains(e)).ToList();
            Assert.True(hidden.Count == 0, $"line {one.Line} '{one.To}' alone reports\n  {string.Join("\n  ", alone)}\nbut with every break present these are missing:\n  {string.Join("\n  ", hidden)}\nall:\n  {string.Join("\n  ", all.Order(StringComparer.Ordinal))}");
        }
    }

    private static string Place(Diagnostic d) => $"{d.Line}:{d.Column} {d.Path}";

    private static List<Diagnostic> Load(string text) => [.. ScenarioLoader.LoadText(text, "breaks.yaml", Options).Errors];

    /// <summary>Applies line edits; each must find its text on its (1-based) line, so a drifting fixture fails loudly.</summary>
    private static string Break(string text, params (int Line, string From, string To)[] edits)
    {
        var lines = text.ReplaceLineEndings("\n").Split('\n');
        foreach (var (line, from, to) in edits)
        {
            Assert.True(lines[line - 1].Contains(from, StringComparison.Ordinal), $"line {line} is '{lines[line - 1]}', without '{from}'");
            lines[line - 1] = lines[line - 1].Replace(from, to, StringComparison.Ordinal);
        }

        return string.Join('\n', lines);
    }
}
