using Neurotag.Core.Recording;
using Neurotag.Core.Spiking;

namespace Neurotag.Scenarios.Tests;

/// <summary>
/// Closed-loop actions (top-level <c>triggers:</c>, issue #13 item 1) through the whole pipeline. The reference for
/// timing is the protocol itself: an action due at t must act exactly as a phase starting at t with the same
/// <c>set:</c> or <c>inputs:</c> would, so each timing test compares the triggered run with a hand-written phased run
/// (the same named random streams, so the traces must be identical, not merely close) and with the closed form of a
/// Poisson source at rate·dt = 1 (a spike every step).
/// </summary>
public sealed class TriggeredActionsScenarioTests
{
    private const string File = "trig.yaml";

    // Line numbers matter for the error tests: line 1 is "name: trig", 'triggers:' is line 8.
    private const string Base = """
        name: trig
        seed: 5
        dt: 1 ms
        populations:
          src: { size: 3, neuron: { model: poisson, rate: SRCRATE } }
          cell: { size: 2, neuron: { model: lif, tau_e: 5 ms } }
        inputs: INPUTS
        triggers: TRIGGERS
        protocol: PROTOCOL
        record:
          every: 1 ms
          spikes: { population: src }
          state: { population: cell, variable: ge, neurons: [0, 0] }
        """;

    private const string OnePhase = "[ { phase: run, duration: 400 ms } ]";

    private const string Kick = "{ kick: { target: cell, kind: poisson, rate: 1000 Hz, weight: 1 nS } }";

    private static string Scenario(string triggers, string protocol = OnePhase, string srcRate = "0 Hz", string inputs = Kick) =>
        Base.Replace("INPUTS", inputs, StringComparison.Ordinal).Replace("TRIGGERS", triggers, StringComparison.Ordinal).Replace("PROTOCOL", protocol, StringComparison.Ordinal)
            .Replace("SRCRATE", srcRate, StringComparison.Ordinal);

    private static (SpikingSimulator Simulator, MemoryRecordSink Sink) Run(string text)
    {
        var result = ScenarioLoader.LoadText(text, File, null);
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var simulator = new SpikingSimulator(result.Spec!);
        var sink = new MemoryRecordSink();
        simulator.Run(sink);
        return (simulator, sink);
    }

    private static long[] SpikeSteps(MemoryRecordSink sink) => [.. sink.Spikes.Select(s => (long)Math.Round(s.TimeMs))];

    private static double[] Ge(MemoryRecordSink sink) => [.. sink.States.Select(s => s.Value)];

    /// <summary>
    /// Steps (t in ms, dt = 1 ms) at which ge of cell 0 rose: without input it only decays (or stays at 0), and with
    /// one input spike per step it rises every step since it stays below its fixed point w/(1 − e^(−dt/τ)).
    /// </summary>
    private static long[] KickSteps(MemoryRecordSink sink)
    {
        var samples = sink.States.Select(s => ((long)Math.Round(s.TimeMs), s.Value)).ToArray();
        return [.. samples.Skip(1).Where((s, i) => s.Value > samples[i].Value).Select(s => s.Item1)];
    }

    private static long[] Range(long first, long last) => [.. Enumerable.Range((int)first, (int)(last - first + 1)).Select(i => (long)i)];

    /// <summary>
    /// A schedule at 100 ms and a delay of 50 ms set the silent source to 1000 Hz (rate·dt = 1): no spike before, then
    /// every neuron at every step from 151 ms (the set acts from the step after it is due, as a phase's set: does),
    /// and the raster equals that of two phases split at 150 ms with the same set:.
    /// </summary>
    [Fact]
    public void SetAction_ActsExactlyItsDelayAfterAScheduledEvent()
    {
        var (simulator, sink) = Run(Scenario("[ { on: { at: 100 ms }, delay: 50 ms, then: { set: { src.rate: 1000 Hz } } } ]", inputs: "{}"));
        var steps = SpikeSteps(sink);
        Assert.Equal(3 * 250, steps.Length);
        Assert.Equal(Range(151, 400), steps.Distinct().Order().ToArray());
        Assert.Equal(1, simulator.Network.Actions.Applied);

        var (_, phased) = Run(Scenario("[]", "[ { phase: a, duration: 150 ms }, { phase: b, duration: 250 ms, set: { src.rate: 1000 Hz } } ]", inputs: "{}"));
        Assert.Equal(SpikeSteps(phased), steps);
    }

