using System.Globalization;
using Neurotag.Core.Specs;

namespace Neurotag.Scenarios.Tests;

/// <summary>
/// What the compiled <see cref="SimulationSpec"/> contains, from small inline scenarios. Expected numbers follow from
/// the definitions (1 s = 1000 ms, 1 min = 60 s, 1 day = 86 400 s; steps = duration / dt), not from running the code.
/// </summary>
public class CompilerTests
{
    private const long Second = 1_000;          // ms
    private const long Minute = 60 * Second;    // ms
    private const long Day = 86_400 * Second;   // ms

    /// <summary>A valid scenario around <paramref name="protocol"/> (dt = 0.1 ms unless <paramref name="head"/> sets it).</summary>
    private static string Scenario(string protocol, string head = "", string sections = "") => $"""
        name: compiler-test
        {head}
        populations:
          cortex:
            size: 300
            neuron: {"{"} model: rate {"}"}
        {sections}
        protocol:
        {protocol}
        """;

    private static SimulationSpec Compile(string text, ScenarioOptions? options = null)
    {
        var result = ScenarioLoader.LoadText(text, "inline.yaml", options);
        Assert.True(result.IsValid, string.Join("\n", result.Errors) + "\n" + text);
        return result.Spec!;
    }

    [Theory]
    [InlineData("0.1 ms", "2 s", 100_000, 20_000)]       // 2000 ms / 0.1 ms
    [InlineData("1 ms", "1 min", 1_000_000, 60_000)]      // 60 000 ms / 1 ms
    [InlineData("0.5 ms", "1.5 s", 500_000, 3_000)]       // 1500 ms / 0.5 ms
    [InlineData("20 us", "1 s", 20_000, 50_000)]          // 1000 ms / 0.02 ms
    [InlineData("0.1 ms", "1 day", 100_000, 864_000_000)] // 86 400 000 ms / 0.1 ms
    public void Load_WhenDurationIsAMultipleOfDt_CompilesToDurationOverDtSteps(string dt, string duration, long dtNs, long steps)
    {
        var spec = Compile(Scenario($"  - {{ phase: run, duration: {duration} }}", head: "dt: " + dt));

        Assert.Equal(dtNs, spec.Clock.DtNanoseconds);
        Assert.Equal(steps, Assert.Single(spec.Protocol).Steps);
        Assert.Equal(steps, spec.TotalSteps);
    }

    [Fact]
    public void Load_WhenRepeatHasAGap_ExpandsRepetitionsWithOfflineGapsOnlyBetweenThem()
    {
        var spec = Compile(Scenario("""
              - phase: warmup
                duration: 1 s
              - repeat: 3
                name: rehab
                gap: 1 day
                phases:
                  - phase: practice
                    duration: 10 min
              - phase: probe
                duration: 1 s
            """));

        long practice = 10 * Minute * 10, gap = Day * 10, second = Second * 10; // steps of 0.1 ms
        Assert.Equal(
            [
                ("warmup", 0, second, false),
                ("practice", 0, practice, false),
                ("rehab.gap", 0, gap, true),
                ("practice", 1, practice, false),
                ("rehab.gap", 1, gap, true),
                ("practice", 2, practice, false),
                ("probe", 0, second, false),
            ],
            spec.Protocol.Select(p => (p.Name, p.Rep, p.Steps, p.Offline)));
        Assert.All(spec.Protocol.Where(p => p.Offline), gapPhase => Assert.Empty(gapPhase.Inputs));
        Assert.Equal(second + (3 * practice) + (2 * gap) + second, spec.TotalSteps);
        Assert.Equal(second + (3 * practice) + second, spec.SimulatedSteps);
    }

    [Fact]
    public void Load_WhenRepeatBodyHasSeveralPhases_RepeatsTheWholeBodyBeforeEachGap()
    {
        var spec = Compile(Scenario("""
              - repeat: 2
                name: day
                gap: 1 h
                phases:
                  - { phase: train, duration: 1 s }
                  - { phase: test, duration: 2 s }
            """));

        Assert.Equal(
            [("train", 0), ("test", 0), ("day.gap", 0), ("train", 1), ("test", 1)],
            spec.Protocol.Select(p => (p.Name, p.Rep)));
    }

    [Theory]
    [InlineData("repeat: 1\n    gap: 1 day")]   // one repetition: nothing to put a gap between
    [InlineData("repeat: 3")]                   // no gap
    [InlineData("repeat: 3\n    gap: 0 ms")]    // an empty gap
    public void Load_WhenThereIsNothingToSeparate_AddsNoGapPhase(string header)
    {
        var spec = Compile(Scenario($"  - {header}\n    phases:\n      - {{ phase: practice, duration: 1 s }}"));

        Assert.All(spec.Protocol, p => Assert.Equal("practice", p.Name));
        Assert.Equal(Enumerable.Range(0, spec.Protocol.Count), spec.Protocol.Select(p => p.Rep));
    }

