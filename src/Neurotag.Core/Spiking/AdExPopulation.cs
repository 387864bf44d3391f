using Neurotag.Core.Randomness;
using Neurotag.Core.Specs;

namespace Neurotag.Core.Spiking;

/// <summary>
/// Adaptive exponential integrate-and-fire neurons with COBA synapses (<see cref="AdExNeuronSpec"/>; Brette &amp;
/// Gerstner 2005), integrated by forward Euler exactly as Brian2's <c>method='euler'</c>: every derivative is taken on
/// the state at the step's start, then v, w, g_e, g_i are assigned together (so w's update uses the old v, and
/// g ← g(1 − dt/τ), not the exact exponential). A neuron spikes when the new v &gt; v_cut (strict), then v ← V_r and
/// w ← w + b; v may have overshot v_cut and is not clipped.
/// <para>
/// Step cycle. Neurotag step k integrates t_{k−1} → t_k with the synaptic state at the step's start, thresholds and
/// resets, and stamps its spikes t_k; the projections then deliver <c>g += w</c> (<see cref="SpikingSimulator"/>).
/// Brian2's step n (schedule: groups, thresholds, synapses, resets) integrates t_n → t_{n+1}, thresholds, delivers
/// this step's input spikes, resets, and stamps its spikes t_n. With k = n + 1 the two are the same computation: the
/// reset (v, w) and the delivery (g) touch different variables, so their order does not matter, and in both an input
/// spike of a step first moves v in the next step's update. Only the stamps differ: every neurotag event time is
/// Brian2's plus dt (neurotag step = Brian2's <c>step</c> column + 1) — the end rather than the start of the step.
/// </para>
/// <para>
/// Precision. v and w are double. Measured against the Brian2 2.5.1 float64 fixtures (tests/…/Fixtures/adex) over
/// the eight Naud et al. (2008) sets at dt 0.1 and 0.01 ms, double state reproduces every spike step (deviation 0),
/// while float32 state misses the 1-step tolerance: delayed regular bursting by 3 steps (both dt), initial burst by 2
/// (0.01 ms), and the chaotic irregular set from its 9th spike. The exponential amplifies v's rounding near V_T
/// by e^{(v−V_T)/Δ_T}/Δ_T per mV, so float32's 1e-7 relative error (≈ 5e-6 mV) shifts bursts. The conductances stay
/// float32 (the base class's <see cref="SpikingPopulation.Ge"/>, into which projections add): that changes no spike of
/// the COBA fixture. Memory per neuron: v 8 + w 8 + float copy of v 4 (<see cref="V"/>, for the recorder) +
/// refractory counter 4 + g_e, g_i 8 + spike list and count 8 = 40 bytes (LIF: 24).
/// </para>
/// <para>
/// Refractoriness follows Brian2's <c>(unless refractory)</c> on v: after a spike in step k, v stays at V_r for the
/// updates of steps k+1 … k+R−1 (R = round(t_ref/dt)) and moves again in step k+R, i.e. t_ref after Brian2's stamp;
/// w and the conductances keep evolving. (This is one step shorter than the LIF hold, which runs t_ref from
/// neurotag's own end-of-step stamp.)
/// </para>
/// </summary>
public sealed class AdExPopulation : SpikingPopulation
{
    private readonly double[] _v;
    private readonly double[] _w;
    private readonly float[] _vOut;
    private readonly int[] _refractory;
    private Constants _constants;
    private float[]? _wOut;

    /// <summary>Creates the neurons with initial state drawn from <paramref name="rng"/> (v, then w, then g_e, then g_i).</summary>
    public AdExPopulation(PopulationSpec spec, int index, double dtMs, RandomSource rng)
        : base(spec, index)
    {
        ArgumentNullException.ThrowIfNull(rng);
        Neuron = (AdExNeuronSpec)spec.Neuron;
        _v = new double[spec.Size];
        _w = new double[spec.Size];
        _vOut = new float[spec.Size];
        _refractory = new int[spec.Size];
        for (int i = 0; i < _v.Length; i++)
        {
            _v[i] = rng.Sample(Neuron.VInit);
        }

        for (int i = 0; i < _w.Length; i++)
        {
            _w[i] = rng.Sample(Neuron.WInit);
        }

        Fill(Ge, Neuron.GeInit, rng);
        Fill(Gi, Neuron.GiInit, rng);
        for (int i = 0; i < _v.Length; i++)
        {
            // Conductances cannot be negative: initial draws (e.g. a wide normal) are clipped at 0.
            Ge[i] = Math.Max(Ge[i], 0f);
            Gi[i] = Math.Max(Gi[i], 0f);
            _vOut[i] = (float)_v[i];
        }

        _constants = StepConstants(Neuron, dtMs);
    }

    /// <summary>The neuron parameters.</summary>
    public AdExNeuronSpec Neuron { get; }

    /// <summary>Membrane potential in mV, rounded to float32 from the double state after each step (for the recorder).</summary>
    public override float[] V => _vOut;

    /// <summary>Membrane potential in mV, the double state the model integrates.</summary>
    public double[] Membrane => _v;

    /// <summary>Adaptation current w in pA.</summary>
    public double[] W => _w;

    /// <summary>Remaining steps per neuron in which v is held at V_r.</summary>
    public int[] Refractory => _refractory;

    /// <summary>v, ge, gi, and w (pA, rounded to float32 into a buffer when a sample asks for it).</summary>
    public override float[]? State(string name)
    {
        if (name != "w")
        {
            return base.State(name);
        }

        _wOut ??= new float[_w.Length];
        for (int i = 0; i < _w.Length; i++)
        {
            _wOut[i] = (float)_w[i];
        }

        return _wOut;
    }