    /// <summary>
    /// A set falling due (150 ms) inside an offline phase (120–220 ms) is applied at the phase's end: the source
    /// fires at every step from 221 ms, as when the next phase sets it.
    /// </summary>
    [Fact]
    public void SetDueInsideAnOfflinePhase_IsAppliedAtItsEnd()
    {
        const string protocol = "[ { phase: a, duration: 120 ms }, { phase: sleep, duration: 100 ms, offline: true }, { phase: b, duration: 100 ms SET } ]";
        var (_, sink) = Run(Scenario("[ { on: { at: 100 ms }, delay: 50 ms, then: { set: { src.rate: 1000 Hz } } } ]", protocol.Replace(" SET", "", StringComparison.Ordinal), inputs: "{}"));
        Assert.Equal(Range(221, 320), SpikeSteps(sink).Distinct().Order().ToArray());

        var (_, phased) = Run(Scenario("[]", protocol.Replace(" SET", ", set: { src.rate: 1000 Hz }", StringComparison.Ordinal), inputs: "{}"));
        Assert.Equal(SpikeSteps(phased), SpikeSteps(sink));
    }

    /// <summary>
    /// A stimulus at 100 ms + 20 ms for 30 ms drives cell 0 at steps 121…150 exactly, and its ge trace is identical
    /// (bit for bit) to a phased run with the input on from 120 ms to 150 ms.
    /// </summary>
    [Fact]
    public void StimulusWindow_HasTheGivenLength()
    {
        var (_, sink) = Run(Scenario("[ { on: { at: 100 ms }, delay: 20 ms, then: { stimulate: kick, for: 30 ms } } ]"));
        Assert.Equal(Range(121, 150), KickSteps(sink));

        var (_, phased) = Run(Scenario("[]", "[ { phase: a, duration: 120 ms }, { phase: b, duration: 30 ms, inputs: [kick] }, { phase: c, duration: 250 ms } ]"));
        Assert.Equal(Ge(phased), Ge(sink));
    }

    /// <summary>A second trigger inside a window extends it to the later end (100 + 30 and 110 + 30: steps 101…140), it does not restart it.</summary>
    [Fact]
    public void OverlappingWindows_ExtendToTheLaterEnd()
    {
        var (simulator, sink) = Run(Scenario("[ { on: { at: [100 ms, 110 ms] }, then: { stimulate: kick, for: 30 ms } } ]"));
        Assert.Equal(Range(101, 140), KickSteps(sink));
        Assert.Equal(2, simulator.Network.Actions.Applied);
    }

