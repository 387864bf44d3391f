using Neurotag.Core.Recording;
using Neurotag.Core.Spiking;

namespace Neurotag.Scenarios.Tests;

/// <summary>
/// Closed-loop modulators and synapse/neuron addressing (issue #13 items 1–2) through the whole pipeline: YAML text,
/// ScenarioLoader, SpikingSimulator, a MemoryRecordSink. A small Izhikevich network (RS neurons, dt 1 ms, thalamic
/// noise 13·(U − 0.5) as in Izhikevich 2007) fires irregularly; a Poisson source drives one plastic projection.
/// </summary>
public sealed class ClosedLoopScenarioTests
{
    private const string File = "loop.yaml";

    // Line numbers matter for the error tests: line 1 is "name: loop".
    private const string Base = """
        name: loop
        seed: 3
        dt: 1 ms
        populations:
          src: { size: 4, neuron: { model: poisson, rate: 40 Hz } }
          cell: { size: 6, neuron: { model: izhikevich, method: izhikevich, a: 0.02, b: 0.2, c: -65 mV, d: 8, tau_e: 0 ms, tau_i: 0 ms } }
        inputs:
          thal: { target: cell, kind: noise_current, uniform: [-6.5, 6.5] }
        modulators:
          da:
            tau: 200 ms
            unit: uM
            pulses: PULSES
        projections:
          feed:
            from: src
            to: cell
            connectivity: { rule: all_to_all }
            weight: { init: 2, min: 0, max: 4 }
            synapses: SYNAPSES
            plasticity: { rule: stdp, stdp: { a_plus: 0.05, a_minus: 0.05 } }
        protocol:
          - { phase: run, duration: 2000 ms, inputs: [thal] }
        record:
          every: 1 ms
          populations: [rate]
          spikes: { population: cell }
          modulators: [da]
          synapses: [s]
        """;

    private static string Scenario(string pulses = "[]", string synapses = "{ s: { pre: 1, post: 2, weight: 0.5 } }") =>
        Base.Replace("PULSES", pulses, StringComparison.Ordinal).Replace("SYNAPSES", synapses, StringComparison.Ordinal);

    private static (SpikingSimulator Simulator, MemoryRecordSink Sink) Run(string text)
    {
        var result = ScenarioLoader.LoadText(text, File, null);
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var simulator = new SpikingSimulator(result.Spec!);
        var sink = new MemoryRecordSink();
        simulator.Run(sink);
        return (simulator, sink);
    }

    private static double[] Trace(MemoryRecordSink sink, string name, string metric) =>
        [.. sink.Populations.Where(p => p.Population == name && p.Metric == metric).Select(p => p.Value)];

    private static Diagnostic SingleError(string text)
    {
        var result = ScenarioLoader.LoadText(text, File, null);
        Assert.True(result.Errors.Count == 1, string.Join("\n", result.Errors));
        return result.Errors[0];
    }

    /// <summary>
    /// A schedule at 100 ms with a fixed delay of 50 ms: the level (τ = 200 ms, baseline 0) is 0 at every sample
    /// before 150 ms, exactly the amount at 150 ms, and decays as e^(−(t − 150)/τ) after (1e-12 relative).
    /// </summary>
    [Fact]
    public void ScheduledPulse_ArrivesExactlyItsDelayAfterTheTrigger()
    {
        var (_, sink) = Run(Scenario("[ { on: { at: 100 ms }, amount: 0.5, delay: 50 ms } ]"));
        var level = Trace(sink, "da", "level"); // one sample per ms, t = 0 first
        Assert.All(level.Take(150), v => Assert.Equal(0, v));
        Assert.Equal(0.5, level[150]);
        Assert.Equal(0.5 * Math.Exp(-850 / 200.0), level[1000], 1e-12 * 0.5);
        Assert.Equal("uM", Assert.Single(sink.Summary, r => r.Kind == "modulator").Unit.Symbol);
    }