    /// <summary>Sets the injected current I (<c>bias</c>, pA) from the next step on.</summary>
    public override void SetParameter(string parameter, double value, long currentStep)
    {
        if (parameter != "bias")
        {
            throw new ArgumentOutOfRangeException(nameof(parameter), parameter, "an AdEx population only has a settable bias");
        }

        _constants = _constants with { Bias = value };
    }

    /// <summary>
    /// Brings the neurons to the stable rest state under their bias current (v from
    /// <see cref="AdExNeuronSpec.RestingPotential"/>, w = a(v − E_L)); above the rheobase, where there is none, to
    /// v = E_L, w = 0. No conductance, no refractoriness.
    /// </summary>
    public override void Quiesce(long currentStep)
    {
        base.Quiesce(currentStep);
        double rest = Neuron.RestingPotential(_constants.Bias);
        double w = Neuron.A * (rest - Neuron.ELeak);
        if (double.IsNaN(rest))
        {
            rest = Neuron.ELeak;
            w = 0;
        }

        Array.Fill(_v, rest);
        Array.Fill(_w, w);
        Array.Fill(_vOut, (float)rest);
        Array.Clear(_refractory);
    }

    /// <inheritdoc />
    public override int FirstNonFinite()
    {
        for (int i = 0; i < _v.Length; i++)
        {
            if (!double.IsFinite(_v[i]) || !double.IsFinite(_w[i]))
            {
                return i;
            }
        }

        return FirstNonFinite(Ge, Gi);
    }

    /// <inheritdoc />
    protected override int Integrate(long stepIndex, Span<int> spikes) =>
        Step(_v, _w, _vOut, Ge, Gi, _refractory, InputCurrent, in _constants, spikes);

    /// <summary>The constants of one step of <paramref name="neuron"/> at <paramref name="dtMs"/>, hoisted out of the loop.</summary>
    private static Constants StepConstants(AdExNeuronSpec neuron, double dtMs) => new(
        GLeak: neuron.GLeak,
        GLeakDeltaT: neuron.GLeak * neuron.DeltaT,
        ELeak: neuron.ELeak,
        VT: neuron.VT,
        InvDeltaT: 1 / neuron.DeltaT,
        Bias: neuron.Bias,
        DtOverC: dtMs / neuron.C,
        A: neuron.A,
        DtOverTauW: dtMs / neuron.TauWMs,
        B: neuron.B,
        EExc: neuron.EExc,
        EInh: neuron.EInh,
        DecayE: (float)(1 - (dtMs / neuron.TauEMs)),
        DecayI: (float)(1 - (dtMs / neuron.TauIMs)),
        VCut: neuron.SpikeCutoff,
        VReset: neuron.VReset,
        RefractoryHold: Math.Max((int)Math.Round(neuron.TRefMs / dtMs) - 1, 0));

    /// <summary>
    /// One forward-Euler step for every neuron (the class doc's semantics); writes the spiking neurons' indices to
    /// <paramref name="spikes"/> in increasing order and returns their number. Scalar and allocation-free.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private static int Step(Span<double> v, Span<double> w, Span<float> vOut, Span<float> ge, Span<float> gi, Span<int> refractory, float[]? current, in Constants constants, Span<int> spikes)
    {
        int n = v.Length;
        if (w.Length != n || vOut.Length != n || ge.Length != n || gi.Length != n || refractory.Length != n || spikes.Length < n)
        {
            throw new ArgumentException("state arrays must have equal lengths");
        }

        // A local copy: the constants cannot alias the state, so the JIT keeps them in registers.
        var c = constants;
        int count = 0;
        for (int i = 0; i < n; i++)
        {
            double vi = v[i];
            double wi = w[i];
            double wNew = wi + (c.DtOverTauW * ((c.A * (vi - c.ELeak)) - wi));
            double vNew = vi;
            if (refractory[i] > 0)
            {
                refractory[i]--;
            }
            else
            {
                double e = ge[i];
                double g = gi[i];
                // A current noise input adds its pA to the bias for this step; without one the bias is unchanged.
                double bias = current is null ? c.Bias : c.Bias + current[i];
                double dv = (((((c.GLeakDeltaT * Math.Exp((vi - c.VT) * c.InvDeltaT)) + bias) + (c.GLeak * (c.ELeak - vi))) - wi)
                    + (e * (c.EExc - vi))) + (g * (c.EInh - vi));
                vNew = vi + (c.DtOverC * dv);
                if (vNew > c.VCut)
                {
                    vNew = c.VReset;
                    wNew += c.B;
                    refractory[i] = c.RefractoryHold;
                    spikes[count++] = i;
                }
            }

            v[i] = vNew;
            w[i] = wNew;
            vOut[i] = (float)vNew;
            ge[i] = SpikingKernels.Snap(ge[i] * c.DecayE);
            gi[i] = SpikingKernels.Snap(gi[i] * c.DecayI);
        }

        return count;
    }

    /// <summary>Per-step constants, computed once in double (g decays in float32, as the base class stores g).</summary>
    private readonly record struct Constants(
        double GLeak,
        double GLeakDeltaT,
        double ELeak,
        double VT,
        double InvDeltaT,
        double Bias,
        double DtOverC,
        double A,
        double DtOverTauW,
        double B,
        double EExc,
        double EInh,
        float DecayE,
        float DecayI,
        double VCut,
        double VReset,
        int RefractoryHold);
}