    /// <summary>
    /// Each spike of src neuron 0 (40 Hz) switches the input on for 3 ms after a delay drawn uniformly in [5 ms, 15 ms]:
    /// every kicked step lies in a window [s + d + 1, s + d + 3] of some recorded spike s and some delay d in 5…15 (a
    /// naive check of the draw range), and a second run of the same seed gives identical spikes and ge.
    /// </summary>
    [Fact]
    public void SpikeTriggeredStimulus_WithDrawnDelays_IsDeterministic()
    {
        string text = Scenario("[ { on: { spike: { population: src, index: 0 } }, delay: { uniform: [5 ms, 15 ms] }, then: { stimulate: kick, for: 3 ms } } ]", srcRate: "40 Hz");
        var (simulator, sink) = Run(text);
        var trigger = sink.Spikes.Where(s => s.Neuron == 0).Select(s => (long)Math.Round(s.TimeMs)).ToArray();
        var kicked = KickSteps(sink);
        Assert.True(trigger.Length >= 5, $"src 0 spiked {trigger.Length} times: the test needs spikes");
        Assert.NotEmpty(kicked);
        Assert.All(kicked, k => Assert.Contains(trigger, s => k - s >= 6 && k - s <= 18));
        Assert.Equal(trigger.Count(s => s + 5 <= 400), simulator.Network.Actions.Applied, (a, b) => Math.Abs(a - b) <= trigger.Count(s => s + 15 > 400));

        var (_, again) = Run(text);
        Assert.Equal(SpikeSteps(sink), SpikeSteps(again));
        Assert.Equal(Ge(sink), Ge(again));
    }

    /// <summary>
    /// Unknown inputs and parameters, a delay below dt and two actions in one 'then:' are reported at their node (the
    /// input 'kick' that no valid trigger switches on is reported too, as for a phase's misspelt 'inputs:').
    /// </summary>
    [Theory]
    [InlineData("[ { on: { at: 1 ms }, then: { stimulate: kik, for: 5 ms } } ]", "stimulate: kik", "no input named 'kik'", "triggers[0].then.stimulate")]
    [InlineData("[ { on: { at: 1 ms }, then: { set: { src.rte: 5 Hz } } } ]", "src.rte", "'rte' cannot be set at run time", "triggers[0].then.set.src.rte")]
    [InlineData("[ { on: { at: 1 ms }, then: { set: { sorc.rate: 5 Hz } } } ]", "sorc.rate", "is not POPULATION.PARAMETER", "triggers[0].then.set.sorc.rate")]
    [InlineData("[ { on: { at: 1 ms }, delay: 0.5 ms, then: { stimulate: kick, for: 5 ms } } ]", "delay: 0.5 ms", "a trigger delay below the step dt = 1 ms", "triggers[0].delay")]
    [InlineData("[ { on: { at: 1 ms }, then: { stimulate: kick, for: 5 ms, set: { src.rate: 1 Hz } } } ]", "{ stimulate", "expected exactly one action", "triggers[0].then")]
    [InlineData("[ { on: { spike: { population: nope } }, then: { stimulate: kick, for: 5 ms } } ]", "population: nope", "no population named 'nope'", "triggers[0].on.spike.population")]
    public void BadTrigger_IsReportedAtItsPosition(string triggers, string at, string message, string path)
    {
        string text = Scenario(triggers);
        var result = ScenarioLoader.LoadText(text, File, null);
        var error = Assert.Single(result.Errors, e => e.Path != "inputs.kick");
        string line = text.Split('\n')[7];
        int column = line.IndexOf(at, StringComparison.Ordinal) + 1 + (at.Contains(": ", StringComparison.Ordinal) ? at.IndexOf(": ", StringComparison.Ordinal) + 2 : 0);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal((File, 8, column, path), (error.File, error.Line, error.Column, error.Path));
    }

    /// <summary>Triggers are events of spiking neurons: a rate network refuses them at the 'triggers:' node.</summary>
    [Fact]
    public void TriggersInARateNetwork_AreRefused()
    {
        const string text = """
            name: rate-trig
            dt: 1 ms
            populations:
              area: { size: 4, neuron: { model: rate, tau: 10 ms } }
            triggers: [ { on: { at: 1 ms }, then: { set: { area.threshold: 0.5 } } } ]
            protocol:
              - { phase: run, duration: 10 ms }
            """;
        var error = Assert.Single(ScenarioLoader.LoadText(text, File, null).Errors);
        Assert.Equal((5, 11, "triggers"), (error.Line, error.Column, error.Path));
        Assert.Contains("spiking network", error.Message, StringComparison.Ordinal);
    }
}
