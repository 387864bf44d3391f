using Neurotag.Core.Specs;

namespace Neurotag.Scenarios.Tests;

/// <summary>
/// <c>model: adex</c> (AdExNeuronReader): a minimal neuron gets Brette &amp; Gerstner's (2005) regular-spiking set,
/// quantities arrive in the model's units (pF, nS, mV, ms, pA), and each mistake is reported at file:line:col — the
/// scalar for a bad value, the key for an unknown key — with a message that says what is wrong.
/// </summary>
public sealed class AdExReaderTests
{
    // Line numbers below are 1-based lines of this text (raw string: the closing quotes' indentation is removed).
    private const string Scenario = """
        name: adex-reader
        dt: 0.1 ms
        populations:
          src:
            size: 5
            neuron: { model: poisson, rate: 10 Hz }
          cell:
            size: 2
            neuron:
              model: adex
              bias: 0 pA
        projections:
          drive: { from: src, to: cell, weight: 6 nS }
        protocol:
          - { phase: run, duration: 10 ms, set: { cell.bias: 500 pA } }
        record:
          state: { population: cell, variable: w, neurons: [0, 1] }
        """;

    private const string File = "adex.yaml";

    private static SimulationSpec Compile(string text)
    {
        var result = ScenarioLoader.LoadText(text, File, null);
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        return result.Spec!;
    }

    private static Diagnostic SingleError(string text)
    {
        var result = ScenarioLoader.LoadText(text, File, null);
        Assert.False(result.IsValid);
        Assert.True(result.Errors.Count == 1, string.Join("\n", result.Errors));
        return result.Errors[0];
    }

    /// <summary>Replaces the neuron's <c>bias: 0 pA</c> line (line 11) by <paramref name="keys"/>, one per line at the same indentation.</summary>
    private static string WithNeuronKeys(params string[] keys) =>
        Scenario.Replace("      bias: 0 pA\n", string.Concat(keys.Select(k => "      " + k + "\n")), StringComparison.Ordinal);

    /// <summary>The 1-based column just after "<paramref name="key"/>: " on <paramref name="line"/> (where the value starts).</summary>
    private static int ValueColumn(string text, int line, string key)
    {
        string l = text.Split('\n')[line - 1];
        int at = l.IndexOf(key + ": ", StringComparison.Ordinal);
        Assert.True(at >= 0, $"'{key}: ' not on line {line}: {l}");
        return at + key.Length + 2 + 1;
    }

    [Fact]
    public void MinimalNeuron_HasBretteGerstner2005Defaults()
    {
        var spec = Compile(Scenario);
        var adex = Assert.IsType<AdExNeuronSpec>(spec.Populations[1].Neuron);

        // Brette & Gerstner (2005), regular spiking: C 281 pF, g_L 30 nS, E_L −70.6 mV, V_T −50.4 mV, Δ_T 2 mV,
        // a 4 nS, τ_w 144 ms, b 80.5 pA, V_r = E_L; synapses τ_e 5 ms, τ_i 10 ms, E_e 0 mV, E_i −80 mV.
        Assert.Equal((281.0, 30.0, -70.6, -50.4, 2.0), (adex.C, adex.GLeak, adex.ELeak, adex.VT, adex.DeltaT));
        Assert.Equal((4.0, 144.0, 80.5, -70.6, 0.0), (adex.A, adex.TauWMs, adex.B, adex.VReset, adex.Bias));
        Assert.Equal((5.0, 10.0, 0.0, -80.0), (adex.TauEMs, adex.TauIMs, adex.EExc, adex.EInh));
        Assert.Null(adex.VCut);
        Assert.Equal(-50.4 + (5 * 2), adex.SpikeCutoff, 12); // V_T + 5Δ_T
        Assert.Equal(0, adex.TRefMs);
        Assert.Equal(new ConstantDistribution(-70.6), adex.VInit); // v starts at E_L
        Assert.Equal(new ConstantDistribution(0), adex.WInit);
        Assert.Equal(new ConstantDistribution(0), adex.GeInit);
        Assert.Equal(new ConstantDistribution(0), adex.GiInit);
        Assert.Equal("nS", adex.SynapticUnit());

        Assert.Equal(6, spec.Projections[0].Weight.Init.Mean, 12);
        Assert.Contains(new ParameterSet("cell", "bias", 500), spec.Protocol[0].Sets);
        Assert.Equal(new StateRecordSpec("cell", "w", 0, 1, 1), spec.Record.State);
    }

