using Neurotag.Core;
using Neurotag.Core.Recording;

namespace Neurotag.Scenarios.Tests;

/// <summary>
/// <c>record.weights.projection</c> as a list (issue #14) through the whole pipeline, in both cores: each projection's
/// rows are those a run recording it alone writes, and a spiking run writes each one's weight summary.
/// </summary>
public sealed class RecordWeightsListTests
{
    private const string RateNeuron = "{ model: rate, tau: 10 ms, activation: sigmoid, gain: 10.0, threshold: 0.5 }";
    private const string LifNeuron = "{ model: lif, synapse: current, tau_m: 20 ms, v_rest: -60 mV, v_thresh: -50 mV, v_reset: -60 mV, t_ref: 2 ms, tau_e: 5 ms, tau_i: 10 ms }";

    [Theory]
    [InlineData("rate")]
    [InlineData("spiking")]
    public void RecordWeights_AList_WritesEachProjectionAsAloneInListOrder(string network)
    {
        var both = Run(network, "[dense, paired]");
        var dense = Run(network, "dense");
        var paired = Run(network, "paired");

        Assert.Equal(dense.WeightBlocks, both.WeightBlocks.Where(b => b.Projection == "dense"));
        Assert.Equal(paired.WeightBlocks, both.WeightBlocks.Where(b => b.Projection == "paired"));
        Assert.Contains(both.WeightBlocks, b => b.Projection == "paired" && b.From == "a" && b.To == "b");
        if (network == "spiking")
        {
            Assert.Equal(
                dense.Summary.Concat(paired.Summary).Where(r => r.Kind == "weights").OrderBy(r => (r.Name, r.Metric)),
                both.Summary.Where(r => r.Kind == "weights").OrderBy(r => (r.Name, r.Metric)));
        }
    }

    [Fact]
    public void RecordWeights_AListNamingAProjectionTwice_IsAnError()
    {
        var result = ScenarioLoader.LoadText(Text("rate", "[dense, dense]"), "weights.yaml", null);

        Assert.False(result.IsValid);
        var error = Assert.Single(result.Errors);
        Assert.Equal("record.weights.projection[1]", error.Path);
    }

    private static MemoryRecordSink Run(string network, string projections)
    {
        var result = ScenarioLoader.LoadText(Text(network, projections), "weights.yaml", null);
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var sink = new MemoryRecordSink();
        Simulations.Create(result.Spec!).Run(sink);
        return sink;
    }

    private static string Text(string network, string projections)
    {
        bool spiking = network == "spiking";
        string neuron = spiking ? LifNeuron : RateNeuron;
        string unit = spiking ? " mV" : "";
        string plasticity = spiking ? "{ rule: stdp, stdp: { a_plus: 0.01, a_minus: 0.0105 } }" : "{ rule: hebbian, rate: 1.0 }";
        return $$"""
            name: weights-list-{{network}}
            dt: {{(spiking ? "0.1 ms" : "1 ms")}}
            populations:
              left:  { size: 6, neuron: {{neuron}} }
              right: { size: 6, neuron: {{neuron}} }
            tags:
              a: { population: left, neurons: [0, 3] }
              b: { population: right, neurons: [1, 4] }
            inputs:
              drive: { target: a, kind: {{(spiking ? "poisson, rate: 2000 Hz, weight: 5 mV" : "current, amplitude: 1.0")}} }
            projections:
              dense:  { from: left, to: right, weight: { init: 0.2{{unit}}, min: 0{{unit}}, max: 1{{unit}} }, plasticity: {{plasticity}} }
              paired: { from: left, to: right, connectivity: { rule: one_to_one }, weight: { init: 0.6{{unit}}, min: 0{{unit}}, max: 1{{unit}} } }
            protocol:
              - { phase: learn, duration: 20 ms, inputs: [drive] }
            record:
              every: 5 ms
              tags: [coupling]
              weights: { projection: {{projections}}, every: 5 ms }
            """;
    }
}
