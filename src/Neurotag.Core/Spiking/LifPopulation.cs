using Neurotag.Core.Randomness;
using Neurotag.Core.Specs;

namespace Neurotag.Core.Spiking;

/// <summary>Leaky integrate-and-fire neurons (<see cref="LifNeuronSpec"/>), updated by <see cref="SpikingKernels.LifStep"/>.</summary>
public sealed class LifPopulation : SpikingPopulation
{
    private readonly float[] _v;
    private readonly float[] _refractory;
    private readonly float[]? _thetaState;
    private LifConstants _constants;

    /// <summary>Creates the neurons with initial state drawn from <paramref name="rng"/> (v, then g_e, then g_i).</summary>
    public LifPopulation(PopulationSpec spec, int index, double dtMs, RandomSource rng)
        : base(spec, index)
    {
        Neuron = (LifNeuronSpec)spec.Neuron;
        _v = new float[spec.Size];
        _refractory = new float[spec.Size];
        Fill(_v, Neuron.VInit, rng);
        Fill(Ge, Neuron.GeInit, rng);
        Fill(Gi, Neuron.GiInit, rng);
        Clamp(Ge);
        Clamp(Gi);
        _constants = Constants(Neuron, dtMs);
        if (Neuron.Homeostasis is not null)
        {
            Theta = new double[spec.Size];
            _thetaState = new float[spec.Size];
        }
    }

    /// <summary>Per-neuron homeostatic threshold shift θ in mV (threshold v_thresh + θ_i), or null without homeostasis.</summary>
    public double[]? Theta { get; }

    /// <summary>The neuron parameters.</summary>
    public LifNeuronSpec Neuron { get; }

    /// <inheritdoc />
    public override float[] V => _v;

    /// <summary>Remaining refractory steps per neuron.</summary>
    public float[] Refractory => _refractory;

    /// <summary>The step constants (for tests).</summary>
    public LifConstants StepConstants => _constants;

    /// <summary>The constants of one step of <paramref name="neuron"/> at <paramref name="dtMs"/>, computed in double then rounded.</summary>
    public static LifConstants Constants(LifNeuronSpec neuron, double dtMs)
    {
        ArgumentNullException.ThrowIfNull(neuron);
        double tm = neuron.TauMs;
        double decayM = Math.Exp(-dtMs / tm);
        return new LifConstants(
            Conductance: neuron.Synapse == SynapseKind.Conductance,
            RestPlusBias: (float)(neuron.VRest + neuron.Bias),
            InvGLeak: (float)(1.0 / neuron.GLeak),
            EExc: (float)neuron.EExc,
            EInh: (float)neuron.EInh,
            NegDtOverTau: (float)(-dtMs / tm),
            DecayM: (float)decayM,
            KickE: (float)Kick(neuron.TauEMs, tm, dtMs),
            KickI: (float)Kick(neuron.TauIMs, tm, dtMs),
            DecayE: (float)Math.Exp(-dtMs / neuron.TauEMs),
            DecayI: (float)Math.Exp(-dtMs / neuron.TauIMs),
            VThresh: (float)neuron.VThresh,
            VReset: (float)neuron.VReset,
            RefractorySteps: (float)Math.Round(neuron.TRefMs / dtMs));
    }

    /// <summary>
    /// CUBA: the contribution of a synaptic current I(t) = I₀e^{−t/τ_s} to v after one step of
    /// τ_m dv/dt = −v + I, per unit I₀ (the exact propagator, Rotter &amp; Diesmann 1999).
    /// </summary>
    public static double Kick(double tauSyn, double tauM, double dtMs) =>
        Math.Abs(tauSyn - tauM) < 1e-12 * tauM
            ? dtMs / tauM * Math.Exp(-dtMs / tauM)
            : tauSyn / (tauSyn - tauM) * (Math.Exp(-dtMs / tauSyn) - Math.Exp(-dtMs / tauM));

    /// <inheritdoc />
    public override void SetParameter(string parameter, double value, long currentStep)
    {
        if (parameter != LifNeuronSpec.Settable[0].Name)
        {
            throw new ArgumentOutOfRangeException(nameof(parameter), parameter, "a LIF population only has a settable v_thresh");
        }

        _constants = _constants with { VThresh = (float)value };
    }

    /// <inheritdoc />
    public override void Quiesce(long currentStep)
    {
        base.Quiesce(currentStep);
        Array.Fill(_v, (float)(Neuron.VRest + Neuron.Bias));
        Array.Clear(_refractory);
    }

    /// <inheritdoc />
    public override int FirstNonFinite() => FirstNonFinite(_v, Ge, Gi);

    /// <inheritdoc />
    protected override int Integrate(long stepIndex, Span<int> spikes) =>
        Theta is not null ? StepPerNeuron(InputCurrent, spikes)
        : InputCurrent is { } current ? StepPerNeuron(current, spikes)
        : SpikingKernels.LifStep(_v, Ge, Gi, _refractory, in _constants, spikes);

    /// <inheritdoc />
    public override float[]? State(string name)
    {
        if (name != "theta")
        {
            return base.State(name);
        }

        if (Theta is null)
        {
            return null;
        }

        for (int i = 0; i < Theta.Length; i++)
        {
            _thetaState![i] = (float)Theta[i];
        }

        return _thetaState;
    }

    /// <summary>
    /// COBA: a current I shifts the resting drive by I/g_leak (v_inf = (g_L·E_L + I + …)/(g_L + …)), so noise in pA is
    /// scaled to mV; CUBA noise is already in the bias's mV.
    /// </summary>
    public override double InputCurrentScale => Neuron.Synapse == SynapseKind.Conductance ? 1.0 / Neuron.GLeak : 1.0;

    /// <summary>
    /// A step with a per-neuron extra drive (current noise) and/or a per-neuron threshold (homeostasis): the scalar
    /// kernel with v_rest + bias + I_k and v_thresh + θ_k for this step, i.e. the same exact-integration step as
    /// <see cref="SpikingKernels.LifStep"/> with the bias and threshold moved per neuron. Only populations with a
    /// noise input or homeostasis take this path.
    /// </summary>
    private int StepPerNeuron(float[]? current, Span<int> spikes)
    {
        var v = _v;
        var ge = Ge;
        var gi = Gi;
        var refractory = _refractory;
        var theta = Theta;
        float rest = _constants.RestPlusBias;
        double threshold = _constants.VThresh;
        int count = 0;
        for (int i = 0; i < v.Length; i++)
        {
            var k = _constants with
            {
                RestPlusBias = current is null ? rest : rest + current[i],
                VThresh = theta is null ? _constants.VThresh : (float)(threshold + theta[i]),
            };
            if (SpikingKernels.LifStepOne(ref v[i], ref ge[i], ref gi[i], ref refractory[i], in k))
            {
                spikes[count++] = i;
            }
        }

        return count;
    }

    /// <summary>Conductances cannot be negative: initial draws (e.g. a wide normal) are clipped at 0.</summary>
    private static void Clamp(float[] values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = Math.Max(values[i], 0f);
        }
    }
}
