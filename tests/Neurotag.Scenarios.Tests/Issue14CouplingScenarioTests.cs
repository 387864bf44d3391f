using Neurotag.Core;
using Neurotag.Core.Recording;

namespace Neurotag.Scenarios.Tests;

/// <summary>
/// Issue #14 through the whole pipeline (YAML text, ScenarioLoader, Simulations.Create, a run into a
/// MemoryRecordSink): the summary's <c>coupling</c> across two populations joined by <c>one_to_one</c> is the mean of
/// the existing synapses between the tags, not NaN. Three populations of 6; tags a = left [0, 3], b = right [0, 3],
/// c = right2 [0, 3]; plasticity off, so every sample, and the phase mean, is the initial weights' mean:
/// <list type="bullet">
/// <item>left → right, one_to_one, 0.6: a → b has the 4 synapses i → i, i ∈ 0…3, so coupling = 0.6 (the old code
///   skipped all of them: NaN).</item>
/// <item>left → right2, one_to_one 0.6 and all_to_all 0.2: a → c has 4 synapses of 0.6 and 16 of 0.2, so coupling =
///   (4·0.6 + 16·0.2) / 20 = 0.28 (the old code skipped the 4 one_to_one and the 4 equal-index all_to_all synapses:
///   12·0.2 / 12 = 0.2).</item>
/// </list>
/// Tolerance 1e-6: weights are float32 (0.6f, 0.2f are within 3e-8 of 0.6, 0.2).
/// </summary>
public sealed class Issue14CouplingScenarioTests
{
    private const string RateNeuron = "{ model: rate, tau: 10 ms, activation: sigmoid, gain: 10.0, threshold: 0.5 }";
    private const string LifNeuron = "{ model: lif, synapse: current, tau_m: 20 ms, v_rest: -60 mV, v_thresh: -50 mV, v_reset: -60 mV, t_ref: 2 ms, tau_e: 5 ms, tau_i: 10 ms }";

    [Theory]
    [InlineData("rate")]
    [InlineData("spiking")]
    public void Issue14_Coupling_OneToOneAcrossPopulations_SummaryIsTheMeanOfItsSynapses(string network)
    {
        bool spiking = network == "spiking";
        string neuron = spiking ? LifNeuron : RateNeuron;
        string unit = spiking ? " mV" : "";
        string text = $$"""
            name: issue14-coupling-{{network}}
            dt: {{(spiking ? "0.1 ms" : "1 ms")}}
            populations:
              left:   { size: 6, neuron: {{neuron}} }
              right:  { size: 6, neuron: {{neuron}} }
              right2: { size: 6, neuron: {{neuron}} }
            tags:
              a: { population: left, neurons: [0, 3] }
              b: { population: right, neurons: [0, 3] }
              c: { population: right2, neurons: [0, 3] }
            projections:
              paired:  { from: left, to: right,  connectivity: { rule: one_to_one }, weight: { init: 0.6{{unit}}, min: 0{{unit}}, max: 1{{unit}} } }
              paired2: { from: left, to: right2, connectivity: { rule: one_to_one }, weight: { init: 0.6{{unit}}, min: 0{{unit}}, max: 1{{unit}} } }
              dense2:  { from: left, to: right2, connectivity: { rule: all_to_all }, weight: { init: 0.2{{unit}}, min: 0{{unit}}, max: 1{{unit}} } }
            protocol:
              - { phase: probe, duration: 20 ms, plasticity: off }
            record:
              every: 5 ms
              tags: [coupling]
            """;
        var result = ScenarioLoader.LoadText(text, "issue14.yaml", null);
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var sink = new MemoryRecordSink();

        Simulations.Create(result.Spec!).Run(sink);

        double Summary(string tag, string other) =>
            Assert.Single(sink.Summary, r => r.Phase == "probe" && r.Kind == "tag" && r.Name == tag && r.Metric == "coupling" && r.Other == other).Value;

        Assert.Equal(0.6, Summary("a", "b"), 1e-6);
        Assert.Equal(((4 * 0.6) + (16 * 0.2)) / 20, Summary("a", "c"), 1e-6);
        Assert.All(sink.Tags.Where(s => s.Metric == "coupling"), s => Assert.False(double.IsNaN(s.Value), $"{s.Tag}→{s.Other} at {s.TimeMs} ms is NaN"));
    }
}
