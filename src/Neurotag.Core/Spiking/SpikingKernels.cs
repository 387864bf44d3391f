using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Neurotag.Core.Spiking;

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

    // 1.5·2^23: adding it to a float of magnitude below 2^22 rounds it to an integer (ties to even) held in the low
    // mantissa bits, so k and 2^k come from plain adds and shifts instead of a float→int conversion (which .NET
    // makes saturating, several instructions per vector).
    private const float RoundingMagic = 12582912f;

    /// <summary>
    /// e^x for x ≤ 0 (x below −87 gives e^{−87}): Cody–Waite range reduction x = k·ln 2 + r, |r| ≤ ln2/2, and a
    /// degree-6 Taylor polynomial in Horner form; relative error below 1e-6 (tested against Math.Exp).
    /// </summary>
    public static float Exp(float x)
    {
        x = Math.Max(x, ExpMin);
        float shifted = (x * Log2E) + RoundingMagic;
        float k = shifted - RoundingMagic;
        float r = (x - (k * Ln2Hi)) - (k * Ln2Lo);
        float p = 1f + (r * (1f + (r * (0.5f + (r * (0.166666672f + (r * (0.0416666679f + (r * (0.00833333377f + (r * 0.00138888892f)))))))))));
        // The bits of `shifted` are bits(RoundingMagic) + k, and bits(RoundingMagic) << 23 overflows to 0: the
        // shift leaves exactly the biased exponent k + 127 of 2^k.
        return p * BitConverter.Int32BitsToSingle((BitConverter.SingleToInt32Bits(shifted) + 127) << 23);
    }

    /// <summary>The lane-wise <see cref="Exp(float)"/> on 8 lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> Exp(Vector256<float> x)
    {
        var magic = Vector256.Create(RoundingMagic);
        var one = Vector256.Create(1f);
        var shifted = (x * Vector256.Create(Log2E)) + magic;
        if (Vector256.EqualsAll(shifted, magic))
        {
            // k = 0 in every lane (|x| ≤ ln2/2, the usual case for −G·dt/τ_m): the reduction is the identity
            // (x − 0·ln2 = x, 2⁰ = 1), so the polynomial alone gives the same bits as the full path.
            return one + (x * (one + (x * (Vector256.Create(0.5f) + (x * (Vector256.Create(0.166666672f) + (x * (Vector256.Create(0.0416666679f) + (x * (Vector256.Create(0.00833333377f) + (x * Vector256.Create(0.00138888892f))))))))))));
        }

        x = Vector256.Max(x, Vector256.Create(ExpMin));
        shifted = (x * Vector256.Create(Log2E)) + magic;
        var k = shifted - magic;
        var r = (x - (k * Vector256.Create(Ln2Hi))) - (k * Vector256.Create(Ln2Lo));
        var p = one + (r * (one + (r * (Vector256.Create(0.5f) + (r * (Vector256.Create(0.166666672f) + (r * (Vector256.Create(0.0416666679f) + (r * (Vector256.Create(0.00833333377f) + (r * Vector256.Create(0.00138888892f))))))))))));
        var scale = Vector256.ShiftLeft(shifted.AsInt32() + Vector256.Create(127), 23).AsSingle();
        return p * scale;
    }

    /// <summary>The lane-wise <see cref="Exp(float)"/> on 16 lanes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Exp(Vector512<float> x)
    {
        var magic = Vector512.Create(RoundingMagic);
        var one = Vector512.Create(1f);
        var shifted = (x * Vector512.Create(Log2E)) + magic;
        if (Vector512.EqualsAll(shifted, magic))
        {
            // k = 0 in every lane (|x| ≤ ln2/2, the usual case for −G·dt/τ_m): the reduction is the identity
            // (x − 0·ln2 = x, 2⁰ = 1), so the polynomial alone gives the same bits as the full path.
            return one + (x * (one + (x * (Vector512.Create(0.5f) + (x * (Vector512.Create(0.166666672f) + (x * (Vector512.Create(0.0416666679f) + (x * (Vector512.Create(0.00833333377f) + (x * Vector512.Create(0.00138888892f))))))))))));
        }

        x = Vector512.Max(x, Vector512.Create(ExpMin));
        shifted = (x * Vector512.Create(Log2E)) + magic;
        var k = shifted - magic;
        var r = (x - (k * Vector512.Create(Ln2Hi))) - (k * Vector512.Create(Ln2Lo));
        var p = one + (r * (one + (r * (Vector512.Create(0.5f) + (r * (Vector512.Create(0.166666672f) + (r * (Vector512.Create(0.0416666679f) + (r * (Vector512.Create(0.00833333377f) + (r * Vector512.Create(0.00138888892f))))))))))));
        var scale = Vector512.ShiftLeft(shifted.AsInt32() + Vector512.Create(127), 23).AsSingle();
        return p * scale;
    }

    /// <summary>
    /// One LIF step for every neuron: integrate v over dt with the synaptic state at the step's start (COBA:
    /// exponential Euler with the total conductance held over the step; CUBA: the exact propagator), hold v while
    /// refractory, decay the synaptic state exactly, then threshold and reset. Writes the spiking neurons' indices
    /// to <paramref name="spikes"/> in increasing order and returns their number. Runs 16 lanes at a time where
    /// AVX-512 is available, then 8, then one: every path is <see cref="LifStepOne"/> lane by lane, bit for bit.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int LifStep(Span<float> v, Span<float> ge, Span<float> gi, Span<float> refractory, in LifConstants c, Span<int> spikes)
    {
        int n = v.Length;
        if (ge.Length != n || gi.Length != n || refractory.Length != n || spikes.Length < n)
        {
            throw new ArgumentException("state arrays must have equal lengths");
        }

        // A local copy: the constants cannot alias the state, so the JIT keeps them in registers.
        var k = c;
        int count = 0;
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            i = LifStep512(v, ge, gi, refractory, in k, spikes, ref count);
        }

        if (Vector256.IsHardwareAccelerated)
        {
            i = LifStep256(v, ge, gi, refractory, in k, spikes, ref count, i);
        }

        ref float vr = ref MemoryMarshal.GetReference(v);
        ref float er = ref MemoryMarshal.GetReference(ge);
        ref float ir = ref MemoryMarshal.GetReference(gi);
        ref float rr = ref MemoryMarshal.GetReference(refractory);
        for (; i < n; i++)
        {
            if (LifStepOne(ref Unsafe.Add(ref vr, i), ref Unsafe.Add(ref er, i), ref Unsafe.Add(ref ir, i), ref Unsafe.Add(ref rr, i), in k))
            {
                spikes[count++] = i;
            }
        }

        return count;
    }

    /// <summary>The 16-lane body of <see cref="LifStep"/> over whole vectors from 0; returns the first index not done.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int LifStep512(Span<float> v, Span<float> ge, Span<float> gi, Span<float> refractory, in LifConstants c, Span<int> spikes, ref int count)
    {
        const int lanes = 16;
        int n = v.Length;
        ref float vr = ref MemoryMarshal.GetReference(v);
        ref float er = ref MemoryMarshal.GetReference(ge);
        ref float ir = ref MemoryMarshal.GetReference(gi);
        ref float rr = ref MemoryMarshal.GetReference(refractory);
        bool conductance = c.Conductance;
        var invGLeak = Vector512.Create(c.InvGLeak);
        var rest = Vector512.Create(c.RestPlusBias);
        var eExc = Vector512.Create(c.EExc);
        var eInh = Vector512.Create(c.EInh);
        var negDtOverTau = Vector512.Create(c.NegDtOverTau);
        var decayM = Vector512.Create(c.DecayM);
        var kickE = Vector512.Create(c.KickE);
        var kickI = Vector512.Create(c.KickI);
        var decayE = Vector512.Create(c.DecayE);
        var decayI = Vector512.Create(c.DecayI);
        var threshold = Vector512.Create(c.VThresh);
        var reset = Vector512.Create(c.VReset);
        var refractorySteps = Vector512.Create(c.RefractorySteps);
        var one = Vector512.Create(1f);
        var tiny = Vector512.Create(SnapBelow);
        int i = 0;
        for (; i <= n - lanes; i += lanes)
        {
            var vv = Vector512.LoadUnsafe(ref vr, (nuint)i);
            var e = Vector512.LoadUnsafe(ref er, (nuint)i);
            var g = Vector512.LoadUnsafe(ref ir, (nuint)i);
            var refr = Vector512.LoadUnsafe(ref rr, (nuint)i);
            Vector512<float> vNew;
            if (conductance)
            {
                var a = e * invGLeak;
                var b = g * invGLeak;
                var total = (one + a) + b;
                var vInf = ((rest + (a * eExc)) + (b * eInh)) / total;
                vNew = vInf + ((vv - vInf) * Exp(total * negDtOverTau));
            }
            else
            {
                vNew = ((rest + ((vv - rest) * decayM)) + (e * kickE)) - (g * kickI);
            }

            var active = Vector512.LessThanOrEqual(refr, Vector512<float>.Zero);
            vNew = Vector512.ConditionalSelect(active, vNew, vv);
            refr = Vector512.Max(refr - one, Vector512<float>.Zero);
            var spike = active & Vector512.GreaterThanOrEqual(vNew, threshold);
            vNew = Vector512.ConditionalSelect(spike, reset, vNew);
            refr = Vector512.ConditionalSelect(spike, refractorySteps, refr);
            e *= decayE;
            g *= decayI;
            e = Vector512.ConditionalSelect(Vector512.LessThan(Vector512.Abs(e), tiny), Vector512<float>.Zero, e);
            g = Vector512.ConditionalSelect(Vector512.LessThan(Vector512.Abs(g), tiny), Vector512<float>.Zero, g);
            vNew.StoreUnsafe(ref vr, (nuint)i);
            e.StoreUnsafe(ref er, (nuint)i);
            g.StoreUnsafe(ref ir, (nuint)i);
            refr.StoreUnsafe(ref rr, (nuint)i);
            ulong bits = spike.ExtractMostSignificantBits();
            while (bits != 0)
            {
                spikes[count++] = i + System.Numerics.BitOperations.TrailingZeroCount(bits);
                bits &= bits - 1;
            }
        }

        return i;
    }

    /// <summary>The 8-lane body of <see cref="LifStep"/> over whole vectors from <paramref name="start"/>; returns the first index not done.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int LifStep256(Span<float> v, Span<float> ge, Span<float> gi, Span<float> refractory, in LifConstants c, Span<int> spikes, ref int count, int start)
    {
        const int lanes = 8;
        int n = v.Length;
        ref float vr = ref MemoryMarshal.GetReference(v);
        ref float er = ref MemoryMarshal.GetReference(ge);
        ref float ir = ref MemoryMarshal.GetReference(gi);
        ref float rr = ref MemoryMarshal.GetReference(refractory);
        bool conductance = c.Conductance;
        var invGLeak = Vector256.Create(c.InvGLeak);
        var rest = Vector256.Create(c.RestPlusBias);
        var eExc = Vector256.Create(c.EExc);
        var eInh = Vector256.Create(c.EInh);
        var negDtOverTau = Vector256.Create(c.NegDtOverTau);
        var decayM = Vector256.Create(c.DecayM);
        var kickE = Vector256.Create(c.KickE);
        var kickI = Vector256.Create(c.KickI);
        var decayE = Vector256.Create(c.DecayE);
        var decayI = Vector256.Create(c.DecayI);
        var threshold = Vector256.Create(c.VThresh);
        var reset = Vector256.Create(c.VReset);
        var refractorySteps = Vector256.Create(c.RefractorySteps);
        var one = Vector256.Create(1f);
        var tiny = Vector256.Create(SnapBelow);
        int i = start;
        for (; i <= n - lanes; i += lanes)
        {
            var vv = Vector256.LoadUnsafe(ref vr, (nuint)i);
            var e = Vector256.LoadUnsafe(ref er, (nuint)i);
            var g = Vector256.LoadUnsafe(ref ir, (nuint)i);
            var refr = Vector256.LoadUnsafe(ref rr, (nuint)i);
            Vector256<float> vNew;
            if (conductance)
            {
                var a = e * invGLeak;
                var b = g * invGLeak;
                var total = (one + a) + b;
                var vInf = ((rest + (a * eExc)) + (b * eInh)) / total;
                vNew = vInf + ((vv - vInf) * Exp(total * negDtOverTau));
            }
            else
            {
                vNew = ((rest + ((vv - rest) * decayM)) + (e * kickE)) - (g * kickI);
            }

            var active = Vector256.LessThanOrEqual(refr, Vector256<float>.Zero);
            vNew = Vector256.ConditionalSelect(active, vNew, vv);
            refr = Vector256.Max(refr - one, Vector256<float>.Zero);
            var spike = active & Vector256.GreaterThanOrEqual(vNew, threshold);
            vNew = Vector256.ConditionalSelect(spike, reset, vNew);
            refr = Vector256.ConditionalSelect(spike, refractorySteps, refr);
            e *= decayE;
            g *= decayI;
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

        return i;
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