    [Fact]
    public void Load_WhenSeedOptionIsGiven_ItOverridesTheFileSeed()
    {
        string text = Scenario("  - { phase: run, duration: 1 s }", head: "seed: 42");

        Assert.Equal(42UL, Compile(text).Seed);
        Assert.Equal(7UL, Compile(text, new ScenarioOptions(Seed: 7)).Seed);
        Assert.Equal(7UL, Compile(Scenario("  - { phase: run, duration: 1 s }"), new ScenarioOptions(Seed: 7)).Seed);
    }

    [Fact]
    public void Load_WhenSeedIsTheLargest64BitNumber_KeepsItExactly()
    {
        var spec = Compile(Scenario("  - { phase: run, duration: 1 s }", head: "seed: 18446744073709551615"));

        Assert.Equal(ulong.MaxValue, spec.Seed);
    }

    [Fact]
    public void Load_WhenOptionalKeysAreOmitted_AppliesTheDefaults()
    {
        var spec = Compile(Scenario("  - { phase: run, duration: 1 s }"));

        Assert.Equal(1UL, spec.Seed);                       // contract: "default 1"
        Assert.Equal(100_000, spec.Clock.DtNanoseconds);    // dt = 0.1 ms
        Assert.Null(spec.Description);
        Assert.Empty(spec.Tags);
        Assert.Empty(spec.Inputs);
        Assert.Empty(spec.Modulators);
        Assert.Empty(spec.Projections);

        // record: every 10 ms (= 100 steps of 0.1 ms), tag activation and strength, population rate, no weights.
        Assert.Equal(100, spec.Record.EverySteps);
        Assert.Equal([TagMetric.Activation, TagMetric.Strength], spec.Record.TagMetrics);
        Assert.True(spec.Record.PopulationRate);
        Assert.Null(spec.Record.Weights);

        // a rate neuron: tau 10 ms, sigmoid, gain 1, threshold 0, no noise.
        Assert.Equal(new RateNeuronSpec(10, Activation.Sigmoid, 1, 0, 0), Assert.Single(spec.Populations).Neuron);

        var phase = Assert.Single(spec.Protocol);
        Assert.Equal((0, false, true), (phase.Rep, phase.Offline, phase.Plasticity));
        Assert.Empty(phase.Inputs);
        Assert.Empty(phase.Modulators);
        Assert.Empty(phase.Sets);
    }

    [Fact]
    public void Load_WhenDtIsCoarser_DefaultRecordIntervalStaysTenMilliseconds()
    {
        var spec = Compile(Scenario("  - { phase: run, duration: 1 s }", head: "dt: 2 ms"));

        Assert.Equal(5, spec.Record.EverySteps); // 10 ms / 2 ms
    }

    [Theory]
    [InlineData(120, "0.25", 30)] // the contract's example: 25 % of 120
    [InlineData(120, "0.3", 36)]
    [InlineData(10, "0.33", 3)]   // 3.3 → 3
    [InlineData(10, "0.36", 4)]   // 3.6 → 4
    [InlineData(7, "0.4", 3)]     // 2.8 → 3
    [InlineData(7, "1", 7)]       // the whole tag
    public void Load_WhenTagSharesAFraction_RoundsFractionTimesSizeToTheNearestCount(int size, string fraction, int count)
    {
        var spec = Compile(Scenario("  - { phase: run, duration: 1 s }", sections: $"""
            tags:
              pain: {"{"} population: cortex, size: {size} {"}"}
              bend: {"{"} population: cortex, size: {size}, shares: {"{"} pain: {fraction} {"}"} {"}"}
            """));

        var bend = spec.Tags.Single(t => t.Name == "bend");
        Assert.Equal([new TagShare("pain", count)], bend.Shares);
        Assert.Empty(spec.Tags.Single(t => t.Name == "pain").Shares);
    }

    [Fact]
    public void Load_WhenTagHasAnExplicitRange_KeepsTheRangeAndItsSize()
    {
        var spec = Compile(Scenario("  - { phase: run, duration: 1 s }", sections: """
            tags:
              smell: { population: cortex, neurons: [0, 39] }
            """));

        var smell = Assert.Single(spec.Tags);
        Assert.Equal(new IndexRange(0, 39), smell.Range);
        Assert.Equal(40, smell.Size);
    }

