using Neurotag.Core.Specs;

namespace Neurotag.Scenarios.Tests;

/// <summary>Spiking keys compile to the documented values in internal units (ms, mV, nS, Hz).</summary>
public sealed class SpikingCompilerTests
{
    private const string Network = """
        name: spiking-test
        dt: 0.1 ms
        populations:
          exc:
            size: 100
            neuron:
              model: lif
              tau_m: 0.02 s
              v_rest: -0.06 V
              v_thresh: -50 mV
              t_ref: 2 ms
              bias: 20 mV
              g_leak: 0.01 uS
              v_init: { uniform: [-60 mV, -50 mV] }
              ge_init: { normal: [40 nS, 15 nS] }
          cuba:
            size: 10
            neuron: { model: lif, synapse: current }
          izh:
            size: 10
            neuron: { model: izhikevich, a: 0.1, d: 2 }
          sensory:
            size: 50
            neuron: { model: poisson, rate: 15 Hz }
        inputs:
          drive: { target: exc, kind: poisson, rate: 2 kHz, weight: 500 pS, fraction: 0.5 }
        projections:
          ff: { from: sensory, to: exc, connectivity: { rule: fixed_probability, p: 0.1 }, weight: { init: { uniform: [0 nS, 0.1 nS] }, max: 0.2 nS }, delay: 1.5 ms }
          toc: { from: exc, to: cuba, weight: 0.5 mV }
          toi: { from: exc, to: izh, weight: 3 }
        protocol:
          - { phase: on, duration: 10 ms, inputs: [drive] }
          - { phase: off, duration: 10 ms, set: { sensory.rate: 0 Hz, exc.v_thresh: -45 mV } }
        record:
          every: 5 ms
          populations: [rate]
          spikes: { population: exc, neurons: 20 }
          state: { population: exc, variable: ge, neurons: [2, 4], every: 1 ms }
        """;

    private static SimulationSpec Compile(string text)
    {
        var result = ScenarioLoader.LoadText(text, "inline.yaml", null);
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        return result.Spec!;
    }

    [Fact]
    public void Lif_QuantitiesAreInInternalUnits()
    {
        var spec = Compile(Network);
        Assert.True(spec.IsSpiking);
        var lif = Assert.IsType<LifNeuronSpec>(spec.Populations[0].Neuron);
        Assert.Equal(SynapseKind.Conductance, lif.Synapse);
        Assert.Equal(20, lif.TauMs, 12);
        Assert.Equal(-60, lif.VRest, 12);
        Assert.Equal(-60, lif.VReset, 12); // defaults to v_rest
        Assert.Equal(2, lif.TRefMs, 12);
        Assert.Equal(10, lif.GLeak, 12);
        Assert.Equal(20, lif.Bias, 12);
        Assert.Equal(new UniformDistribution(-60, -50), lif.VInit);
        Assert.Equal(new NormalDistribution(40, 15), lif.GeInit);
        Assert.Equal(new ConstantDistribution(0), lif.GiInit);
        Assert.Equal(SynapseKind.Current, Assert.IsType<LifNeuronSpec>(spec.Populations[1].Neuron).Synapse);
        var izh = Assert.IsType<IzhikevichNeuronSpec>(spec.Populations[2].Neuron);
        Assert.Equal((0.1, 0.2, -65.0, 2.0), (izh.A, izh.B, izh.C, izh.D));
        Assert.Equal(15, Assert.IsType<PoissonNeuronSpec>(spec.Populations[3].Neuron).RateHz, 12);
    }

    [Fact]
    public void InputsProjectionsAndRecords_Compile()
    {
        var spec = Compile(Network);
        var input = Assert.Single(spec.PoissonInputs);
        Assert.Equal(("exc", 2000.0, 0.5, 0.5), (input.Target, input.RateHz, input.Weight, input.Fraction));
        Assert.Empty(spec.Inputs);
        var ff = spec.Projections[0];
        Assert.Equal(15, ff.DelaySteps);
        Assert.Equal(new UniformDistribution(0, 0.1), ff.Weight.Init);
        Assert.Equal(0.2, ff.Weight.Max, 12);
        Assert.Equal(0.5, spec.Projections[1].Weight.Init.Mean, 12);
        Assert.Equal(3, spec.Projections[2].Weight.Init.Mean, 12);
        Assert.Equal(new SpikeRecordSpec("exc", 20), spec.Record.Spikes);
        Assert.Equal(new StateRecordSpec("exc", "ge", 2, 4, 10), spec.Record.State);
        var sets = spec.Protocol[1].Sets;
        Assert.Contains(new ParameterSet("sensory", "rate", 0), sets);
        Assert.Contains(new ParameterSet("exc", "v_thresh", -45), sets);
    }