    /// <summary>
    /// Each spike of neuron 2 of 'cell' adds 1 to a modulator without τ (it holds its level within the phase) at the
    /// end of its step: the level at every sample equals the count of neuron 2's spikes recorded so far.
    /// </summary>
    [Fact]
    public void SpikeEventOnOneNeuron_CountsItsSpikes()
    {
        string text = Scenario("[ { on: { spike: { population: cell, index: 2 } }, amount: 1 } ]").Replace("    tau: 200 ms\n", "", StringComparison.Ordinal);
        var (_, sink) = Run(text);
        var level = Trace(sink, "da", "level");
        var spikes = sink.Spikes.Where(s => s.Neuron == 2).Select(s => (long)Math.Round(s.TimeMs)).ToList();
        Assert.True(spikes.Count >= 3, $"neuron 2 spiked {spikes.Count} times: the test needs spikes");
        for (int t = 0; t < level.Length; t++)
        {
            Assert.Equal(spikes.Count(s => s <= t), level[t]);
        }
    }

    /// <summary>
    /// A pairing on the named synapse src[1] → cell[2] with a 20 ms window and no delay adds 1 per post spike that
    /// follows a pre spike by 1–19 ms: the final level equals that count from the recorded spikes (source spikes are
    /// recorded through a second run of the same seed with the raster on 'src').
    /// </summary>
    [Fact]
    public void PairingOnANamedSynapse_MatchesTheRecordedSpikes()
    {
        string pulses = "[ { on: { pairing: { synapse: s, window: 20 ms } }, amount: 1 } ]";
        string text = Scenario(pulses).Replace("    tau: 200 ms\n", "", StringComparison.Ordinal);
        var (_, sink) = Run(text);
        var (_, srcSink) = Run(text.Replace("spikes: { population: cell }", "spikes: { population: src }", StringComparison.Ordinal));
        var pre = srcSink.Spikes.Where(s => s.Neuron == 1).Select(s => (long)Math.Round(s.TimeMs)).ToList();
        var post = sink.Spikes.Where(s => s.Neuron == 2).Select(s => (long)Math.Round(s.TimeMs)).ToList();
        int expected = post.Count(t => pre.Any(p => t - p > 0 && t - p < 20));
        Assert.True(expected >= 2, $"{expected} pairings: the test needs some");
        Assert.Equal(expected, Trace(sink, "da", "level")[^1]);
    }

    /// <summary>
    /// The named synapse src[1] → cell[2] starts at its given weight 0.5 (not the projection's 2); its recorded trace
    /// is that synapse's weight, changed by STDP, and its last sample is the weight in the network at the end.
    /// </summary>
    [Fact]
    public void NamedSynapse_StartsAtItsWeightAndIsRecorded()
    {
        var (simulator, sink) = Run(Scenario());
        var (projection, synapse) = simulator.Network.NamedSynapses["s"];
        Assert.Equal((1, 2), (projection.Pre[synapse], projection.Post[synapse]));
        var trace = Trace(sink, "s", "weight");
        Assert.Equal(0.5, trace[0]);
        Assert.NotEqual(0.5, trace[^1]); // STDP moved it
        Assert.Equal(projection.Weight[synapse], (float)trace[^1]);
        Assert.Equal(2f, projection.Weight[synapse == 0 ? 1 : 0], 1.5f); // the others started at 2
        Assert.Equal("mV/ms", Assert.Single(sink.Summary, r => r.Kind == "synapse").Unit.Symbol);
    }

    /// <summary>'pick: random' draws an existing synapse from the seed: the same seed picks the same one; 8 seeds do not all pick one.</summary>
    [Fact]
    public void PickedSynapse_IsDeterministicPerSeed()
    {
        int Pick(ulong seed)
        {
            var result = ScenarioLoader.LoadText(Scenario(synapses: "{ s: { pick: random } }"), File, new ScenarioOptions(Seed: seed));
            Assert.True(result.IsValid, string.Join("\n", result.Errors));
            return SpikingNetwork.Build(result.Spec!).NamedSynapses["s"].Synapse;
        }

        Assert.Equal(Pick(5), Pick(5));
        Assert.True(Enumerable.Range(1, 8).Select(s => Pick((ulong)s)).Distinct().Count() > 1);
    }

