using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Neurotag.Core.Kernels;

/// <summary>
/// Span kernels of the rate core. Reductions accumulate in eight fixed lanes and reduce them in a fixed order, and
/// no multiply-add is fused, so results are bitwise identical whether or not the CPU has SIMD
/// (<c>DOTNET_EnableHWIntrinsic=0</c>) and whatever its vector width: determinism does not depend on the machine.
/// Element-wise operations use <see cref="System.Numerics.Tensors.TensorPrimitives"/>, which is exact per element.
/// </summary>
public static class VectorKernels
{
    /// <summary>Lane count of the fixed-order reductions.</summary>
    public const int Lanes = 8;

    /// <summary>Σ x[i]·y[i] in eight-lane order.</summary>
    public static float Dot(ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        if (x.Length != y.Length)
        {
            throw new ArgumentException("lengths differ", nameof(y));
        }

        ref float xr = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(x);
        ref float yr = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(y);
        int n = x.Length;
        int i = 0;
        var acc = Vector256<float>.Zero;
        for (; i <= n - Lanes; i += Lanes)
        {
            acc += Vector256.LoadUnsafe(ref xr, (nuint)i) * Vector256.LoadUnsafe(ref yr, (nuint)i);
        }

        float sum = ReduceLanes(acc);
        for (; i < n; i++)
        {
            sum += Unsafe.Add(ref xr, i) * Unsafe.Add(ref yr, i);
        }

        return sum;
    }

    /// <summary>Σ x[i] in eight-lane order.</summary>
    public static float Sum(ReadOnlySpan<float> x)
    {
        ref float xr = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(x);
        int n = x.Length;
        int i = 0;
        var acc = Vector256<float>.Zero;
        for (; i <= n - Lanes; i += Lanes)
        {
            acc += Vector256.LoadUnsafe(ref xr, (nuint)i);
        }

        float sum = ReduceLanes(acc);
        for (; i < n; i++)
        {
            sum += Unsafe.Add(ref xr, i);
        }

        return sum;
    }

    /// <summary>
    /// The fused plastic pass over one postsynaptic row (clamping uses the native min/max: IEEE Min/Max compile to
    /// several instructions on AVX-512, and the rates are finite here, which the checkers enforce) (the hot loop of a plastic rate projection): for each synapse
    /// <c>w ← clamp(a·w + b + c·x[i], lo, hi)</c>, multiplied by <c>mask[i]</c> when a mask is given (absent or
    /// pruned synapses stay exactly 0); returns Σ w_new·x[i]. One read and one write of each weight.
    /// </summary>
    /// <param name="w">The row's weights, updated in place.</param>
    /// <param name="mask">1 for an existing synapse, 0 for an absent one; empty when every synapse exists.</param>
    /// <param name="x">Presynaptic rates.</param>
    /// <param name="a">Decay factor e^{−dt/τ} (1 without decay).</param>
    /// <param name="b">Decay offset w_rest·(1 − a).</param>
    /// <param name="c">Hebbian coefficient η_eff·y·dt.</param>
    /// <param name="lo">Lower bound.</param>
    /// <param name="hi">Upper bound.</param>
    public static float UpdateRowAndDot(Span<float> w, ReadOnlySpan<float> mask, ReadOnlySpan<float> x, float a, float b, float c, float lo, float hi)
    {
        if (w.Length != x.Length || (mask.Length != 0 && mask.Length != w.Length))
        {
            throw new ArgumentException("lengths differ");
        }

        ref float wr = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(w);
        ref float xr = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(x);
        int n = w.Length;
        int i = 0;
        var va = Vector256.Create(a);
        var vb = Vector256.Create(b);
        var vc = Vector256.Create(c);
        var vlo = Vector256.Create(lo);
        var vhi = Vector256.Create(hi);
        var acc = Vector256<float>.Zero;
        if (mask.IsEmpty)
        {
            for (; i <= n - Lanes; i += Lanes)
            {
                var vx = Vector256.LoadUnsafe(ref xr, (nuint)i);
                var vw = (va * Vector256.LoadUnsafe(ref wr, (nuint)i)) + vb + (vc * vx);
                vw = Vector256.MinNative(Vector256.MaxNative(vw, vlo), vhi);
                vw.StoreUnsafe(ref wr, (nuint)i);
                acc += vw * vx;
            }
        }
        else
        {
            ref float mr = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(mask);
            for (; i <= n - Lanes; i += Lanes)
            {
                var vx = Vector256.LoadUnsafe(ref xr, (nuint)i);
                var vw = (va * Vector256.LoadUnsafe(ref wr, (nuint)i)) + vb + (vc * vx);
                vw = Vector256.MinNative(Vector256.MaxNative(vw, vlo), vhi) * Vector256.LoadUnsafe(ref mr, (nuint)i);
                vw.StoreUnsafe(ref wr, (nuint)i);
                acc += vw * vx;
            }
        }

        float sum = ReduceLanes(acc);
        for (; i < n; i++)
        {
            float xi = Unsafe.Add(ref xr, i);
            float wi = (a * Unsafe.Add(ref wr, i)) + b + (c * xi);
            wi = wi > lo ? wi : lo; // the scalar twin of MaxNative/MinNative (x86 maxps/minps), so every length gives the same bits
            wi = wi < hi ? wi : hi;
            if (!mask.IsEmpty)
            {
                wi *= mask[i];
            }

            Unsafe.Add(ref wr, i) = wi;
            sum += wi * xi;
        }

        return sum;
    }

    /// <summary>
    /// Reduces eight lanes in the fixed order ((0+4)+(2+6)) + ((1+5)+(3+7)), so every kernel that sums over lanes
    /// (these and the rate plasticity kernels) gives the same bits whatever the length.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static float ReduceLanes(Vector256<float> v)
    {
        float s04 = v.GetElement(0) + v.GetElement(4);
        float s26 = v.GetElement(2) + v.GetElement(6);
        float s15 = v.GetElement(1) + v.GetElement(5);
        float s37 = v.GetElement(3) + v.GetElement(7);
        return (s04 + s26) + (s15 + s37);
    }
}
