using System.Globalization;
using Neurotag.Core.Recording;
using Neurotag.Core.Specs;
using Neurotag.Core.Spiking;

namespace Neurotag.Scenarios.Tests;

/// <summary>
/// CUBA weights in pA (converted with the membrane resistance R = 1/g_leak) and <c>record.window</c>. The
/// dimension errors themselves are fixtures (Fixtures/invalid/synaptic-*.yaml, cuba-*.yaml, record-window-*.yaml).
/// </summary>
public sealed class SynapticUnitsAndWindowTests
{
    /// <summary>A current-based network whose synaptic quantities are all written in {0} (pA or mV placeholders).</summary>
    private const string CubaNetwork = """
        name: cuba-units
        dt: 0.1 ms
        seed: 5
        populations:
          src: { size: 50, neuron: { model: poisson, rate: 40 Hz } }
          cuba:
            size: 40
            neuron: { model: lif, synapse: current, g_leak: 7 nS, bias: 8 mV, t_ref: 2 ms, ge_init: { uniform: [{INIT_LO}, {INIT_HI}] } }
        inputs:
          drive: { target: cuba, kind: poisson, rate: 300 Hz, weight: {INPUT} }
        projections:
          ff: { from: src, to: cuba, connectivity: { rule: fixed_probability, p: 0.3 }, weight: { init: { normal: [{MEAN}, {STD}] }, max: {MAX} } }
          rec: { from: cuba, to: cuba, connectivity: { rule: fixed_probability, p: 0.1 }, weight: {REC}, sign: inhibitory }
        protocol:
          - { phase: run, duration: 300 ms, inputs: [drive] }
        record:
          every: 10 ms
          populations: [rate]
          spikes: { population: cuba }
          state: { population: cuba, variable: v, neurons: [0, 4] }
        """;

    private static readonly (string Key, double PicoAmps)[] Currents =
        [("INIT_LO", 0), ("INIT_HI", 40), ("INPUT", 25), ("MEAN", 30), ("STD", 10), ("MAX", 80), ("REC", 45)];

    private static SimulationSpec Compile(string text)
    {
        var result = ScenarioLoader.LoadText(text, "inline.yaml", null);
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        return result.Spec!;
    }

    private static string Fill(Func<double, string> quantity) =>
        Currents.Aggregate(CubaNetwork, (text, c) => text.Replace("{" + c.Key + "}", quantity(c.PicoAmps), StringComparison.Ordinal));

    /// <summary>
    /// τ_m dv/dt = … + R·I with R = 1/g_leak: a weight of I pA is the jump R·I = I/g_leak mV (pA/nS = mV). Written
    /// in pA or as that many mV (computed here as I/g_leak and written with round-trip precision), the compiled specs
    /// and the whole spike raster and voltage traces must be identical: the conversion happens once, at compile time.
    /// </summary>
    [Fact]
    public void PicoAmpereWeights_GiveTheSameDynamicsAsTheEquivalentMillivoltWeights()
    {
        const double GLeakNs = 7;
        var inPicoAmps = Compile(Fill(pA => pA.ToString(CultureInfo.InvariantCulture) + " pA"));
        var inMillivolts = Compile(Fill(pA => (pA / GLeakNs).ToString("R", CultureInfo.InvariantCulture) + " mV"));

        Assert.Equal(inMillivolts.Projections[0].Weight, inPicoAmps.Projections[0].Weight);
        Assert.Equal(new NormalDistribution(30 / GLeakNs, 10 / GLeakNs), inPicoAmps.Projections[0].Weight.Init);
        Assert.Equal(80 / GLeakNs, inPicoAmps.Projections[0].Weight.Max);
        Assert.Equal(45 / GLeakNs, inPicoAmps.Projections[1].Weight.Init.Mean);
        Assert.Equal(25 / GLeakNs, inPicoAmps.PoissonInputs[0].Weight);
        Assert.Equal(new UniformDistribution(0, 40 / GLeakNs), ((LifNeuronSpec)inPicoAmps.Populations[1].Neuron).GeInit);

        var a = Run(inPicoAmps);
        var b = Run(inMillivolts);
        Assert.True(a.Spikes.Count > 100, $"only {a.Spikes.Count} spikes: the comparison would be weak");
        Assert.Equal(b.Spikes, a.Spikes);
        Assert.Equal(b.States, a.States);
    }

    [Fact]
    public void GLeak_OnACurrentBasedPopulation_IsAccepted_AndMillivoltWeightsNeedNone()
    {
        string text = Fill(pA => (pA / 10).ToString(CultureInfo.InvariantCulture) + " mV").Replace("g_leak: 7 nS, ", "", StringComparison.Ordinal);
        var spec = Compile(text);
        Assert.Equal(3, spec.Projections[0].Weight.Init.Mean, 12);
    }

    [Theory]
    [InlineData("", null)]
    [InlineData("\n  window: 25 ms", 250L)]
    [InlineData("\n  window: 0.1 ms", 1L)]
    [InlineData("\n  window: 10 s", 100_000L)]
    public void RecordWindow_CompilesToWholeSteps_AndIsAbsentByDefault(string window, long? steps)
    {
        string text = Fill(pA => pA.ToString(CultureInfo.InvariantCulture) + " pA").Replace("  every: 10 ms", "  every: 10 ms" + window, StringComparison.Ordinal);
        Assert.Equal(steps, Compile(text).Record.WindowSteps);
    }

    private static MemoryRecordSink Run(SimulationSpec spec)
    {
        var sink = new MemoryRecordSink();
        new SpikingSimulator(spec).Run(sink);
        return sink;
    }
}
