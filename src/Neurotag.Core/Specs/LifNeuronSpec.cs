namespace Neurotag.Core.Specs;

/// <summary>
/// Leaky integrate-and-fire neuron (Lapicque 1907; Brette et al. 2007; Vogels &amp; Abbott 2005). COBA:
/// <c>τ_m dv/dt = (v_rest − v) + (g_e/g_leak)(e_exc − v) + (g_i/g_leak)(e_inh − v) + bias</c>; CUBA:
/// <c>τ_m dv/dt = (v_rest − v) + I_e − I_i + bias</c>; synaptic variables decay as <c>exp(−t/τ_e)</c>,
/// <c>exp(−t/τ_i)</c>. When v reaches <see cref="VThresh"/> the neuron spikes, v is set to <see cref="VReset"/>
/// and held there for <see cref="TRefMs"/>.
/// </summary>
/// <param name="Synapse">COBA or CUBA.</param>
/// <param name="TauMs">Membrane time constant τ_m in ms.</param>
/// <param name="VRest">Resting potential in mV.</param>
/// <param name="VThresh">Threshold in mV.</param>
/// <param name="VReset">Reset potential in mV.</param>
/// <param name="TRefMs">Absolute refractory period in ms.</param>
/// <param name="TauEMs">Excitatory synaptic time constant in ms.</param>
/// <param name="TauIMs">Inhibitory synaptic time constant in ms.</param>
/// <param name="EExc">Excitatory reversal potential in mV (COBA).</param>
/// <param name="EInh">Inhibitory reversal potential in mV (COBA).</param>
/// <param name="GLeak">Leak conductance in nS (COBA).</param>
/// <param name="Bias">Constant drive in mV: without input v relaxes to v_rest + bias.</param>
/// <param name="VInit">Initial v (mV).</param>
/// <param name="GeInit">Initial g_e (nS, COBA) or I_e (mV, CUBA).</param>
/// <param name="GiInit">Initial g_i (nS, COBA) or I_i (mV, CUBA).</param>
public sealed record LifNeuronSpec(
    SynapseKind Synapse,
    double TauMs,
    double VRest,
    double VThresh,
    double VReset,
    double TRefMs,
    double TauEMs,
    double TauIMs,
    double EExc,
    double EInh,
    double GLeak,
    double Bias,
    Distribution VInit,
    Distribution GeInit,
    Distribution GiInit) : NeuronSpec
{
    private static readonly IReadOnlyList<StateVariableInfo> CurrentState =
        [new("v", "mV", "membrane potential"), new("ge", "mV", "excitatory synaptic current"), new("gi", "mV", "inhibitory synaptic current")];

    /// <summary>Membrane potential and the two synaptic variables (units as COBA; <see cref="RecordableState"/> gives a CUBA neuron's).</summary>
    public static IReadOnlyList<StateVariableInfo> State { get; } =
        [new("v", "mV", "membrane potential"), new("ge", "nS", "excitatory conductance"), new("gi", "nS", "inhibitory conductance")];

    /// <summary>The threshold v_thresh (mV).</summary>
    public static IReadOnlyList<ParameterInfo> Settable { get; } = [new("v_thresh", QuantityKind.Voltage) { IsSpikeThreshold = true }];

    /// <summary>v, and g_e, g_i in nS (COBA) or in mV (CUBA: a voltage-equivalent current).</summary>
    public override IReadOnlyList<StateVariableInfo> RecordableState() => Synapse == SynapseKind.Conductance ? State : CurrentState;

    /// <inheritdoc/>
    public override IReadOnlyList<ParameterInfo> SettableParameters() => Settable;

    /// <inheritdoc/>
    public override string ModelName() => "lif";

    /// <inheritdoc/>
    public override string Summary(IFormatProvider? provider) =>
        string.Create(provider, $"lif ({(Synapse == SynapseKind.Conductance ? "conductance" : "current")})  tau_m {TauMs} ms, v_rest {VRest} mV, v_thresh {VThresh} mV, v_reset {VReset} mV, t_ref {TRefMs} ms, bias {Bias} mV");

    /// <summary>nS onto conductance-based synapses, mV onto current-based ones.</summary>
    public override string SynapticUnit() => Synapse == SynapseKind.Conductance ? "nS" : "mV";

    /// <inheritdoc/>
    public override double? SpikeThresholdMv() => VThresh;
}
