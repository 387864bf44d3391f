using Neurotag.Core.Kernels;
using Neurotag.Core.Randomness;

namespace Neurotag.Core.Tests.Kernels;

/// <summary>
/// Every kernel at every length 0..256 against (1) a scalar reference that emulates the documented eight-lane order
/// — compared bit for bit — and (2) a naive double-precision sum, within the standard floating-point summation bound.
/// <see cref="KernelsWithoutSimdTests"/> runs this class a second time with <c>DOTNET_EnableHWIntrinsic=0</c> (filter <c>Category=Kernels</c>) to prove
/// the results do not depend on SIMD support.
/// </summary>
[Trait("Category", "Kernels")]
public sealed class VectorKernelsTests
{
    private const int MaxLength = 256;
    private const int Lanes = 8;

    [Fact]
    public void Dot_AtEveryLength_IsBitwiseTheEightLaneReference()
    {
        var rng = new RandomSource(101);
        for (int n = 0; n <= MaxLength; n++)
        {
            var x = RandomFloats(rng, n, -2f, 2f);
            var y = RandomFloats(rng, n, -2f, 2f);

            AssertBitwise(ReferenceDot(x, y), VectorKernels.Dot(x, y), $"n = {n}");
        }
    }

    [Fact]
    public void Dot_AtEveryLength_AgreesWithADoublePrecisionSum()
    {
        var rng = new RandomSource(102);
        for (int n = 0; n <= MaxLength; n++)
        {
            var x = RandomFloats(rng, n, -2f, 2f);
            var y = RandomFloats(rng, n, -2f, 2f);
            double exact = 0, magnitude = 0;
            for (int i = 0; i < n; i++)
            {
                exact += (double)x[i] * y[i];
                magnitude += Math.Abs((double)x[i] * y[i]);
            }

            AssertWithinSummationBound(exact, magnitude, n, VectorKernels.Dot(x, y), $"n = {n}");
        }
    }

    [Fact]
    public void Dot_WithDifferentLengths_Throws()
    {
        Assert.Throws<ArgumentException>(() => VectorKernels.Dot(new float[3], new float[4]));
    }

