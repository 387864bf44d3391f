namespace Neurotag.Core.Specs;

/// <summary>How a LIF neuron's synapses act on the membrane.</summary>
public enum SynapseKind
{
    /// <summary>Conductance-based (COBA): g_e, g_i in nS drive v toward the reversal potentials.</summary>
    Conductance,

    /// <summary>Current-based (CUBA): synaptic input in mV (a voltage-equivalent current) added to the drive.</summary>
    Current,
}

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
/// <param name="TauEMs">Excitatory synaptic time constant in ms.</param>
/// <param name="TauIMs">Inhibitory synaptic time constant in ms.</param>
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
    public override string Summary(IFormatProvider? provider) => string.Create(provider, $"izhikevich  a {A}, b {B}, c {C} mV, d {D}, bias {Bias}");

    /// <summary>The model's mV/ms (the units of dv/dt's terms).</summary>
    public override string SynapticUnit() => "mV/ms";

    /// <summary>The spike cut-off v_peak.</summary>
    public override double? SpikeThresholdMv() => VPeak;
}

/// <summary>
/// A Poisson spike source: in each step each neuron spikes with probability <c>rate · dt</c> (Brian2's
/// PoissonGroup), drawn as geometric inter-spike intervals. A phase can change the rate with
/// <c>set: { POP.rate: 0 Hz }</c>; the new rate holds from that phase on.
/// </summary>
/// <param name="RateHz">Firing rate in Hz (≥ 0).</param>
public sealed record PoissonNeuronSpec(double RateHz) : NeuronSpec
{
    /// <summary>
    /// Pairwise correlation of the population's trains in [0, 1] (0: independent): spikes copied from one shared parent
    /// train by the mixture method (Kuhn, Aertsen &amp; Rotter 2003; Brette 2009).
    /// </summary>
    public double Correlation { get; init; }

    /// <summary>The rate (a source has no state to record).</summary>
    public static IReadOnlyList<ParameterInfo> Settable { get; } = [new("rate", QuantityKind.Frequency, 0)];

    /// <inheritdoc/>
    public override IReadOnlyList<ParameterInfo> SettableParameters() => Settable;

    /// <inheritdoc/>
    public override string ModelName() => "poisson";

    /// <inheritdoc/>
    public override string Summary(IFormatProvider? provider) => string.Create(provider, $"poisson  {RateHz} Hz");

    /// <summary>Nothing projects onto a source; mV/ms as for the other current-unit models (tag strength rows name it).</summary>
    public override string SynapticUnit() => "mV/ms";

    /// <inheritdoc/>
    public override double? SourceRateHz() => RateHz;
}

/// <summary>
/// Poisson spikes onto a spiking population: every driven neuron receives its own Poisson train at
/// <see cref="RateHz"/> through one synapse of weight <see cref="Weight"/> (nS for COBA targets, mV for CUBA targets,
/// model units for Izhikevich), while a phase switches the input on.
/// </summary>
/// <param name="Name">Identifier.</param>
/// <param name="Target">A tag or population name.</param>
/// <param name="TargetIsTag">Whether <paramref name="Target"/> names a tag.</param>
/// <param name="RateHz">Rate of each train in Hz.</param>
/// <param name="Weight">Synaptic weight (≥ 0).</param>
/// <param name="Fraction">Fraction of the target's neurons driven, in (0, 1].</param>
/// <param name="Inhibitory">Whether the spikes arrive on the inhibitory synapse.</param>
public sealed record PoissonInputSpec(string Name, string Target, bool TargetIsTag, double RateHz, double Weight, double Fraction, bool Inhibitory)
{
    /// <summary>Pairwise correlation of the trains (shared-parent copying), 0 for independent trains.</summary>
    public double Correlation { get; init; }
}

/// <summary>What the spike raster records.</summary>
/// <param name="Population">Population name.</param>
/// <param name="Neurons">The first N neurons are recorded.</param>
public sealed record SpikeRecordSpec(string Population, int Neurons);

/// <summary>State samples of a range of neurons.</summary>
/// <param name="Population">Population name.</param>
/// <param name="Variable">The variable's name, one of the model's <see cref="NeuronSpec.RecordableState"/>.</param>
/// <param name="First">First neuron (inclusive).</param>
/// <param name="Last">Last neuron (inclusive).</param>
/// <param name="EverySteps">Sampling interval in steps.</param>
public sealed record StateRecordSpec(string Population, string Variable, int First, int Last, long EverySteps);
