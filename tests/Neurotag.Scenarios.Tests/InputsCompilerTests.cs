using Neurotag.Core.Rate;
using Neurotag.Core.Recording;
using Neurotag.Core.Specs;

namespace Neurotag.Scenarios.Tests;

/// <summary>
/// Input kinds <c>patterns</c> and <c>gaussian</c>, tag families, and the retrieval metrics: what compiles to
/// which spec, which mistakes are reported where, and one end-to-end experiment (BCM selectivity driven by a
/// <c>patterns</c> input written in YAML).
/// </summary>
public class InputsCompilerTests
{
    /// <summary>A scenario with a 100-neuron population, tags a, b (explicit) and family mem (10 × 8); INPUT is the whole 'inputs:' entry 's' (line 11).</summary>
    private static string Scenario(string input, string record = "", string expect = "") => $$"""
        name: inputs
        dt: 1 ms
        populations:
          cortex: { size: 100, neuron: { model: rate } }
          other:  { size: 10,  neuron: { model: rate } }
        tags:
          a:   { population: cortex, neurons: [0, 9] }
          b:   { population: cortex, neurons: [10, 19] }
          mem: { population: cortex, size: 8, count: 10 }
        inputs:
          s: {{input}}
        protocol:
          - { phase: run, duration: 10 ms, inputs: [s] }
        {{record}}
        {{expect}}
        """;

    private static SimulationSpec Compile(string text)
    {
        var result = ScenarioLoader.LoadText(text, "inputs.yaml");
        Assert.True(result.IsValid, string.Join("\n", result.Errors) + "\n" + text);
        return result.Spec!;
    }

    private static List<string> Errors(string text)
    {
        var result = ScenarioLoader.LoadText(text, "inputs.yaml");
        Assert.False(result.IsValid, "expected errors:\n" + text);
        return result.Errors.Select(e => $"{e.Line}:{e.Column} {e.Path}").ToList();
    }

    [Fact]
    public void RandomPatterns_CompileCountSparsityHoldAndOrder()
    {
        var input = Assert.Single(Compile(Scenario("{ target: cortex, kind: patterns, patterns: 4, sparsity: 0.25, amplitude: 2.0, hold: 50 ms, order: random }")).Inputs);
        Assert.Equal(InputKind.Patterns, input.Kind);
        Assert.NotNull(input.Patterns);
        Assert.Equal((4, 0.25, 50L, PatternOrder.Random), (input.Patterns.RandomCount, input.Patterns.Sparsity, input.Patterns.HoldSteps, input.Patterns.Order));
        Assert.Empty(input.Patterns.Tags);
        Assert.Equal(2.0, input.Amplitude);
        Assert.Equal(0, input.Patterns.GapSteps);

        var withGap = Assert.Single(Compile(Scenario("{ target: cortex, kind: patterns, patterns: 4, sparsity: 0.25, amplitude: 2.0, hold: 50 ms, gap: 20 ms }")).Inputs);
        Assert.Equal(20, withGap.Patterns!.GapSteps);
    }

    [Fact]
    public void TagPatterns_ExpandFamilies_InListOrder_AndOrderDefaultsToCycle()
    {
        var set = Assert.Single(Compile(Scenario("{ target: cortex, kind: patterns, patterns: [b, mem, a, mem.3], amplitude: 1.0, hold: 5 ms }")).Inputs).Patterns!;
        Assert.Equal(["b", .. Enumerable.Range(0, 10).Select(k => $"mem.{k}"), "a", "mem.3"], set.Tags);
        Assert.Equal(PatternOrder.Cycle, set.Order);

        var familyOnly = Assert.Single(Compile(Scenario("{ target: cortex, kind: patterns, patterns: mem, amplitude: 1.0, hold: 5 ms }")).Inputs).Patterns!;
        Assert.Equal(10, familyOnly.Tags.Count);
    }

    [Fact]
    public void Gaussian_CompilesWithDefaults_MeanZeroCorrelationZero()
    {
        var input = Assert.Single(Compile(Scenario("{ target: a, kind: gaussian, std: 0.5, tau: 5 ms, fraction: 0.5 }")).Inputs);
        Assert.Equal(InputKind.Gaussian, input.Kind);
        Assert.Equal(new GaussianDriveSpec(0, 0.5, 0, 5), input.Gaussian);
        Assert.True(input.TargetIsTag);
        Assert.Equal(0.5, input.Fraction);
    }

    [Fact]
    public void Family_ExpandsIntoMembers_AndAMemberIsATarget()
    {
        var spec = Compile(Scenario("{ target: mem.9, kind: current, amplitude: 1.0 }"));
        var members = spec.Tags.Where(t => t.Family == "mem").ToList();
        Assert.Equal(Enumerable.Range(0, 10).Select(k => $"mem.{k}"), members.Select(t => t.Name));
        Assert.All(members, t => Assert.Equal(8, t.Size));
        Assert.Equal("mem.9", spec.Inputs[0].Target);
        Assert.True(spec.Inputs[0].TargetIsTag);
    }