    [Fact]
    public void Quantities_AreConvertedToPicofaradNanosiemensMillivoltMillisecondPicoampere()
    {
        var spec = Compile(WithNeuronKeys(
            "c: 0.2 nF", "g_leak: 0.012 uS", "e_leak: -0.07 V", "v_t: -50 mV", "delta_t: 2000 uV", "a: -0.01 uS",
            "tau_w: 0.3 s", "b: 0.06 nA", "v_reset: -58 mV", "v_cut: -0.03 V", "t_ref: 0.5 ms", "bias: 0.5 nA",
            "tau_e: 0.004 s", "tau_i: 12 ms", "e_exc: 0.005 V", "e_inh: -75 mV",
            "v_init: { uniform: [-70 mV, -60 mV] }", "w_init: 0.01 nA", "ge_init: 1000 pS", "gi_init: { normal: [2 nS, 0.5 nS] }"));
        var adex = Assert.IsType<AdExNeuronSpec>(spec.Populations[1].Neuron);

        Assert.Equal(200, adex.C, 9);          // 0.2 nF
        Assert.Equal(12, adex.GLeak, 9);       // 0.012 µS
        Assert.Equal(-70, adex.ELeak, 9);      // −0.07 V
        Assert.Equal(-50, adex.VT, 9);
        Assert.Equal(2, adex.DeltaT, 9);       // 2000 µV
        Assert.Equal(-10, adex.A, 9);          // −0.01 µS: a may be negative (Naud et al. 2008, delayed classes)
        Assert.Equal(300, adex.TauWMs, 9);     // 0.3 s
        Assert.Equal(60, adex.B, 9);           // 0.06 nA
        Assert.Equal(-58, adex.VReset, 9);
        Assert.Equal(-30, adex.VCut!.Value, 9);
        Assert.Equal(-30, adex.SpikeCutoff, 9);
        Assert.Equal(0.5, adex.TRefMs, 9);     // 5 steps of 0.1 ms
        Assert.Equal(500, adex.Bias, 9);       // 0.5 nA
        Assert.Equal(4, adex.TauEMs, 9);
        Assert.Equal(12, adex.TauIMs, 9);
        Assert.Equal(5, adex.EExc, 9);
        Assert.Equal(-75, adex.EInh, 9);
        var vInit = Assert.IsType<UniformDistribution>(adex.VInit);
        Assert.Equal((-70.0, -60.0), (vInit.Low, vInit.High));
        Assert.Equal(10, Assert.IsType<ConstantDistribution>(adex.WInit).Value, 9);
        Assert.Equal(1, Assert.IsType<ConstantDistribution>(adex.GeInit).Value, 9);
        var giInit = Assert.IsType<NormalDistribution>(adex.GiInit);
        Assert.Equal((2.0, 0.5), (giInit.Mu, giInit.Sigma));
    }

    [Fact]
    public void ResetPotential_DefaultsToTheLeakReversal()
    {
        var adex = Assert.IsType<AdExNeuronSpec>(Compile(WithNeuronKeys("e_leak: -65 mV")).Populations[1].Neuron);
        Assert.Equal(-65, adex.VReset, 12);
        Assert.Equal(new ConstantDistribution(-65), adex.VInit);
    }

    /// <summary>v_reset at or above the cut-off (explicit v_cut, or the default V_T + 5Δ_T) is an error at v_reset's value.</summary>
    [Theory]
    [InlineData("v_reset: -40 mV", "v_cut: -40 mV", "(-40 mV)")]   // equal is refused too
    [InlineData("v_reset: -30 mV", "v_cut: -40 mV", "(-40 mV)")]
    [InlineData("v_reset: -40 mV", "v_t: -50 mV", "(-40 mV)")]     // the default cut-off V_T + 5Δ_T = −50 + 5·2 mV
    public void ResetAtOrAboveTheCutoff_IsAnErrorAtVReset(string reset, string other, string cutoff)
    {
        string text = WithNeuronKeys(other, reset);
        var error = SingleError(text);

        Assert.Equal((File, 12, ValueColumn(text, 12, "v_reset"), "populations.cell.neuron.v_reset"), (error.File, error.Line, error.Column, error.Path));
        Assert.Contains("v_reset", error.Message, StringComparison.Ordinal);
        Assert.Contains("below the spike cut-off " + cutoff, error.Message, StringComparison.Ordinal);
    }

