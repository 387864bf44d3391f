using Neurotag.Core;
using Neurotag.Core.Recording;
using Neurotag.Core.Specs;

namespace Neurotag.Scenarios.Tests;

/// <summary>
/// Issue #14, Tetzlaff et al. 2015: the <c>size</c> tag metric with <c>record.size_above</c>, <c>sine_period</c> on a
/// patterns input, and a negative <c>by</c> as a tolerance, through the compiler.
/// </summary>
public sealed class AssemblySizeRecordTests
{
    private const string RateNeuron = "{ model: rate, tau: 10 ms, activation: sigmoid, gain: 10.0, threshold: 0.5 }";
    private const string LifNeuron = "{ model: lif, synapse: current, tau_m: 20 ms, v_rest: -60 mV, v_thresh: -50 mV, v_reset: -60 mV, t_ref: 2 ms, tau_e: 5 ms, tau_i: 10 ms }";

    [Fact]
    public void Size_WithItsThreshold_CompilesAndIsRecorded()
    {
        var result = ScenarioLoader.LoadText(Text(RateNeuron, "[size]", "  size_above: 0.5\n", ""), "size.yaml", null);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal(0.5, result.Spec!.Record.SizeAbove);
        Assert.Contains(TagMetric.Size, result.Spec.Record.TagMetrics);
        var sink = new MemoryRecordSink();
        Simulations.Create(result.Spec).Run(sink);
        // Weights 0.1 < 0.5: no synapse is strong, so each tag's size is its own share, 2 of 4 units.
        Assert.All(sink.Tags.Where(s => s.Metric == "size"), s => Assert.Equal(0.5, s.Value, 1e-12));
    }

    [Fact]
    public void Size_WithoutAThreshold_IsAnErrorAtTheMetric()
    {
        var result = ScenarioLoader.LoadText(Text(RateNeuron, "[activation, size]", "", ""), "size.yaml", null);

        Assert.False(result.IsValid);
        var error = Assert.Single(result.Errors);
        Assert.Equal("record.tags", error.Path);
        Assert.Contains("size_above", error.Message, StringComparison.Ordinal);
        Assert.Equal(23, error.Line);
    }

    [Fact]
    public void Size_InASpikingScenario_IsAnError()
    {
        string text = Text(LifNeuron, "[size]", "  size_above: 0.5\n", "").Replace("weight: 0.1", "weight: 0.1 mV", StringComparison.Ordinal)
            .Replace("{ rule: hebbian, rate: 1.0 }", "{ rule: stdp, stdp: { a_plus: 0.01, a_minus: 0.0105 } }", StringComparison.Ordinal);
        var result = ScenarioLoader.LoadText(text, "size.yaml", null);

        Assert.False(result.IsValid);
        Assert.Contains(result.Errors, e => e.Path == "record.tags[0]" && e.Message.Contains("spiking", StringComparison.Ordinal));
    }

    [Fact]
    public void SinePeriod_IsReadInSteps_AndTooShortAPeriodIsAnError()
    {
        var ok = ScenarioLoader.LoadText(Text(RateNeuron, "[size]", "  size_above: 0.5\n", ", sine_period: 18.85 ms"), "sine.yaml", null);
        Assert.True(ok.IsValid, string.Join("\n", ok.Errors));
        Assert.Equal(18.85, ok.Spec!.Inputs[0].Patterns!.SinePeriodSteps, 1e-9); // dt = 1 ms

        var bad = ScenarioLoader.LoadText(Text(RateNeuron, "[size]", "  size_above: 0.5\n", ", sine_period: 1.5 ms"), "sine.yaml", null);
        Assert.False(bad.IsValid);
        var error = Assert.Single(bad.Errors);
        Assert.Equal("inputs.show.sine_period", error.Path);
    }

    [Fact]
    public void NegativeBy_LoosensABound_IntoATolerance()
    {
        string text = Text(RateNeuron, "[size]", "  size_above: 0.5\n", "")
            + "expect:\n  - { phase: learn, metric: tag.a.size, below: { metric: tag.b.size, by: -0.01 } }\n";
        var result = ScenarioLoader.LoadText(text, "by.yaml", null);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal(-0.01, Assert.Single(result.Expectations!).Below!.Margin);
    }

    private static string Text(string neuron, string tags, string recordExtra, string inputExtra) => $$"""
        name: size
        seed: 1
        dt: 1 ms
        populations:
          cortex:
            size: 4
            neuron: {{neuron}}
        tags:
          a: { population: cortex, neurons: [0, 1] }
          b: { population: cortex, neurons: [2, 3] }
        inputs:
          show: { target: cortex, kind: patterns, patterns: [a, b], amplitude: 1.0, hold: 5 ms{{inputExtra}} }
        projections:
          recurrent:
            from: cortex
            to: cortex
            weight: 0.1
            plasticity: { rule: hebbian, rate: 1.0 }
        protocol:
          - { phase: learn, duration: 20 ms, inputs: [show] }
        record:
          every: 10 ms
          tags: {{tags}}
        {{recordExtra}}
        """;
}
