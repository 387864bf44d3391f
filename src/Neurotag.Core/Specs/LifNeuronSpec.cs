namespace Neurotag.Core.Specs;

/// <summary>
/// Leaky integrate-and-fire neuron (Lapicque 1907; Brette et al. 2007; Vogels &amp; Abbott 2005). COBA:
/// <c>τ_m dv/dt = (v_rest − v) + (g_e/g_leak)(e_exc − v) + (g_i/g_leak)(e_inh − v) + bias</c>; CUBA:
/// <c>τ_m dv/dt = (v_rest − v) + I_e − I_i + bias</c>; synaptic variables decay as <c>exp(−t/τ_e)</c>,
/// <c>exp(−t/τ_i)</c>. When v reaches <see cref="VThresh"/> the neuron spikes, v is set to <see cref="VReset"/>
/// and held there for <see cref="TRefMs"/>. With <see cref="Homeostasis"/> each neuron's threshold is
/// <see cref="VThresh"/> + θ_i, θ_i following its own spikes (see <c>Spiking.AdaptiveThreshold</c>).
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

    private static readonly IReadOnlyList<StateVariableInfo> ConductanceState =
        [new("v", "mV", "membrane potential"), new("ge", "nS", "excitatory conductance"), new("gi", "nS", "inhibitory conductance")];

    private static readonly StateVariableInfo Theta = new("theta", "mV", "homeostatic threshold shift");

    /// <summary>
    /// Membrane potential, the two synaptic variables (units as COBA; <see cref="RecordableState"/> gives a CUBA
    /// neuron's) and the homeostatic threshold shift θ (only with <see cref="Homeostasis"/>).
    /// </summary>
    public static IReadOnlyList<StateVariableInfo> State { get; } = [.. ConductanceState, Theta];

    /// <summary>
    /// Homeostatic threshold adaptation toward a target rate in Hz (<see cref="HomeostasisSpec"/>, spiking form: each
    /// spike raises the threshold by 1 mV·s/τ_h, and it falls by r_target·1 mV·s/τ_h per second), or null for a fixed
    /// threshold.
    /// </summary>
    public HomeostasisSpec? Homeostasis { get; init; }

    /// <summary>The threshold v_thresh (mV).</summary>
    public static IReadOnlyList<ParameterInfo> Settable { get; } = [new("v_thresh", QuantityKind.Voltage) { IsSpikeThreshold = true }];

    /// <summary>v, and g_e, g_i in nS (COBA) or in mV (CUBA: a voltage-equivalent current).</summary>
    public override IReadOnlyList<StateVariableInfo> RecordableState()
    {
        var state = Synapse == SynapseKind.Conductance ? ConductanceState : CurrentState;
        return Homeostasis is null ? state : [.. state, Theta];
    }

    /// <inheritdoc/>
    public override IReadOnlyList<ParameterInfo> SettableParameters() => Settable;

    /// <inheritdoc/>
    public override string ModelName() => "lif";

    /// <inheritdoc/>
    public override string Summary(IFormatProvider? provider) =>
        string.Create(provider, $"lif ({(Synapse == SynapseKind.Conductance ? "conductance" : "current")})  tau_m {TauMs} ms, v_rest {VRest} mV, v_thresh {VThresh} mV, v_reset {VReset} mV, t_ref {TRefMs} ms, bias {Bias} mV{(Homeostasis is { } h ? $", homeostasis to {h.TargetRate} Hz over {h.TauMs} ms" : "")}");

    /// <summary>nS onto conductance-based synapses, mV onto current-based ones.</summary>
    public override string SynapticUnit() => Synapse == SynapseKind.Conductance ? "nS" : "mV";

    /// <inheritdoc/>
    public override double? SpikeThresholdMv() => VThresh;

    /// <summary>The spiking neuron's 48 bytes, plus θ in double and its float copy for recording with homeostasis.</summary>
    public override long BytesPerNeuron() => Homeostasis is null ? base.BytesPerNeuron() : base.BytesPerNeuron() + 12;
}
