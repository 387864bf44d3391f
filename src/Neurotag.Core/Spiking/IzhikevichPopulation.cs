using Neurotag.Core.Randomness;
using Neurotag.Core.Specs;

namespace Neurotag.Core.Spiking;

/// <summary>
/// Izhikevich (2003) neurons (<see cref="IzhikevichNeuronSpec"/>): forward Euler by default, or the half-step scheme
/// of Izhikevich's published code (<see cref="IzhikevichMethod.Izhikevich"/>).
/// </summary>
public sealed class IzhikevichPopulation : SpikingPopulation
{
    private readonly float[] _v;
    private readonly float[] _u;
    private readonly float _dt;
    private readonly float _decayE;
    private readonly float _decayI;
    private readonly IzhikevichNeuronSpec _neuron;

    /// <summary>Creates the neurons with initial state drawn from <paramref name="rng"/> (v, then u).</summary>
    public IzhikevichPopulation(PopulationSpec spec, int index, double dtMs, RandomSource rng)
        : base(spec, index)
    {
        _neuron = (IzhikevichNeuronSpec)spec.Neuron;
        _v = new float[spec.Size];
        _u = new float[spec.Size];
        Fill(_v, _neuron.VInit, rng);
        for (int i = 0; i < _u.Length; i++)
        {
            _u[i] = _neuron.UInit is { } u ? (float)rng.Sample(u) : (float)(_neuron.B * _v[i]);
        }

        _dt = (float)dtMs;
        _decayE = (float)Math.Exp(-dtMs / _neuron.TauEMs);
        _decayI = (float)Math.Exp(-dtMs / _neuron.TauIMs);
    }

    /// <inheritdoc />
    public override float[] V => _v;

    /// <summary>Recovery variable u.</summary>
    public float[] U => _u;

    /// <summary>u, or the shared variables.</summary>
    public override float[]? State(string name) => name == "u" ? _u : base.State(name);

    /// <inheritdoc />
    public override void SetParameter(string parameter, double value, long currentStep) =>
        throw new ArgumentOutOfRangeException(nameof(parameter), parameter, "an Izhikevich population has no settable parameter");

    /// <inheritdoc />
    public override void Quiesce(long currentStep)
    {
        base.Quiesce(currentStep);
        Array.Fill(_v, (float)_neuron.C);
        for (int i = 0; i < _u.Length; i++)
        {
            _u[i] = (float)(_neuron.B * _neuron.C);
        }
    }

    /// <inheritdoc />
    public override int FirstNonFinite() => FirstNonFinite(_v, _u, Ge, Gi);

    /// <inheritdoc />
    protected override int Integrate(long stepIndex, Span<int> spikes) =>
        _neuron.Method == IzhikevichMethod.Izhikevich ? IntegratePublished(spikes) : IntegrateEuler(spikes);

    private int IntegrateEuler(Span<int> spikes)
    {
        float a = (float)_neuron.A, b = (float)_neuron.B, c = (float)_neuron.C, d = (float)_neuron.D;
        float peak = (float)_neuron.VPeak, bias = (float)_neuron.Bias, dt = _dt;
        var ge = Ge;
        var gi = Gi;
        var noise = InputCurrent; // null without a current noise input; adding 0 would not change v either
        int count = 0;
        for (int i = 0; i < _v.Length; i++)
        {
            float v = _v[i];
            float u = _u[i];
            float dv = ((((0.04f * v * v) + (5f * v)) + 140f) - u) + ((bias + ge[i]) - gi[i]);
            if (noise is not null)
            {
                dv += noise[i];
            }

            float du = a * ((b * v) - u);
            v += dt * dv;
            u += dt * du;
            if (v >= peak)
            {
                v = c;
                u += d;
                spikes[count++] = i;
            }

            _v[i] = v;
            _u[i] = u;
            ge[i] = SpikingKernels.Snap(ge[i] * _decayE);
            gi[i] = SpikingKernels.Snap(gi[i] * _decayI);
        }

        return count;
    }

    /// <summary>
    /// Izhikevich's own loop (2003 appendix; spnet.cpp 2006), per neuron: fire first if v already reached v_peak
    /// (v ← c, u ← u + d), then v += (dt/2)·((0.04v + 5)v + 140 − u + I) twice with the same u, then u += dt·a(bv − u)
    /// with the new v. So a crossing in step k is reported in step k + 1, and v may stand above v_peak between steps,
    /// as in his code. Arithmetic is double and each assignment stores float, as spnet.cpp does (float arrays, double
    /// constants): the overshoot past v_peak is large (hundreds of mV at dt = 1 ms) and feeds u, so the spike train is
    /// sensitive to rounding and a float-arithmetic kernel drifts from his within a few spikes.
    /// </summary>
    private int IntegratePublished(Span<int> spikes)
    {
        double a = _neuron.A, b = _neuron.B, dt = _dt, half = 0.5 * dt;
        float c = (float)_neuron.C, d = (float)_neuron.D, peak = (float)_neuron.VPeak, bias = (float)_neuron.Bias;
        var noise = InputCurrent; // Izhikevich's thalamic input 13·(U − 0.5) enters I, as in spnet.cpp
        var ge = Ge;
        var gi = Gi;
        int count = 0;
        for (int i = 0; i < _v.Length; i++)
        {
            float v = _v[i];
            float u = _u[i];
            if (v >= peak)
            {
                v = c;
                u += d;
                spikes[count++] = i;
            }

            float input = (bias + ge[i]) - gi[i];
            if (noise is not null)
            {
                input += noise[i];
            }

            v = (float)(v + (half * (((((0.04 * v) + 5) * v) + 140 - u) + input)));
            v = (float)(v + (half * (((((0.04 * v) + 5) * v) + 140 - u) + input)));
            u = (float)(u + (dt * a * ((b * v) - u)));
            _v[i] = v;
            _u[i] = u;
            ge[i] = SpikingKernels.Snap(ge[i] * _decayE);
            gi[i] = SpikingKernels.Snap(gi[i] * _decayI);
        }

        return count;
    }
}