    [Fact]
    public void Load_WhenQuantitiesHaveUnits_NormalisesThemToMillisecondsAndSteps()
    {
        var spec = Compile(Scenario(
            """
              - phase: run
                duration: 1 s
                inputs: [cue]
                modulators: { threat: 1.0 }
            """,
            sections: """
            inputs:
              cue: { target: cortex, kind: current, amplitude: 1.0, fraction: 0.5 }
            modulators:
              threat: { baseline: 0.0, tau: 0.2 s }
            projections:
              recurrent:
                from: cortex
                to: cortex
                weight: { init: 0.01, min: 0.0, max: 1.0 }
                plasticity: { rule: hebbian, rate: 0.01, decay: { tau: 30 day }, modulated_by: threat }
                competition: { normalize: { per: post, total: 1.0, every: 10 ms } }
                pruning: { below: 0.002, for: 7 day, every: 1 s }
            record:
              weights: { projection: recurrent, every: 2 s }
            """));

        var projection = Assert.Single(spec.Projections);
        Assert.Equal(30 * Day, projection.Plasticity!.DecayTauMs);      // 2 592 000 000 ms
        Assert.Equal(2_592_000_000.0, projection.Plasticity.DecayTauMs);
        Assert.Equal("threat", projection.Plasticity.ModulatedBy);
        Assert.Equal(100, projection.Normalization!.EverySteps);        // 10 ms / 0.1 ms
        Assert.Equal(7 * Day, projection.Pruning!.ForMs);               // 604 800 000 ms
        Assert.Equal(10_000, projection.Pruning.CheckEverySteps);       // 1 s / 0.1 ms
        Assert.Equal(200, Assert.Single(spec.Modulators).TauMs);        // 0.2 s
        Assert.Equal(20_000, spec.Record.Weights!.EverySteps);          // 2 s / 0.1 ms
        Assert.Equal(new ModulatorLevel("threat", 1.0), Assert.Single(Assert.Single(spec.Protocol).Modulators));
        Assert.Equal(new InputSpec("cue", "cortex", TargetIsTag: false, Amplitude: 1.0, Fraction: 0.5), Assert.Single(spec.Inputs));
    }

    [Theory]
    [InlineData("1.5 s", 1500)]
    [InlineData("250 us", 0.25)]
    [InlineData("2 min", 120_000)]
    public void Load_WhenNeuronTauHasAnyTimeUnit_StoresMilliseconds(string tau, double ms)
    {
        string text = Scenario("  - { phase: run, duration: 1 s }", head: "dt: 0.05 ms").Replace("{ model: rate }", $"{{ model: rate, tau: {tau} }}", StringComparison.Ordinal);

        var neuron = Assert.IsType<RateNeuronSpec>(Assert.Single(Compile(text).Populations).Neuron);

        Assert.Equal(ms, neuron.TauMs);
    }

    [Fact]
    public void Load_WhenPhaseTurnsPlasticityOff_OnlyThatPhaseIsFrozen()
    {
        var spec = Compile(Scenario("""
              - { phase: learn, duration: 1 s }
              - { phase: probe, duration: 1 s, plasticity: off }
              - { phase: again, duration: 1 s, plasticity: on }
              - { phase: still, duration: 1 s, plasticity: false }
            """));

        Assert.Equal([true, false, true, false], spec.Protocol.Select(p => p.Plasticity));
    }

    [Fact]
    public void Load_WhenPhaseSetsIntrinsicParameters_RecordsPopulationParameterAndValue()
    {
        var spec = Compile(Scenario("""
              - { phase: before, duration: 1 s }
              - phase: probe
                duration: 1 s
                set: { cortex.threshold: 0.4, cortex.gain: 6 }
            """));

        Assert.Empty(spec.Protocol[0].Sets);
        Assert.Equal(
            [new ParameterSet("cortex", "threshold", 0.4), new ParameterSet("cortex", "gain", 6)],
            spec.Protocol[1].Sets);
    }

    [Fact]
    public void Load_WhenOfflinePhaseIsGiven_MarksItOfflineAndCountsItInTotalButNotSimulatedSteps()
    {
        var spec = Compile(Scenario("""
              - { phase: run, duration: 1 s }
              - { phase: healing, duration: 60 day, offline: true }
            """));

        Assert.Equal([false, true], spec.Protocol.Select(p => p.Offline));
        Assert.Equal(10_000 + (60 * Day * 10), spec.TotalSteps);
        Assert.Equal(10_000, spec.SimulatedSteps);
    }