    /// <summary>C, g_L and Δ_T must be strictly positive (Δ_T divides the exponent; C and g_L set τ_m = C/g_L).</summary>
    [Theory]
    [InlineData("c", "0 pF")]
    [InlineData("c", "-200 pF")]
    [InlineData("g_leak", "0 nS")]
    [InlineData("g_leak", "-10 nS")]
    [InlineData("delta_t", "0 mV")]
    [InlineData("delta_t", "-2 mV")]
    public void NonPositiveCapacitanceLeakOrSlope_IsAnErrorAtTheValue(string key, string value)
    {
        string text = WithNeuronKeys($"{key}: {value}");
        var error = SingleError(text);

        Assert.Equal((File, 11, ValueColumn(text, 11, key), "populations.cell.neuron." + key), (error.File, error.Line, error.Column, error.Path));
        Assert.Contains("out of range", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A capacitance given as a voltage is a dimension error, not silently a number of pF.</summary>
    [Fact]
    public void CapacitanceInTheWrongDimension_IsAnErrorAtTheValue()
    {
        string text = WithNeuronKeys("c: 200 mV");
        var error = SingleError(text);

        Assert.Equal((11, ValueColumn(text, 11, "c"), "populations.cell.neuron.c"), (error.Line, error.Column, error.Path));
        Assert.Contains("capacitance", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>AdEx synapses are conductances: a weight in mV (a CUBA jump) onto it is an error at the weight.</summary>
    [Fact]
    public void WeightInMillivolts_OntoAdEx_IsAnErrorAskingForNanosiemens()
    {
        string text = Scenario.Replace("weight: 6 nS", "weight: 0.5 mV", StringComparison.Ordinal);
        var error = SingleError(text);

        Assert.Equal((File, 13, ValueColumn(text, 13, "weight"), "projections.drive.weight"), (error.File, error.Line, error.Column, error.Path));
        Assert.Contains("conductance", error.Message, StringComparison.Ordinal);
        Assert.Contains("nS", error.Message + error.Hint, StringComparison.Ordinal);
    }

    /// <summary>u is Izhikevich's recovery variable: on adex it is refused at the variable, and the message names adex's own.</summary>
    [Fact]
    public void RecordStateU_OnAdEx_IsRefusedListingVGeGiW()
    {
        string text = Scenario.Replace("variable: w", "variable: u", StringComparison.Ordinal);
        var error = SingleError(text);

        Assert.Equal((File, 17, ValueColumn(text, 17, "variable"), "record.state.variable"), (error.File, error.Line, error.Column, error.Path));
        Assert.Equal("population 'cell' is not an izhikevich population and has no recovery variable u", error.Message);
        Assert.StartsWith("record v, ge, gi or w", error.Hint, StringComparison.Ordinal); // adex's own four, w included
    }

    [Theory]
    [InlineData("v")]
    [InlineData("ge")]
    [InlineData("gi")]
    [InlineData("w")]
    public void RecordState_AcceptsEachAdExVariable(string variable)
    {
        var spec = Compile(Scenario.Replace("variable: w", "variable: " + variable, StringComparison.Ordinal));
        Assert.Equal(variable, spec.Record.State!.Variable);
    }

    /// <summary>bias is a current: a phase that sets it in mV (the LIF's bias unit) is an error at the value.</summary>
    [Fact]
    public void SetBiasInMillivolts_IsAnErrorAtTheValue()
    {
        string text = Scenario.Replace("cell.bias: 500 pA", "cell.bias: 5 mV", StringComparison.Ordinal);
        var error = SingleError(text);

        Assert.Equal((File, 15, ValueColumn(text, 15, "cell.bias"), "protocol[0].set.cell.bias"), (error.File, error.Line, error.Column, error.Path));
        Assert.Contains("current", error.Message + error.Hint, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A misspelt key is reported at the key, with the nearest adex key as a suggestion.</summary>
    [Theory]
    [InlineData("tau_W: 100 ms", "tau_W", "tau_w")]
    [InlineData("delta_T: 2 mV", "delta_T", "delta_t")]
    [InlineData("v_rest: -70 mV", "v_rest", "v_reset")]
    public void UnknownKey_IsAnErrorAtTheKeyWithADidYouMean(string line, string key, string near)
    {
        string text = WithNeuronKeys(line);
        var error = SingleError(text);

        Assert.Equal((File, 11, 7, "populations.cell.neuron." + key), (error.File, error.Line, error.Column, error.Path));
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
        Assert.Contains($"did you mean '{near}'?", error.Hint, StringComparison.Ordinal);
    }
}
