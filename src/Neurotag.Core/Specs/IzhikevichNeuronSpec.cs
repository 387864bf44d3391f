namespace Neurotag.Core.Specs;

/// <summary>
/// Izhikevich (2003) neuron: <c>dv/dt = 0.04v² + 5v + 140 − u + bias + I_e − I_i</c>, <c>du/dt = a(bv − u)</c>,
/// and when v ≥ <see cref="VPeak"/>: v ← c, u ← u + d. v in mV, t in ms; synaptic currents I_e, I_i are in the
/// model's units (mV/ms) and decay with τ_e, τ_i.
/// </summary>
/// <param name="A">Recovery time scale a (1/ms).</param>
/// <param name="B">Sensitivity b of u to v.</param>
/// <param name="C">Reset value c of v (mV).</param>
/// <param name="D">Increment d of u at a spike.</param>
/// <param name="VPeak">Spike cut-off (mV), 30 in the paper.</param>
/// <param name="Bias">Constant input I (model units).</param>
/// <param name="TauEMs">Excitatory synaptic time constant in ms; 0: the input of an arriving spike acts during one step only
/// (the decay factor e^(−dt/τ) is 0), as <c>I += s</c> in Izhikevich's published code.</param>
/// <param name="TauIMs">Inhibitory synaptic time constant in ms; 0 as for <paramref name="TauEMs"/>.</param>
/// <param name="VInit">Initial v (mV).</param>
/// <param name="UInit">Initial u, or null for b·v.</param>
public sealed record IzhikevichNeuronSpec(
    double A,
    double B,
    double C,
    double D,
    double VPeak,
    double Bias,
    double TauEMs,
    double TauIMs,
    Distribution VInit,
    Distribution? UInit) : NeuronSpec
{
    /// <summary>The integration scheme (<c>method:</c>); Euler unless the scenario asks for Izhikevich's own.</summary>
    public IzhikevichMethod Method { get; init; } = IzhikevichMethod.Euler;

    /// <summary>v, the synaptic currents, and the recovery variable u (the model's mV/ms, the units of dv/dt's terms).</summary>
    public static IReadOnlyList<StateVariableInfo> State { get; } =
    [
        new("v", "mV", "membrane potential"),
        new("ge", "mV/ms", "excitatory synaptic current"),
        new("gi", "mV/ms", "inhibitory synaptic current"),
        new("u", "mV/ms", "recovery variable"),
    ];

    /// <inheritdoc/>
    public override IReadOnlyList<StateVariableInfo> RecordableState() => State;

    /// <inheritdoc/>
    public override string ModelName() => "izhikevich";

    /// <inheritdoc/>
    public override string Summary(IFormatProvider? provider) =>
        string.Create(provider, $"izhikevich  a {A}, b {B}, c {C} mV, d {D}, bias {Bias}")
        + (Method == IzhikevichMethod.Izhikevich ? ", method izhikevich" : "");

    /// <summary>The model's mV/ms (the units of dv/dt's terms).</summary>
    public override string SynapticUnit() => "mV/ms";

    /// <summary>The spike cut-off v_peak.</summary>
    public override double? SpikeThresholdMv() => VPeak;
}