    [Fact]
    public void Load_WhenErrorsAreFoundOutOfFileOrder_ReportsThemSortedByLineThenColumn()
    {
        // The compiler reads populations before the protocol (dependency order), and 'size' before 'neuron';
        // the file puts the protocol first and 'size' after 'neuron' on one line.
        const string text = """
            name: sorted
            protocol:
              - phase: run
                duration: 5
            populations:
              cortex: { neuron: { model: rate, tau: -1 ms }, size: 0 }
            """;

        var result = ScenarioLoader.LoadText(text, "sorted.yaml");

        Assert.Null(result.Spec);
        Assert.Equal(
            [(4, 15, "protocol[0].duration"), (6, 41, "populations.cortex.neuron.tau"), (6, 56, "populations.cortex.size")],
            result.Errors.Select(e => (e.Line, e.Column, e.Path)));
    }

    [Fact]
    public void Load_WhenAnInputIsUsedInsideARepeatOnly_CountsItAsUsed()
    {
        var spec = Compile(Scenario(
            "  - repeat: 2\n    phases:\n      - { phase: practice, duration: 1 s, inputs: [cue] }",
            sections: "inputs:\n  cue: { target: cortex, kind: current, amplitude: 1.0 }"));

        Assert.All(spec.Protocol, p => Assert.Equal(["cue"], p.Inputs));
    }

    private const string CultureScenario = """
        name: culture
        seed: 3
        dt: 0.1 ms
        populations:
          cortex:
            size: 200
            neuron: { model: rate, tau: 12.5 ms, activation: tanh, gain: 4.5, threshold: -0.25, noise: 0.05 }
        tags:
          pain: { population: cortex, size: 40 }
          bend: { population: cortex, size: 40, shares: { pain: 0.35 } }
        inputs:
          bending: { target: bend, kind: current, amplitude: 1.5, fraction: 0.75 }
        modulators:
          threat: { baseline: 0.1, tau: 1.5 s }
        projections:
          recurrent:
            from: cortex
            to: cortex
            connectivity: { rule: fixed_probability, p: 0.125 }
            weight: { init: { uniform: [0.001, 0.02] }, min: 0.0, max: 1.5 }
            plasticity: { rule: hebbian, rate: 0.0125, decay: { tau: 2.5 day }, modulated_by: threat, modulation_gain: 2.5 }
            competition: { normalize: { per: post, total: 1.25, every: 12.5 ms } }
            pruning: { below: 0.0025, for: 1.5 day }
        protocol:
          - { phase: base, duration: 1.5 s, inputs: [bending], modulators: { threat: 0.75 } }
          - repeat: 2
            name: rehab
            gap: 0.5 day
            phases:
              - { phase: practice, duration: 2.5 min }
          - { phase: probe, duration: 0.5 s, plasticity: off, set: { cortex.threshold: 0.45 } }
        record:
          every: 2.5 ms
          weights: { projection: recurrent, every: 0.5 s, histogram: 10 }
        """;

    [Theory]
    [InlineData("de-DE")] // decimal comma
    [InlineData("fr-FR")] // decimal comma, narrow no-break space for thousands
    [InlineData("tr-TR")] // dotless i in case mapping
    public void Load_UnderAnotherCurrentCulture_CompilesToTheSameSpecAsUnderTheInvariantCulture(string cultureName)
    {
        var invariant = CompileUnder(CultureInfo.InvariantCulture);
        var local = CompileUnder(new CultureInfo(cultureName));

        Assert.Equal(Fingerprint(invariant), Fingerprint(local));

        // And the values are the written ones, not a comma-misread 125 or 12.
        var neuron = (RateNeuronSpec)local.Populations[0].Neuron;
        Assert.Equal((12.5, 4.5, -0.25, 0.05), (neuron.TauMs, neuron.Gain, neuron.Threshold, neuron.Noise));
        Assert.Equal(0.125, local.Projections[0].Connectivity.Probability);
        Assert.Equal(2.5 * Day, local.Projections[0].Plasticity!.DecayTauMs);
        Assert.Equal(125, local.Projections[0].Normalization!.EverySteps);  // 12.5 ms / 0.1 ms
        Assert.Equal(14, local.Tags[1].Shares[0].Count);                    // 0.35 × 40
        Assert.Equal(25, local.Record.EverySteps);                          // 2.5 ms / 0.1 ms
        Assert.Equal(15_000, local.Protocol[0].Steps);                      // 1.5 s / 0.1 ms
    }

