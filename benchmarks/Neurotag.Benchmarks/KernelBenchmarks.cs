using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Neurotag.Core.Kernels;
using Neurotag.Core.Randomness;

namespace Neurotag.Benchmarks;

/// <summary>
/// The two hot kernels of the rate core on one row of <see cref="Length"/> synapses (a row of the N = 4000 step,
/// resident in L1/L2 here, so this is compute cost, not memory traffic), each against a naive scalar loop marked
/// as the baseline of its category so that the Ratio column reads as the speed-up.
/// </summary>
[Config(typeof(KernelConfig))]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class KernelBenchmarks
{
    /// <summary>Row length.</summary>
    public const int Length = 4000;

    private const float Decay = 0.99999f;
    private const float Rest = 1f / Length;
    private const float Offset = Rest * (1f - Decay);
    private const float Hebb = 5e-7f;
    private const float Min = 0f;
    private const float Max = 1f;

    private readonly float[] _w = new float[Length];
    private readonly float[] _x = new float[Length];
    private readonly float[] _mask = new float[Length];

    /// <summary>Weights around the resting weight, rates in [0, 1), a mask with one absent synapse (self: false).</summary>
    [GlobalSetup]
    public void Setup()
    {
        var rng = new RandomSource(7);
        for (int i = 0; i < Length; i++)
        {
            _w[i] = (float)(2.0 * Rest * rng.NextDouble());
            _x[i] = (float)rng.NextDouble();
            _mask[i] = 1f;
        }

        _mask[Length / 2] = 0f;
        _w[Length / 2] = 0f;
    }

    /// <summary>Σ w·x, one scalar accumulator.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("Dot")]
    public float NaiveDot()
    {
        float[] w = _w;
        float[] x = _x;
        float sum = 0f;
        for (int i = 0; i < w.Length; i++)
        {
            sum += w[i] * x[i];
        }

        return sum;
    }

    /// <summary><see cref="VectorKernels.Dot"/>.</summary>
    [Benchmark, BenchmarkCategory("Dot")]
    public float Dot() => VectorKernels.Dot(_w, _x);

    /// <summary>The fused Hebbian update of one row and its dot product, scalar, no mask.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("UpdateRowAndDot")]
    public float NaiveUpdateRowAndDot()
    {
        float[] w = _w;
        float[] x = _x;
        float sum = 0f;
        for (int i = 0; i < w.Length; i++)
        {
            float wi = Math.Clamp((Decay * w[i]) + Offset + (Hebb * x[i]), Min, Max);
            w[i] = wi;
            sum += wi * x[i];
        }

        return sum;
    }

    /// <summary><see cref="VectorKernels.UpdateRowAndDot"/> without a mask (self: true).</summary>
    [Benchmark, BenchmarkCategory("UpdateRowAndDot")]
    public float UpdateRowAndDot() => VectorKernels.UpdateRowAndDot(_w, default, _x, Decay, Offset, Hebb, Min, Max);

    /// <summary>The fused Hebbian update of one row and its dot product, scalar, with a mask.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("UpdateRowAndDotMasked")]
    public float NaiveUpdateRowAndDotMasked()
    {
        float[] w = _w;
        float[] x = _x;
        float[] mask = _mask;
        float sum = 0f;
        for (int i = 0; i < w.Length; i++)
        {
            float wi = Math.Clamp((Decay * w[i]) + Offset + (Hebb * x[i]), Min, Max) * mask[i];
            w[i] = wi;
            sum += wi * x[i];
        }

        return sum;
    }

    /// <summary><see cref="VectorKernels.UpdateRowAndDot"/> with a mask (self: false).</summary>
    [Benchmark, BenchmarkCategory("UpdateRowAndDotMasked")]
    public float UpdateRowAndDotMasked() => VectorKernels.UpdateRowAndDot(_w, _mask, _x, Decay, Offset, Hebb, Min, Max);
}