    /// <summary>Addressing and event errors name the offending node at file:line:col.</summary>
    [Theory]
    [InlineData("{ s: { pre: 4, post: 2 } }", "[]", 20, "pre: 4", "index 4 is out of range")]
    [InlineData("{ s: { pre: 1, post: 6 } }", "[]", 20, "post: 6", "index 6 is out of range")]
    [InlineData("{ s: { pre: 1, post: 2 } }", "[ { on: { pairing: { synapse: t, window: 20 ms } }, amount: 1 } ]", 13, "synapse: t", "no synapse named 't'")]
    [InlineData("{ s: { pre: 1, post: 2 } }", "[ { on: { spike: { population: cell, index: 9 } }, amount: 1 } ]", 13, "index: 9", "index 9 is out of range")]
    [InlineData("{ s: { pre: 1, post: 2 } }", "[ { on: { spike: { population: cel } }, amount: 1 } ]", 13, "population: cel", "no population named 'cel'")]
    [InlineData("{ s: { pre: 1, post: 2 } }", "[ { on: { pairing: { synapse: s, window: 0 ms } }, amount: 1 } ]", 13, "window: 0 ms", "out of range")]
    [InlineData("{ s: { pre: 1, post: 2 } }", "[ { on: { at: 1 s }, amount: 1, delay: 0.5 ms } ]", 13, "delay: 0.5 ms", "below the step")]
    [InlineData("{ s: { pre: 1, post: 2 } }", "[ { on: { at: 1 s }, amount: 1, delay: { uniform: [0 ms, 2 ms] } } ]", 13, "delay: {", "below the step")]
    public void BadAddressOrEvent_IsOneErrorAtItsNode(string synapses, string pulses, int line, string at, string message)
    {
        string text = Scenario(pulses, synapses);
        var error = SingleError(text);
        string lineText = text.Split('\n')[line - 1];
        int column = lineText.IndexOf(at, StringComparison.Ordinal) + 1 + (at.Contains(':', StringComparison.Ordinal) ? at.IndexOf(':', StringComparison.Ordinal) + 2 : 0);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal((File, line, column), (error.File, error.Line, error.Column));
    }

    /// <summary>
    /// A synapse named by its ends that the seed's random connectivity did not draw: the network build fails with the
    /// position where it was named (file:line:col), what is missing and a hint.
    /// </summary>
    [Fact]
    public void NamedSynapseMissingFromTheDrawnConnectivity_FailsAtItsPosition()
    {
        string text = Scenario().Replace("{ rule: all_to_all }", "{ rule: fixed_probability, p: 0.0 }", StringComparison.Ordinal);
        var result = ScenarioLoader.LoadText(text, File, null);
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var error = Assert.Throws<SynapseAddressException>(() => SpikingNetwork.Build(result.Spec!));
        int column = text.Split('\n')[19].IndexOf("{ pre:", StringComparison.Ordinal) + 1;
        Assert.StartsWith($"{File}:20:{column}: error: synapse 's': projection 'feed' has no synapse from pre 1 to post 2", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Pulses are events of spiking neurons: a rate network refuses them at the 'pulses:' node.</summary>
    [Fact]
    public void PulsesInARateNetwork_AreRefused()
    {
        const string text = """
            name: rate-loop
            dt: 1 ms
            populations:
              area: { size: 4, neuron: { model: rate, tau: 10 ms } }
            modulators:
              da: { pulses: [ { on: { at: 1 s }, amount: 1 } ] }
            protocol:
              - { phase: run, duration: 10 ms }
            """;
        var error = SingleError(text);
        Assert.Equal((6, "modulators.da.pulses"), (error.Line, error.Path));
        Assert.Contains("spiking network", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Same scenario and seed: byte-identical modulator and synapse traces (determinism of the closed loop).</summary>
    [Fact]
    public void ClosedLoop_IsDeterministic()
    {
        string text = Scenario("[ { on: { pairing: { synapse: s, window: 20 ms } }, amount: 0.5, delay: { uniform: [10 ms, 300 ms] } } ]");
        var (_, a) = Run(text);
        var (_, b) = Run(text);
        Assert.Equal(Trace(a, "da", "level"), Trace(b, "da", "level"));
        Assert.Equal(Trace(a, "s", "weight"), Trace(b, "s", "weight"));
        Assert.Contains(Trace(a, "da", "level"), v => v > 0);
    }
}