    [Fact]
    public void Sum_AtEveryLength_IsBitwiseTheEightLaneReferenceAndAgreesWithADoubleSum()
    {
        var rng = new RandomSource(103);
        for (int n = 0; n <= MaxLength; n++)
        {
            var x = RandomFloats(rng, n, -3f, 3f);
            double exact = 0, magnitude = 0;
            foreach (float v in x)
            {
                exact += v;
                magnitude += Math.Abs(v);
            }

            float actual = VectorKernels.Sum(x);

            AssertBitwise(ReferenceSum(x), actual, $"n = {n}");
            AssertWithinSummationBound(exact, magnitude, n, actual, $"n = {n}");
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void UpdateRowAndDot_AtEveryLength_UpdatesWeightsAndReturnsTheDotBitwiseAsTheReference(bool withMask)
    {
        var rng = new RandomSource(withMask ? 104UL : 105UL);
        for (int n = 0; n <= MaxLength; n++)
        {
            // Weights straddle both bounds so that clamping happens at both ends for most lengths.
            var w = RandomFloats(rng, n, -0.5f, 1.5f);
            var x = RandomFloats(rng, n, 0f, 1f);
            var mask = withMask ? RandomMask(rng, n) : [];
            float a = 0.99f, b = 0.002f, c = 0.05f, lo = 0f, hi = 1f;
            var expectedW = (float[])w.Clone();
            float expectedDot = ReferenceUpdateRowAndDot(expectedW, mask, x, a, b, c, lo, hi);

            float actualDot = VectorKernels.UpdateRowAndDot(w, mask, x, a, b, c, lo, hi);

            AssertBitwise(expectedDot, actualDot, $"dot, n = {n}");
            for (int i = 0; i < n; i++)
            {
                AssertBitwise(expectedW[i], w[i], $"w[{i}], n = {n}");
            }
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void UpdateRowAndDot_AtEveryLength_AgreesWithADoublePrecisionUpdate(bool withMask)
    {
        var rng = new RandomSource(withMask ? 106UL : 107UL);
        for (int n = 0; n <= MaxLength; n++)
        {
            var w = RandomFloats(rng, n, -0.5f, 1.5f);
            var x = RandomFloats(rng, n, 0f, 1f);
            var mask = withMask ? RandomMask(rng, n) : [];
            const double a = 0.99, b = 0.002, c = 0.05, lo = -0.25, hi = 1.25;
            var wNew = new double[n];
            double exact = 0, magnitude = 0;
            for (int i = 0; i < n; i++)
            {
                wNew[i] = Math.Clamp((a * w[i]) + b + (c * x[i]), lo, hi) * (withMask ? mask[i] : 1.0);
                exact += wNew[i] * x[i];
                magnitude += Math.Abs(wNew[i] * x[i]);
            }

            float dot = VectorKernels.UpdateRowAndDot(w, mask, x, (float)a, (float)b, (float)c, (float)lo, (float)hi);

            // Each weight is three rounded coefficients and four float operations on terms ≤ 1.5 in magnitude:
            // |error| ≤ 8·2^-24·1.5 (clamping is 1-Lipschitz, the mask is exact).
            double weightError = 8 * Math.ScaleB(1.0, -24) * 1.5;
            for (int i = 0; i < n; i++)
            {
                Assert.True(Math.Abs(w[i] - wNew[i]) <= weightError, $"w[{i}] = {w[i]}, expected {wNew[i]}, n = {n}");
            }

            // The dot inherits the per-weight error (x ≤ 1) plus the summation error.
            AssertWithinSummationBound(exact, magnitude, n, dot, $"n = {n}", extra: n * weightError * 1.01);
        }
    }

    [Fact]
    public void UpdateRowAndDot_ClampsEveryWeightToTheBounds()
    {
        for (int n = 0; n <= MaxLength; n++)
        {
            var w = new float[n];
            var x = new float[n];
            for (int i = 0; i < n; i++)
            {
                // Alternate far below and far above the bounds.
                w[i] = i % 2 == 0 ? -10f : 10f;
                x[i] = 1f;
            }

            float dot = VectorKernels.UpdateRowAndDot(w, [], x, 1f, 0f, 0f, 0.1f, 0.9f);

            for (int i = 0; i < n; i++)
            {
                Assert.Equal(i % 2 == 0 ? 0.1f : 0.9f, w[i]);
            }

            // n/2 weights at 0.1 and n/2 at 0.9 (the extra one at 0.1 when n is odd), summed with x = 1.
            double expected = (0.1 * ((n + 1) / 2)) + (0.9 * (n / 2));
            Assert.True(Math.Abs(dot - expected) <= (n * 1e-6) + 1e-7, $"dot {dot}, expected {expected}, n = {n}");
        }
    }

    [Fact]
    public void UpdateRowAndDot_KeepsAbsentSynapsesAtZero_EvenWhenTheLowerBoundIsPositive()
    {
        for (int n = 0; n <= MaxLength; n++)
        {
            var w = new float[n];
            var x = new float[n];
            var mask = new float[n];
            for (int i = 0; i < n; i++)
            {
                x[i] = 1f;
                mask[i] = i % 3 == 0 ? 0f : 1f;
                w[i] = mask[i] * 0.5f;
            }

            VectorKernels.UpdateRowAndDot(w, mask, x, 1f, 0f, 0.01f, 0.2f, 1f);

            for (int i = 0; i < n; i++)
            {
                Assert.Equal(mask[i] == 0f ? 0f : 0.51f, w[i]);
            }
        }
    }

    [Fact]
    public void UpdateRowAndDot_WithMismatchedLengths_Throws()
    {
        Assert.Throws<ArgumentException>(() => VectorKernels.UpdateRowAndDot(new float[4], [], new float[5], 1, 0, 0, 0, 1));
        Assert.Throws<ArgumentException>(() => VectorKernels.UpdateRowAndDot(new float[4], new float[3], new float[4], 1, 0, 0, 0, 1));
    }

    /// <summary>Eight float lanes over whole blocks, reduced ((0+4)+(2+6)) + ((1+5)+(3+7)), then the tail in order.</summary>
    private static float ReferenceDot(float[] x, float[] y)
    {
        var lanes = new float[Lanes];
        int full = x.Length / Lanes * Lanes;
        for (int i = 0; i < full; i++)
        {
            float product = x[i] * y[i];
            lanes[i % Lanes] += product;
        }

        float sum = ReduceLanes(lanes);
        for (int i = full; i < x.Length; i++)
        {
            float product = x[i] * y[i];
            sum += product;
        }

        return sum;
    }

    private static float ReferenceSum(float[] x)
    {
        var lanes = new float[Lanes];
        int full = x.Length / Lanes * Lanes;
        for (int i = 0; i < full; i++)
        {
            lanes[i % Lanes] += x[i];
        }

        float sum = ReduceLanes(lanes);
        for (int i = full; i < x.Length; i++)
        {
            sum += x[i];
        }

        return sum;
    }

    /// <summary>w ← clamp((a·w + b) + c·x, lo, hi)·mask, unfused, in element order; returns Σ w·x in eight-lane order.</summary>
    private static float ReferenceUpdateRowAndDot(float[] w, float[] mask, float[] x, float a, float b, float c, float lo, float hi)
    {
        for (int i = 0; i < w.Length; i++)
        {
            float aw = a * w[i];
            float cx = c * x[i];
            float v = (aw + b) + cx;
            v = MathF.Min(MathF.Max(v, lo), hi); // IEEE 754-2019 minimum/maximum, as documented for clamp
            if (mask.Length != 0)
            {
                v *= mask[i];
            }

            w[i] = v;
        }

        return ReferenceDot(w, x);
    }

    private static float ReduceLanes(float[] lanes)
    {
        float s04 = lanes[0] + lanes[4];
        float s26 = lanes[2] + lanes[6];
        float s15 = lanes[1] + lanes[5];
        float s37 = lanes[3] + lanes[7];
        float left = s04 + s26;
        float right = s15 + s37;
        return left + right;
    }

    private static float[] RandomFloats(RandomSource rng, int n, float low, float high)
    {
        var values = new float[n];
        for (int i = 0; i < n; i++)
        {
            values[i] = low + ((high - low) * (float)rng.NextDouble());
        }

        return values;
    }

    private static float[] RandomMask(RandomSource rng, int n)
    {
        var mask = new float[n];
        for (int i = 0; i < n; i++)
        {
            mask[i] = rng.NextDouble() < 0.7 ? 1f : 0f;
        }

        return mask;
    }

    private static void AssertBitwise(float expected, float actual, string context) =>
        Assert.True(
            BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(actual),
            $"{context}: expected {expected:R} (0x{BitConverter.SingleToInt32Bits(expected):X8}), got {actual:R} (0x{BitConverter.SingleToInt32Bits(actual):X8})");

    /// <summary>
    /// Standard bound for recursive float summation of n terms: |ŝ − s| ≤ n·u·Σ|terms| with u = 2^-24 (Higham 2002,
    /// §4.2); the eight-lane order has a shorter dependency chain, so this is loose but never fails a correct kernel.
    /// </summary>
    private static void AssertWithinSummationBound(double exact, double magnitude, int n, float actual, string context, double extra = 0)
    {
        double bound = (Math.Max(n, 1) * Math.ScaleB(1.0, -24) * magnitude) + extra + 1e-30;
        Assert.True(Math.Abs(actual - exact) <= bound, $"{context}: {actual:R} vs exact {exact:R}, bound {bound:R}");
    }
}
