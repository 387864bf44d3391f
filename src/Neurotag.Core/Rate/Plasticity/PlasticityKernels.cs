using Neurotag.Core.Kernels;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Neurotag.Core.Rate.Plasticity;

/// <summary>
/// Row kernels of the learning rules beyond <see cref="Kernels.VectorKernels"/>, with the same guarantees: the dot
/// product accumulates in eight fixed lanes reduced in the fixed order ((0+4)+(2+6)) + ((1+5)+(3+7)), no multiply-add
/// is fused, and the scalar tail performs the same operations in the same order, so results are bitwise identical
/// with and without SIMD (<c>DOTNET_EnableHWIntrinsic=0</c>).
/// </summary>
internal static class PlasticityKernels
{
    private const int Lanes = 8;

    /// <summary>
    /// The fused plastic pass over one postsynaptic row when the learning term is driven by a signal other than the
    /// propagated rates (the covariance rule's centred rates): for each synapse <c>w ← clamp((a·w + b) + c·u[i], lo, hi)</c>,
    /// multiplied by <c>mask[i]</c> when a mask is given; returns Σ w_new·x[i]. With <c>u = x</c> this is exactly
    /// <see cref="Kernels.VectorKernels.UpdateRowAndDot"/>.
    /// </summary>
    /// <param name="w">The row's weights, updated in place.</param>
    /// <param name="mask">1 for an existing synapse, 0 for an absent one; empty when every synapse exists.</param>
    /// <param name="x">Presynaptic rates (what is propagated).</param>
    /// <param name="u">Per-synapse learning signal (what the weight change is proportional to).</param>
    /// <param name="a">Decay factor e^{−dt/τ} (1 without decay).</param>
    /// <param name="b">Decay offset w_rest·(1 − a).</param>
    /// <param name="c">Learning coefficient of the row.</param>
    /// <param name="lo">Lower bound.</param>
    /// <param name="hi">Upper bound.</param>
    public static float UpdateRowAndDot(Span<float> w, ReadOnlySpan<float> mask, ReadOnlySpan<float> x, ReadOnlySpan<float> u, float a, float b, float c, float lo, float hi)
    {
        if (w.Length != x.Length || w.Length != u.Length || (mask.Length != 0 && mask.Length != w.Length))
        {
            throw new ArgumentException("lengths differ");
        }

        ref float wr = ref MemoryMarshal.GetReference(w);
        ref float xr = ref MemoryMarshal.GetReference(x);
        ref float ur = ref MemoryMarshal.GetReference(u);
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
                var vw = (va * Vector256.LoadUnsafe(ref wr, (nuint)i)) + vb + (vc * Vector256.LoadUnsafe(ref ur, (nuint)i));
                vw = Vector256.MinNative(Vector256.MaxNative(vw, vlo), vhi);
                vw.StoreUnsafe(ref wr, (nuint)i);
                acc += vw * Vector256.LoadUnsafe(ref xr, (nuint)i);
            }
        }
        else
        {
            ref float mr = ref MemoryMarshal.GetReference(mask);
            for (; i <= n - Lanes; i += Lanes)
            {
                var vw = (va * Vector256.LoadUnsafe(ref wr, (nuint)i)) + vb + (vc * Vector256.LoadUnsafe(ref ur, (nuint)i));
                vw = Vector256.MinNative(Vector256.MaxNative(vw, vlo), vhi) * Vector256.LoadUnsafe(ref mr, (nuint)i);
                vw.StoreUnsafe(ref wr, (nuint)i);
                acc += vw * Vector256.LoadUnsafe(ref xr, (nuint)i);
            }
        }

        float sum = VectorKernels.ReduceLanes(acc);
        for (; i < n; i++)
        {
            float wi = (a * Unsafe.Add(ref wr, i)) + b + (c * Unsafe.Add(ref ur, i));
            wi = wi > lo ? wi : lo; // the scalar twin of MaxNative/MinNative, so every length gives the same bits
            wi = wi < hi ? wi : hi;
            if (!mask.IsEmpty)
            {
                wi *= mask[i];
            }

            Unsafe.Add(ref wr, i) = wi;
            sum += wi * Unsafe.Add(ref xr, i);
        }

        return sum;
    }

    /// <summary>
    /// The fused pass of the eligibility-trace Hebbian rule over one postsynaptic row: for each synapse first
    /// <c>e ← ae·e + ce·x[i]</c>, then <c>w ← clamp((a·w + b) + c·e, lo, hi)</c> with the new trace, both multiplied by
    /// <c>mask[i]</c> when a mask is given (absent or pruned synapses keep w = e = 0); returns Σ w_new·x[i]. Each weight
    /// and each trace is read once and written once.
    /// </summary>
    /// <param name="w">The row's weights, updated in place.</param>
    /// <param name="e">The row's eligibility traces, updated in place.</param>
    /// <param name="mask">1 for an existing synapse, 0 for an absent one; empty when every synapse exists.</param>
    /// <param name="x">Presynaptic rates.</param>
    /// <param name="ae">Trace decay factor e^{−dt/τ_e}.</param>
    /// <param name="ce">Trace charge coefficient of the row, (1 − ae)·y.</param>
    /// <param name="a">Weight decay factor e^{−dt/τ_decay} (1 without decay).</param>
    /// <param name="b">Weight decay offset w_rest·(1 − a).</param>
    /// <param name="c">Learning coefficient η·g·m·dt.</param>
    /// <param name="lo">Lower bound.</param>
    /// <param name="hi">Upper bound.</param>
    public static float EligibilityUpdateRowAndDot(Span<float> w, Span<float> e, ReadOnlySpan<float> mask, ReadOnlySpan<float> x, float ae, float ce, float a, float b, float c, float lo, float hi)
    {
        if (w.Length != x.Length || w.Length != e.Length || (mask.Length != 0 && mask.Length != w.Length))
        {
            throw new ArgumentException("lengths differ");
        }

        ref float wr = ref MemoryMarshal.GetReference(w);
        ref float er = ref MemoryMarshal.GetReference(e);
        ref float xr = ref MemoryMarshal.GetReference(x);
        int n = w.Length;
        int i = 0;
        var vae = Vector256.Create(ae);
        var vce = Vector256.Create(ce);
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
                var ve = (vae * Vector256.LoadUnsafe(ref er, (nuint)i)) + (vce * vx);
                var vw = (va * Vector256.LoadUnsafe(ref wr, (nuint)i)) + vb + (vc * ve);
                vw = Vector256.MinNative(Vector256.MaxNative(vw, vlo), vhi);
                ve.StoreUnsafe(ref er, (nuint)i);
                vw.StoreUnsafe(ref wr, (nuint)i);
                acc += vw * vx;
            }
        }
        else
        {
            ref float mr = ref MemoryMarshal.GetReference(mask);
            for (; i <= n - Lanes; i += Lanes)
            {
                var vx = Vector256.LoadUnsafe(ref xr, (nuint)i);
                var vm = Vector256.LoadUnsafe(ref mr, (nuint)i);
                var ve = ((vae * Vector256.LoadUnsafe(ref er, (nuint)i)) + (vce * vx)) * vm;
                var vw = (va * Vector256.LoadUnsafe(ref wr, (nuint)i)) + vb + (vc * ve);
                vw = Vector256.MinNative(Vector256.MaxNative(vw, vlo), vhi) * vm;
                ve.StoreUnsafe(ref er, (nuint)i);
                vw.StoreUnsafe(ref wr, (nuint)i);
                acc += vw * vx;
            }
        }

        float sum = VectorKernels.ReduceLanes(acc);
        for (; i < n; i++)
        {
            float xi = Unsafe.Add(ref xr, i);
            float ei = (ae * Unsafe.Add(ref er, i)) + (ce * xi);
            if (!mask.IsEmpty)
            {
                ei *= mask[i];
            }

            float wi = (a * Unsafe.Add(ref wr, i)) + b + (c * ei);
            wi = wi > lo ? wi : lo; // the scalar twin of MaxNative/MinNative, so every length gives the same bits
            wi = wi < hi ? wi : hi;
            if (!mask.IsEmpty)
            {
                wi *= mask[i];
            }

            Unsafe.Add(ref er, i) = ei;
            Unsafe.Add(ref wr, i) = wi;
            sum += wi * xi;
        }

        return sum;
    }
}
