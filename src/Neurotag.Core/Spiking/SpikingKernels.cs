using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Neurotag.Core.Spiking;

/// <summary>Constants of one LIF population's step, computed once at build time (Brian2's "exact" constants).</summary>
/// <param name="Conductance">COBA when true, CUBA otherwise.</param>
/// <param name="RestPlusBias">v_rest + bias (mV).</param>
/// <param name="InvGLeak">1/g_leak (1/nS), COBA.</param>
/// <param name="EExc">Excitatory reversal potential (mV), COBA.</param>
/// <param name="EInh">Inhibitory reversal potential (mV), COBA.</param>
/// <param name="NegDtOverTau">−dt/τ_m.</param>
/// <param name="DecayM">e^{−dt/τ_m}, CUBA.</param>
/// <param name="KickE">CUBA: weight of I_e(t) in v(t+dt), (τ_e/(τ_e−τ_m))·(e^{−dt/τ_e} − e^{−dt/τ_m}).</param>
/// <param name="KickI">CUBA: the same for I_i with τ_i.</param>
/// <param name="DecayE">e^{−dt/τ_e}.</param>
/// <param name="DecayI">e^{−dt/τ_i}.</param>
/// <param name="VThresh">Threshold (mV).</param>
/// <param name="VReset">Reset (mV).</param>
/// <param name="RefractorySteps">Refractory period in steps.</param>
public readonly record struct LifConstants(
    bool Conductance, float RestPlusBias, float InvGLeak, float EExc, float EInh, float NegDtOverTau, float DecayM,
    float KickE, float KickI, float DecayE, float DecayI, float VThresh, float VReset, float RefractorySteps);

/// <summary>
/// The neuron-update kernels of the spiking core. Every vector path performs exactly the scalar path's operations
/// in the same order on each lane (no fused multiply-add, no reassociation, a polynomial exp of our own rather than
/// a library one), so results are bitwise identical with or without SIMD (<c>DOTNET_EnableHWIntrinsic=0</c>).
/// </summary>
public static class SpikingKernels
{
    /// <summary>Decaying state below this magnitude is snapped to 0 before it turns subnormal (.NET does not flush subnormals).</summary>
    public const float SnapBelow = 1e-30f;

    private const float Log2E = 1.44269504f;
    private const float Ln2Hi = 0.693145752f; // ln 2 split so that k·Ln2Hi is exact for |k| < 2^11 (Cody &amp; Waite 1980)
    private const float Ln2Lo = 1.42860677e-6f;
    private const float ExpMin = -87f;

    /// <summary>
    /// e^x for x ≤ 0 (x below −87 gives e^{−87}): Cody–Waite range reduction x = k·ln 2 + r, |r| ≤ ln2/2, and a
    /// degree-6 Taylor polynomial in Horner form; relative error below 3e-7 (tested against Math.Exp).
    /// </summary>
    public static float Exp(float x)
    {
        x = Math.Max(x, ExpMin);
        float k = MathF.Floor((x * Log2E) + 0.5f);
        float r = (x - (k * Ln2Hi)) - (k * Ln2Lo);
        float p = 1f + (r * (1f + (r * (0.5f + (r * (0.166666672f + (r * (0.0416666679f + (r * (0.00833333377f + (r * 0.00138888892f)))))))))));
        return p * BitConverter.Int32BitsToSingle(((int)k + 127) << 23);
    }

    /// <summary>The lane-wise <see cref="Exp(float)"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Exp(Vector256<float> x)
    {
        x = Vector256.Max(x, Vector256.Create(ExpMin));
        var k = Vector256.Floor((x * Vector256.Create(Log2E)) + Vector256.Create(0.5f));
        var r = (x - (k * Vector256.Create(Ln2Hi))) - (k * Vector256.Create(Ln2Lo));
        var one = Vector256.Create(1f);
        var p = one + (r * (one + (r * (Vector256.Create(0.5f) + (r * (Vector256.Create(0.166666672f) + (r * (Vector256.Create(0.0416666679f) + (r * (Vector256.Create(0.00833333377f) + (r * Vector256.Create(0.00138888892f))))))))))));
        var scale = Vector256.ShiftLeft(Vector256.ConvertToInt32(k) + Vector256.Create(127), 23).AsSingle();
        return p * scale;
    }