    [Theory]
    [InlineData("{ uniform: [1 ms, 3 ms] }", 10.0, 30.0, 30)]
    [InlineData("{ uniform: [0.15 ms, 0.25 ms] }", 1.5, 2.5, 3)]  // bounds need not be whole steps; the upper rounds (halves up) to 3
    [InlineData("{ normal: [2 ms, 0.5 ms] }", 20.0, 5.0, 45)]     // truncated to [0, mean + 5 std]
    public void PerSynapseDelay_IsADistributionInSteps(string delay, double a, double b, int maxSteps)
    {
        var spec = Compile(Network.Replace("delay: 1.5 ms", "delay: " + delay, StringComparison.Ordinal));
        var ff = spec.Projections.Single(p => p.Name == "ff");
        Assert.Equal(0, ff.DelaySteps);
        Assert.Equal(maxSteps, ff.MaxSynapseDelaySteps);
        var (x, y) = ff.SynapseDelaySteps switch
        {
            UniformDistribution u => (u.Low, u.High),
            NormalDistribution n => (n.Mu, n.Sigma),
            _ => (double.NaN, double.NaN),
        };
        Assert.Equal(a, x, 1e-9);
        Assert.Equal(b, y, 1e-9);
    }

    [Theory]
    [InlineData("weight: 0.5 mV", "projections.ff.weight")]                 // onto COBA: a conductance is needed
    [InlineData("weight: 0.5 nS, delay: 0.05 ms", "projections.ff.delay")] // not a whole number of steps
    public void WrongUnitsOrDelays_AreErrors(string replacement, string path)
    {
        string text = Network.Replace("weight: { init: { uniform: [0 nS, 0.1 nS] }, max: 0.2 nS }, delay: 1.5 ms", replacement, StringComparison.Ordinal);
        var result = ScenarioLoader.LoadText(text, "inline.yaml", null);
        Assert.False(result.IsValid);
        Assert.Contains(result.Errors, e => e.Path == path);
    }

    /// <summary>The recovery variable u can be recorded on an Izhikevich population only; on LIF it is an error at the key.</summary>
    [Fact]
    public void StateVariableU_OnlyOnIzhikevich()
    {
        var spec = Compile(Network.Replace("state: { population: exc, variable: ge", "state: { population: izh, variable: u", StringComparison.Ordinal));
        Assert.Equal("u", spec.Record.State!.Variable);
        var result = ScenarioLoader.LoadText(Network.Replace("variable: ge", "variable: u", StringComparison.Ordinal), "inline.yaml", null);
        Assert.False(result.IsValid);
        Assert.Contains(result.Errors, e => e.Path == "record.state.variable" && e.Message.Contains("izhikevich", StringComparison.Ordinal));
    }

    /// <summary>recall/spurious count neurons above a rate: in spiking scenarios that rate is in Hz and must be given.</summary>
    [Fact]
    public void RecallInSpiking_TakesActiveAboveInHz()
    {
        string withTag = Network.Replace("inputs:\n", "tags:\n  a: { population: exc, size: 10 }\ninputs:\n", StringComparison.Ordinal);
        var spec = Compile(withTag.Replace("  populations: [rate]", "  populations: [rate]\n  tags: [activation, recall, spurious]\n  active_above: 0.02 kHz", StringComparison.Ordinal));
        Assert.Equal(20, spec.Record.ActiveAbove, 12);
        Assert.Contains(TagMetric.Recall, spec.Record.TagMetrics);
        Assert.Contains(TagMetric.Spurious, spec.Record.TagMetrics);

        var missing = ScenarioLoader.LoadText(withTag.Replace("  populations: [rate]", "  populations: [rate]\n  tags: [recall]", StringComparison.Ordinal), "inline.yaml", null);
        Assert.Contains(missing.Errors, e => e.Path == "record.tags[0]" && e.Message.Contains("active_above", StringComparison.Ordinal));

        var bare = ScenarioLoader.LoadText(withTag.Replace("  populations: [rate]", "  populations: [rate]\n  tags: [recall]\n  active_above: 20", StringComparison.Ordinal), "inline.yaml", null);
        Assert.Contains(bare.Errors, e => e.Path == "record.active_above");
    }
}
