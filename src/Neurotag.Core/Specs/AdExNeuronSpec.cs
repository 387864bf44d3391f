namespace Neurotag.Core.Specs;

/// <summary>
/// Adaptive exponential integrate-and-fire neuron (AdEx; Brette &amp; Gerstner 2005, J Neurophysiol 94:3637) with
/// conductance-based synapses:
/// <code>
/// C dv/dt   = −g_L (v − E_L) + g_L Δ_T exp((v − V_T)/Δ_T) − w + I + g_e (E_e − v) + g_i (E_i − v)
/// τ_w dw/dt = a (v − E_L) − w
/// dg_e/dt = −g_e/τ_e,   dg_i/dt = −g_i/τ_i
/// </code>
/// and when v &gt; <see cref="SpikeCutoff"/>: v ← V_r, w ← w + b (v then held for t_ref). Units: v in mV, t in ms,
/// C in pF, conductances in nS, w and currents in pA (pA/pF = mV/ms, nS·mV = pA). The firing patterns of the
/// parameter sets of Naud, Marcille, Clopath &amp; Gerstner (2008, Biol Cybern 99:335, Table 1) — tonic, adapting,
/// initial burst, regular bursting, delayed accelerating, transient, irregular — all come from these two equations.
/// </summary>
/// <param name="C">Membrane capacitance C in pF.</param>
/// <param name="GLeak">Leak conductance g_L in nS.</param>
/// <param name="ELeak">Leak reversal (resting) potential E_L in mV.</param>
/// <param name="VT">Threshold slope voltage V_T in mV: where the exponential term equals the leak's Δ_T·g_L.</param>
/// <param name="DeltaT">Slope factor Δ_T in mV (sharpness of spike initiation; &gt; 0).</param>
/// <param name="A">Subthreshold adaptation a in nS (negative values give the delayed and irregular classes).</param>
/// <param name="TauWMs">Adaptation time constant τ_w in ms.</param>
/// <param name="B">Spike-triggered adaptation increment b in pA.</param>
/// <param name="VReset">Reset potential V_r in mV.</param>
/// <param name="Bias">Constant injected current I in pA.</param>
/// <param name="TauEMs">Excitatory synaptic time constant τ_e in ms.</param>
/// <param name="TauIMs">Inhibitory synaptic time constant τ_i in ms.</param>
/// <param name="EExc">Excitatory reversal potential E_e in mV.</param>
/// <param name="EInh">Inhibitory reversal potential E_i in mV.</param>
/// <param name="VInit">Initial v (mV).</param>
/// <param name="WInit">Initial w (pA).</param>
/// <param name="GeInit">Initial g_e (nS).</param>
/// <param name="GiInit">Initial g_i (nS).</param>
public sealed record AdExNeuronSpec(
    double C,
    double GLeak,
    double ELeak,
    double VT,
    double DeltaT,
    double A,
    double TauWMs,
    double B,
    double VReset,
    double Bias,
    double TauEMs,
    double TauIMs,
    double EExc,
    double EInh,
    Distribution VInit,
    Distribution WInit,
    Distribution GeInit,
    Distribution GiInit) : NeuronSpec
{
    /// <summary>
    /// The spike cut-off v_cut in mV, or null for the default V_T + 5Δ_T (Brian2's Brette_Gerstner_2005 and
    /// Touboul_Brette_2008 examples). Past V_T the exponential diverges in finite time, so any cut-off a few Δ_T above
    /// V_T gives nearly the same spike times; a high one (NEST's 0 mV) makes forward Euler overshoot by orders of
    /// magnitude at dt = 0.1 ms.
    /// </summary>
    public double? VCut { get; init; }

    /// <summary>Absolute refractory period t_ref in ms (v held at V_r, w and the conductances keep evolving); default 0.</summary>
    public double TRefMs { get; init; }

    /// <summary>v, the adaptation current w and the two conductances.</summary>
    public static IReadOnlyList<StateVariableInfo> State { get; } =
    [
        new("v", "mV", "membrane potential"),
        new("ge", "nS", "excitatory synaptic conductance"),
        new("gi", "nS", "inhibitory synaptic conductance"),
        new("w", "pA", "adaptation current"),
    ];

    /// <summary>The injected current I: a phase can switch a current step on and off (Naud et al. 2008 drive each set with one).</summary>
    public static IReadOnlyList<ParameterInfo> Settable { get; } = [new("bias", QuantityKind.Current)];

    /// <inheritdoc/>
    public override IReadOnlyList<StateVariableInfo> RecordableState() => State;

    /// <inheritdoc/>
    public override IReadOnlyList<ParameterInfo> SettableParameters() => Settable;

    /// <inheritdoc/>
    public override string ModelName() => "adex";

    /// <inheritdoc/>
    public override string Summary(IFormatProvider? provider) => string.Create(provider,
        $"adex  C {C} pF, g_L {GLeak} nS, E_L {ELeak} mV, V_T {VT} mV, Δ_T {DeltaT} mV, a {A} nS, tau_w {TauWMs} ms, b {B} pA, V_r {VReset} mV, bias {Bias} pA");

    /// <summary>Conductances in nS.</summary>
    public override string SynapticUnit() => "nS";

    /// <summary>The spike cut-off.</summary>
    public override double? SpikeThresholdMv() => SpikeCutoff;

    /// <summary>
    /// v and w in double (float32 Euler shifts spike times of the bursting and irregular sets: the exponential term
    /// amplifies rounding near V_T), a float copy of v for the recorder, a refractory counter, g_e, g_i, the spike list
    /// and count: 40 bytes.
    /// </summary>
    public override long BytesPerNeuron() => 40;

    /// <summary>The cut-off in effect: <see cref="VCut"/> or V_T + 5Δ_T.</summary>
    public double SpikeCutoff => VCut ?? (VT + (5 * DeltaT));

    /// <summary>
    /// Whether the rest state loses stability by an Andronov–Hopf bifurcation (a &gt; C/τ_w: the trace of the
    /// Jacobian, g_L(e^{(v−V_T)/Δ_T} − 1)/C − 1/τ_w, reaches 0 below the saddle-node point) rather than by a
    /// saddle-node bifurcation (Touboul &amp; Brette 2008, Biol Cybern 99:319).
    /// </summary>
    public bool LosesRestByHopf => A > C / TauWMs;

    /// <summary>
    /// The closed-form rheobase in pA: the largest constant current I at which a stable rest state exists. Fixed
    /// points satisfy w = a(v − E_L) and I = F(v) = (g_L + a)(v − E_L) − g_L Δ_T e^{(v−V_T)/Δ_T}; F is concave.
    /// Saddle-node (a &lt; C/τ_w): I_rh = F(v*) with e^{(v*−V_T)/Δ_T} = 1 + a/g_L. Hopf (a &gt; C/τ_w): I_rh = F(v_H)
    /// with e^{(v_H−V_T)/Δ_T} = 1 + τ_m/τ_w, τ_m = C/g_L. g_L + a = 0 gives 0 (the limit of F's supremum);
    /// g_L + a &lt; 0 has no stable rest state at any current and gives NaN.
    /// </summary>
    public double RheobasePa => GLeak + A > 0 ? FixedPointCurrent(RheobaseVoltage) : GLeak + A == 0 ? 0 : double.NaN;

    /// <summary>The membrane potential (mV) of the bifurcation point of <see cref="RheobasePa"/>, or NaN when g_L + a ≤ 0.</summary>
    public double RheobaseVoltage =>
        GLeak + A <= 0 ? double.NaN
        : LosesRestByHopf ? VT + (DeltaT * Math.Log(1 + (C / GLeak / TauWMs)))
        : VT + (DeltaT * Math.Log(1 + (A / GLeak)));

    /// <summary>The current (pA) that holds v at a fixed point: F(v) = (g_L + a)(v − E_L) − g_L Δ_T e^{(v−V_T)/Δ_T}.</summary>
    public double FixedPointCurrent(double v) => ((GLeak + A) * (v - ELeak)) - (GLeak * DeltaT * Math.Exp((v - VT) / DeltaT));

    /// <summary>
    /// The stable rest potential (mV) under the constant current <paramref name="current"/> (pA) without synaptic
    /// input — the root of F(v) = I below <see cref="RheobaseVoltage"/>, where F increases — or NaN when there is
    /// none (I above the rheobase, or g_L + a ≤ 0). The adaptation current at rest is a(v − E_L).
    /// </summary>
    public double RestingPotential(double current)
    {
        double top = RheobaseVoltage;
        if (double.IsNaN(top) || current > FixedPointCurrent(top))
        {
            return double.NaN;
        }

        // F(v) < (g_L + a)(v − E_L), so F(low) < I at low = E_L + I/(g_L + a) − 1, while F(top) ≥ I; F increases in
        // between, so bisection finds the one root (to ~1e-13 relative: the rest state in double precision).
        double low = ELeak + (current / (GLeak + A)) - 1;
        double high = top;
        for (int k = 0; k < 200 && high - low > 1e-13 * Math.Max(1, Math.Abs(high)); k++)
        {
            double mid = 0.5 * (low + high);
            if (FixedPointCurrent(mid) < current)
            {
                low = mid;
            }
            else
            {
                high = mid;
            }
        }

        return 0.5 * (low + high);
    }
}