    /// <summary>
    /// One LIF step for every neuron: integrate v over dt with the synaptic state at the step's start (COBA:
    /// exponential Euler with the total conductance held over the step; CUBA: the exact propagator), hold v while
    /// refractory, decay the synaptic state exactly, then threshold and reset. Writes the spiking neurons' indices
    /// to <paramref name="spikes"/> in increasing order and returns their number.
    /// </summary>
    public static int LifStep(Span<float> v, Span<float> ge, Span<float> gi, Span<float> refractory, in LifConstants c, Span<int> spikes)
    {
        int n = v.Length;
        if (ge.Length != n || gi.Length != n || refractory.Length != n || spikes.Length < n)
        {
            throw new ArgumentException("state arrays must have equal lengths");
        }

        ref float vr = ref MemoryMarshal.GetReference(v);
        ref float er = ref MemoryMarshal.GetReference(ge);
        ref float ir = ref MemoryMarshal.GetReference(gi);
        ref float rr = ref MemoryMarshal.GetReference(refractory);
        int count = 0;
        int i = 0;
        const int lanes = 8;
        for (; i <= n - lanes; i += lanes)
        {
            var vv = Vector256.LoadUnsafe(ref vr, (nuint)i);
            var e = Vector256.LoadUnsafe(ref er, (nuint)i);
            var g = Vector256.LoadUnsafe(ref ir, (nuint)i);
            var refr = Vector256.LoadUnsafe(ref rr, (nuint)i);
            Vector256<float> vNew;
            if (c.Conductance)
            {
                var a = e * Vector256.Create(c.InvGLeak);
                var b = g * Vector256.Create(c.InvGLeak);
                var total = (Vector256.Create(1f) + a) + b;
                var vInf = ((Vector256.Create(c.RestPlusBias) + (a * Vector256.Create(c.EExc))) + (b * Vector256.Create(c.EInh))) / total;
                vNew = vInf + ((vv - vInf) * Exp(total * Vector256.Create(c.NegDtOverTau)));
            }
            else
            {
                var rest = Vector256.Create(c.RestPlusBias);
                vNew = ((rest + ((vv - rest) * Vector256.Create(c.DecayM))) + (e * Vector256.Create(c.KickE))) - (g * Vector256.Create(c.KickI));
            }

            var active = Vector256.LessThanOrEqual(refr, Vector256<float>.Zero);
            vNew = Vector256.ConditionalSelect(active, vNew, vv);
            refr = Vector256.Max(refr - Vector256.Create(1f), Vector256<float>.Zero);
            var spike = active & Vector256.GreaterThanOrEqual(vNew, Vector256.Create(c.VThresh));
            vNew = Vector256.ConditionalSelect(spike, Vector256.Create(c.VReset), vNew);
            refr = Vector256.ConditionalSelect(spike, Vector256.Create(c.RefractorySteps), refr);
            e *= Vector256.Create(c.DecayE);
            g *= Vector256.Create(c.DecayI);
            var tiny = Vector256.Create(SnapBelow);
            e = Vector256.ConditionalSelect(Vector256.LessThan(Vector256.Abs(e), tiny), Vector256<float>.Zero, e);
            g = Vector256.ConditionalSelect(Vector256.LessThan(Vector256.Abs(g), tiny), Vector256<float>.Zero, g);
            vNew.StoreUnsafe(ref vr, (nuint)i);
            e.StoreUnsafe(ref er, (nuint)i);
            g.StoreUnsafe(ref ir, (nuint)i);
            refr.StoreUnsafe(ref rr, (nuint)i);
            uint bits = spike.ExtractMostSignificantBits();
            while (bits != 0)
            {
                spikes[count++] = i + System.Numerics.BitOperations.TrailingZeroCount(bits);
                bits &= bits - 1;
            }
        }

        for (; i < n; i++)
        {
            if (LifStepOne(ref Unsafe.Add(ref vr, i), ref Unsafe.Add(ref er, i), ref Unsafe.Add(ref ir, i), ref Unsafe.Add(ref rr, i), in c))
            {
                spikes[count++] = i;
            }
        }

        return count;
    }

    /// <summary>The scalar reference of <see cref="LifStep"/> for one neuron; returns whether it spiked.</summary>
    public static bool LifStepOne(ref float v, ref float ge, ref float gi, ref float refractory, in LifConstants c)
    {
        float vNew;
        if (c.Conductance)
        {
            float a = ge * c.InvGLeak;
            float b = gi * c.InvGLeak;
            float total = (1f + a) + b;
            float vInf = ((c.RestPlusBias + (a * c.EExc)) + (b * c.EInh)) / total;
            vNew = vInf + ((v - vInf) * Exp(total * c.NegDtOverTau));
        }
        else
        {
            vNew = ((c.RestPlusBias + ((v - c.RestPlusBias) * c.DecayM)) + (ge * c.KickE)) - (gi * c.KickI);
        }

        bool active = refractory <= 0f;
        if (!active)
        {
            vNew = v;
        }

        refractory = Math.Max(refractory - 1f, 0f);
        bool spike = active && vNew >= c.VThresh;
        if (spike)
        {
            vNew = c.VReset;
            refractory = c.RefractorySteps;
        }

        ge = Snap(ge * c.DecayE);
        gi = Snap(gi * c.DecayI);
        v = vNew;
        return spike;
    }

    /// <summary>x, or 0 when |x| is below <see cref="SnapBelow"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Snap(float x) => MathF.Abs(x) < SnapBelow ? 0f : x;
}