    [Fact]
    public void Expect_AcceptsFamilyNames_MembersAndTheRetrievalMetrics()
    {
        const string Record = "record: { tags: [activation, recall, spurious], active_above: 0.4 }";
        const string Expect = """
            expect:
              - { phase: run, metric: tag.mem.recall, above: 0.0 }
              - { phase: run, metric: tag.mem.3.spurious, below: 1.0 }
              - { phase: run, metric: tag.a.activation, below: { metric: tag.mem.7.activation, by: 0 } }
            """;
        var result = ScenarioLoader.LoadText(Scenario("{ target: a, kind: current, amplitude: 1.0 }", Record, Expect), "inputs.yaml");
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal(0.4, result.Spec!.Record.ActiveAbove);
        Assert.Equal(["mem", "mem.3", "a"], result.Expectations!.Select(e => e.Subject.Name));
        Assert.Equal(["recall", "spurious", "activation"], result.Expectations!.Select(e => e.Subject.Metric));
    }

    [Theory]
    [InlineData("{ target: cortex, kind: patterns, patterns: 4, amplitude: 1.0, hold: 5 ms }", "11:6 inputs.s.sparsity")]                                        // random patterns need sparsity
    [InlineData("{ target: cortex, kind: patterns, patterns: 4, sparsity: 1.5, amplitude: 1.0, hold: 5 ms }", "11:63 inputs.s.sparsity")]
    [InlineData("{ target: cortex, kind: patterns, patterns: 4, sparsity: 0.001, amplitude: 1.0, hold: 5 ms }", "11:63 inputs.s.sparsity")]                    // rounds to an empty pattern
    [InlineData("{ target: cortex, kind: patterns, patterns: [a], sparsity: 0.2, amplitude: 1.0, hold: 5 ms }", "11:65 inputs.s.sparsity")]                     // sparsity with tag patterns
    [InlineData("{ target: cortex, kind: patterns, patterns: [a, mem.10], amplitude: 1.0, hold: 5 ms }", "11:54 inputs.s.patterns[1]")]                         // no such member
    [InlineData("{ target: other, kind: patterns, patterns: [a], amplitude: 1.0, hold: 5 ms }", "11:50 inputs.s.patterns[0]")]                                  // tag of another population
    [InlineData("{ target: cortex, kind: patterns, patterns: [], amplitude: 1.0, hold: 5 ms }", "11:50 inputs.s.patterns")]
    [InlineData("{ target: cortex, kind: patterns, patterns: 4, sparsity: 0.2, amplitude: 1.0, hold: 0.5 ms }", "11:90 inputs.s.hold")]                         // not whole steps
    [InlineData("{ target: cortex, kind: patterns, patterns: 4, sparsity: 0.2, amplitude: 1.0, hold: 5 ms, order: shuffled }", "11:103 inputs.s.order")]
    [InlineData("{ target: cortex, kind: patterns, patterns: 4, sparsity: 0.2, amplitude: 1.0, hold: 5 ms, gap: -1 ms }", "11:101 inputs.s.gap")]
    [InlineData("{ target: cortex, kind: gaussian, std: 0.5, correlation: 1.2, tau: 5 ms }", "11:63 inputs.s.correlation")]
    [InlineData("{ target: cortex, kind: gaussian, std: -0.5, tau: 5 ms }", "11:45 inputs.s.std")]
    [InlineData("{ target: cortex, kind: gaussian, std: 0.5, tau: 0 ms }", "11:55 inputs.s.tau")]
    [InlineData("{ target: cortex, kind: gaussian, std: 0.5, tau: 5 ms, amplitude: 1.0 }", "11:61 inputs.s.amplitude")]                                       // not a gaussian key
    [InlineData("{ target: mem, kind: current, amplitude: 1.0 }", "11:16 inputs.s.target")]                                                                     // a family is not a target
    [InlineData("{ target: nope.2, kind: current, amplitude: 1.0 }", "11:16 inputs.s.target")]
    [InlineData("{ target: cortex, kind: poisson, rate: 5 Hz }", "11:30 inputs.s.kind")]
    public void BadInput_IsReportedAtItsKey(string input, string expected)
    {
        Assert.Equal([expected], Errors(Scenario(input)));
    }

