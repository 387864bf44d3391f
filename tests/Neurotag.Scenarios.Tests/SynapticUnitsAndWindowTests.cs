using System.Globalization;
using Neurotag.Core.Recording;
using Neurotag.Core.Specs;
using Neurotag.Core.Spiking;

namespace Neurotag.Scenarios.Tests;

/// <summary>
/// CUBA weights in pA (converted with the membrane resistance R = 1/g_leak), the weight levels normalize.total and
/// pruning.below of spiking projections, and <c>record.window</c>. The
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

    /// <summary>
    /// Plastic spiking projections onto a COBA and a CUBA (g_leak = 8 nS) population whose <c>normalize.total</c> and
    /// <c>pruning.below</c> are the placeholders {COBA_TOTAL}, {COBA_BELOW}, {CUBA_TOTAL}, {CUBA_BELOW}.
    /// </summary>
    private const string WeightLevelNetwork = """
        name: weight-levels
        dt: 0.1 ms
        populations:
          src: { size: 20, neuron: { model: poisson, rate: 10 Hz } }
          coba: { size: 5, neuron: { model: lif } }
          cuba: { size: 5, neuron: { model: lif, synapse: current, g_leak: 8 nS } }
        projections:
          to-coba:
            from: src
            to: coba
            weight: { init: 0.5 nS, max: 1 nS }
            plasticity: { rule: stdp, stdp: { a_plus: 0.01, a_minus: 0.0105 } }
            competition: { normalize: { total: {COBA_TOTAL} } }
            pruning: { below: {COBA_BELOW}, for: 1 s }
          to-cuba:
            from: src
            to: cuba
            weight: { init: 0.5 mV, max: 1 mV }
            plasticity: { rule: stdp, stdp: { a_plus: 0.01, a_minus: 0.0105 } }
            competition: { normalize: { total: {CUBA_TOTAL} } }
            pruning: { below: {CUBA_BELOW}, for: 1 s }
        protocol:
          - { phase: run, duration: 10 ms }
        """;

    private static string WeightLevels(string cobaTotal, string cobaBelow, string cubaTotal, string cubaBelow) => WeightLevelNetwork
        .Replace("{COBA_TOTAL}", cobaTotal, StringComparison.Ordinal).Replace("{COBA_BELOW}", cobaBelow, StringComparison.Ordinal)
        .Replace("{CUBA_TOTAL}", cubaTotal, StringComparison.Ordinal).Replace("{CUBA_BELOW}", cubaBelow, StringComparison.Ordinal);

    /// <summary>
    /// A weight level written with a unit compiles to the bare number of the internal weight unit it stands for: nS
    /// (also from pS/uS) onto COBA, mV onto CUBA, and I pA onto CUBA as I/g_leak mV (pA/nS = mV). Prefix scaling is one
    /// floating-point multiplication, so the values agree within 1e-12 relative; the bare numbers keep their meaning.
    /// </summary>
    [Theory]
    [InlineData("20 nS", "0.05 nS", "4 mV", "0.02 mV", 20, 0.05, 4, 0.02)]
    [InlineData("20000 pS", "0.00005 uS", "32 pA", "0.16 pA", 20, 0.05, 4, 0.02)]
    [InlineData("20", "0.05", "4", "0.02", 20, 0.05, 4, 0.02)]
    public void SpikingWeightLevels_WithAUnit_CompileToTheEquivalentBareNumber(
        string cobaTotal, string cobaBelow, string cubaTotal, string cubaBelow, double cobaTotalNs, double cobaBelowNs, double cubaTotalMv, double cubaBelowMv)
    {
        var projections = Compile(WeightLevels(cobaTotal, cobaBelow, cubaTotal, cubaBelow)).Projections;

        var coba = projections.Single(p => p.Name == "to-coba");
        var cuba = projections.Single(p => p.Name == "to-cuba");
        Assert.Equal(cobaTotalNs, coba.Normalization!.Total, cobaTotalNs * 1e-12);
        Assert.Equal(cobaBelowNs, coba.Pruning!.Below, cobaBelowNs * 1e-12);
        Assert.Equal(cubaTotalMv, cuba.Normalization!.Total, cubaTotalMv * 1e-12);
        Assert.Equal(cubaBelowMv, cuba.Pruning!.Below, cubaBelowMv * 1e-12);
    }

    /// <summary>A level in the wrong dimension, or of 0, is an error at its value with the key's path, like a weight's.</summary>
    [Theory]
    [InlineData("20 mV", "0.05 nS", "4 mV", "0.02 mV", "to-coba.competition.normalize.total", "conductance-based synapses")]
    [InlineData("20 nS", "5 ms", "4 mV", "0.02 mV", "to-coba.pruning.below", "conductance")]
    [InlineData("20 nS", "0.05 nS", "4 nS", "0.02 mV", "to-cuba.competition.normalize.total", "current-based synapses")]
    [InlineData("20 nS", "0.05 nS", "4 mV", "0 pA", "to-cuba.pruning.below", "out of range")]
    [InlineData("20 nS", "0 nS", "4 mV", "0.02 mV", "to-coba.pruning.below", "out of range")]
    public void SpikingWeightLevels_InAWrongDimensionOrZero_AreErrorsAtTheValue(
        string cobaTotal, string cobaBelow, string cubaTotal, string cubaBelow, string path, string message)
    {
        string text = WeightLevels(cobaTotal, cobaBelow, cubaTotal, cubaBelow);

        var error = Assert.Single(ScenarioLoader.LoadText(text, "inline.yaml", null).Errors);

        Assert.Equal("projections." + path, error.Path);
        string key = path[(path.LastIndexOf('.') + 1)..] + ": ";
        string line = text.Split('\n')[error.Line - 1];
        Assert.Contains(key, line, StringComparison.Ordinal);
        Assert.Equal(line.IndexOf(key, StringComparison.Ordinal) + key.Length + 1, error.Column);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    private static MemoryRecordSink Run(SimulationSpec spec)
    {
        var sink = new MemoryRecordSink();
        new SpikingSimulator(spec).Run(sink);
        return sink;
    }
}