    [Fact]
    public void Load_UnderGermanCulture_WritesNumbersInMessagesWithADecimalPoint()
    {
        const string text = """
            name: messages
            populations:
              cortex:
                size: 50
                neuron: { model: rate }
            projections:
              recurrent: { from: cortex, to: cortex, connectivity: { rule: fixed_probability, p: 1.5 }, weight: { init: 1.5, max: 1.25 } }
            protocol:
              - { phase: run, duration: 0.25 ms }
            """;

        var previous = CultureInfo.CurrentCulture;
        IReadOnlyList<Diagnostic> errors;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");
            errors = ScenarioLoader.LoadText(text, "messages.yaml").Errors;
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }

        Assert.Equal(["projections.recurrent.connectivity.p", "projections.recurrent.weight.init", "protocol[0].duration"], errors.Select(e => e.Path));
        Assert.Contains("1.5 is out of range", errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("[0, 1.25]", errors[1].Message, StringComparison.Ordinal);
        Assert.Contains("0.25 ms", errors[2].Message, StringComparison.Ordinal);
        Assert.Contains("dt = 0.1 ms", errors[2].Message, StringComparison.Ordinal);
        Assert.All(errors, e => Assert.DoesNotMatch(@"\d,\d", e.ToString()));
    }

    private static SimulationSpec CompileUnder(CultureInfo culture)
    {
        var (previous, previousUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = culture;
            CultureInfo.CurrentUICulture = culture;
            return Compile(CultureScenario);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
            CultureInfo.CurrentUICulture = previousUi;
        }
    }

    /// <summary>Every field of the spec, lists included, written with the invariant culture (round-trip doubles).</summary>
    private static List<string> Fingerprint(SimulationSpec s)
    {
        static string R(double d) => d.ToString("R", CultureInfo.InvariantCulture);
        static string N(double? d) => d is { } v ? R(v) : "null";
        var lines = new List<string>
        {
            FormattableString.Invariant($"{s.Name} {s.Description} {s.Seed} {s.Clock.DtNanoseconds}"),
        };
        foreach (var p in s.Populations)
        {
            var n = (RateNeuronSpec)p.Neuron;
            lines.Add($"pop {p.Name} {p.Size} {R(n.TauMs)} {n.Activation} {R(n.Gain)} {R(n.Threshold)} {R(n.Noise)}");
        }

        lines.AddRange(s.Tags.Select(t => $"tag {t.Name} {t.Population} {t.Size} {t.Range} {string.Join(",", t.Shares.Select(x => x.Tag + ":" + x.Count))}"));
        lines.AddRange(s.Inputs.Select(i => $"input {i.Name} {i.Target} {i.TargetIsTag} {R(i.Amplitude)} {R(i.Fraction)}"));
        lines.AddRange(s.Modulators.Select(m => $"mod {m.Name} {R(m.Baseline)} {N(m.TauMs)}"));
        foreach (var p in s.Projections)
        {
            string init = p.Weight.Init switch
            {
                UniformDistribution u => $"U[{R(u.Low)},{R(u.High)}]",
                NormalDistribution g => $"N({R(g.Mu)},{R(g.Sigma)})",
                ConstantDistribution k => R(k.Value),
                _ => "?",
            };
            var c = p.Connectivity;
            var pl = p.Plasticity;
            lines.Add($"proj {p.Name} {p.From}>{p.To} {c.Rule} {R(c.Probability)} {c.Indegree} {c.AllowSelf} {init} {R(p.Weight.Min)} {R(p.Weight.Max)} {p.Inhibitory}");
            lines.Add(pl is null ? "static" : $"plast {pl.Rule} {R(pl.Rate)} {N(pl.DecayTauMs)} {pl.ModulatedBy} {R(pl.ModulationGain)}");
            lines.Add(p.Normalization is { } z ? $"norm {z.Per} {R(z.Total)} {z.EverySteps}" : "no-norm");
            lines.Add(p.Pruning is { } q ? $"prune {R(q.Below)} {R(q.ForMs)} {q.CheckEverySteps}" : "no-prune");
        }

        lines.AddRange(s.Protocol.Select(p =>
            FormattableString.Invariant($"phase {p.Name} {p.Rep} {p.Steps} {p.Offline} {p.Plasticity} [{string.Join(",", p.Inputs)}] ")
            + string.Join(",", p.Modulators.Select(m => m.Modulator + "=" + R(m.Level))) + " "
            + string.Join(",", p.Sets.Select(x => $"{x.Population}.{x.Parameter}={R(x.Value)}"))));
        var r = s.Record;
        lines.Add(FormattableString.Invariant($"record {r.EverySteps} {string.Join(",", r.TagMetrics)} {r.PopulationRate} {r.Weights?.Projection} {r.Weights?.EverySteps} {r.Weights?.HistogramBins}"));
        return lines;
    }
}