    [Theory]
    [InlineData("mem: { population: cortex, size: 8, count: 10, shares: { a: 0.5 } }", "9:58 tags.mem.shares")]
    [InlineData("mem: { population: cortex, size: 8, count: 0 }", "9:46 tags.mem.count")]
    [InlineData("mem: { population: cortex, size: 101, count: 2 }", "9:36 tags.mem.size")]
    [InlineData("mem: { population: cortex, size: 8, count: 10 }\n  c: { population: cortex, size: 8, shares: { mem.1: 0.5 } }", "10:47 tags.c.shares.mem.1")]
    public void BadFamily_IsReportedAtItsKey(string family, string expected)
    {
        string text = Scenario("{ target: a, kind: current, amplitude: 1.0 }").Replace("mem: { population: cortex, size: 8, count: 10 }", family, StringComparison.Ordinal);
        Assert.Equal([expected], Errors(text));
    }

    [Fact]
    public void FamilyMembers_OverlapOtherTags_WithoutCountingAgainstThePopulation()
    {
        // 40 members of 50 neurons in a 100-neuron population next to a 90-neuron ordinary tag: fine for a family.
        string text = Scenario("{ target: a, kind: current, amplitude: 1.0 }")
            .Replace("mem: { population: cortex, size: 8, count: 10 }", "mem: { population: cortex, size: 50, count: 40 }", StringComparison.Ordinal)
            .Replace("b:   { population: cortex, neurons: [10, 19] }", "b:   { population: cortex, size: 80 }", StringComparison.Ordinal);
        Assert.Equal(40, Compile(text).Tags.Count(t => t.Family == "mem"));
    }

    [Fact]
    public void FamilyAggregates_AreTheMeanOverMembers_AndMembersAreNotCoupledToEachOther()
    {
        string text = Scenario("{ target: mem.0, kind: current, amplitude: 1.0 }", "record: { every: 10 ms, tags: [activation, recall, coupling] }")
            + "projections:\n  rec: { from: cortex, to: cortex, weight: 0.01 }\n";
        var simulator = new RateSimulator(Compile(text));
        var sink = new MemoryRecordSink();
        simulator.Run(sink);

        var last = sink.Tags.Where(s => s.Metric == "activation").GroupBy(s => s.Tag).ToDictionary(g => g.Key, g => g.Last().Value);
        double mean = Enumerable.Range(0, 10).Average(k => last[$"mem.{k}"]);
        Assert.Equal(mean, last["mem"], 12);
        Assert.True(last["mem.0"] > last["mem.1"] + 0.05, "mem.0 is driven"); // after 10 ms = τ: 0.63·σ(1) ≈ 0.46 vs 0.63·σ(0) ≈ 0.32
        var coupled = sink.Tags.Where(s => s.Metric == "coupling").Select(s => (s.Tag, s.Other)).Distinct().ToList();
        Assert.DoesNotContain(coupled, p => p.Tag.StartsWith("mem.", StringComparison.Ordinal) && p.Other.StartsWith("mem.", StringComparison.Ordinal));
        Assert.Contains(("a", "mem.4"), coupled);
        Assert.DoesNotContain(coupled, p => p.Tag == "mem" || p.Other == "mem");
    }

    /// <summary>
    /// BCM selectivity end to end: a YAML <c>patterns</c> input alternates two tags (cycle, 10 ms each) onto linear
    /// pre units; one linear post unit learns with BCM (τ_θ = 100 ms). As in Bienenstock, Cooper &amp; Munro (1982)
    /// it ends selective to one pattern: its summed weight from one tag exceeds the other's five-fold.
    /// </summary>
    [Fact]
    public void Bcm_DrivenByAPatternsInput_BecomesSelectiveToOnePattern()
    {
        const string Text = """
            name: bcm-patterns
            seed: 3
            dt: 1 ms
            populations:
              pre:  { size: 8, neuron: { model: rate, tau: 1 ms, activation: linear } }
              post: { size: 1, neuron: { model: rate, tau: 1 ms, activation: linear } }
            tags:
              a: { population: pre, neurons: [0, 3] }
              b: { population: pre, neurons: [4, 7] }
            inputs:
              shown: { target: pre, kind: patterns, patterns: [a, b], amplitude: 1.0, hold: 10 ms, order: cycle }
            projections:
              select:
                from: pre
                to: post
                weight: { init: { uniform: [0.1, 0.3] }, max: 5 }
                plasticity: { rule: bcm, rate: 1.0, bcm: { tau_theta: 100 ms } }
            protocol:
              - { phase: learn, duration: 12 s, inputs: [shown] }
            record: { every: 1 s, tags: [] }
            """;
        var simulator = new RateSimulator(Compile(Text));
        simulator.Run(new MemoryRecordSink());
        var w = simulator.Network.Projections[0].Weights;
        double ra = w[..4].Sum(), rb = w[4..].Sum();
        Assert.True(Math.Max(ra, rb) > 5 * Math.Min(ra, rb), $"responses {ra:F4}, {rb:F4}");
        Assert.True(Math.Max(ra, rb) > 1, $"the preferred response must have grown: {ra:F4}, {rb:F4}");
    }
}
