using Neurotag.Core.Randomness;
using Neurotag.Core.Specs;
using Neurotag.Core.Spiking;

namespace Neurotag.Core.Tests.Spiking;

/// <summary>
/// The vector LIF step at every length 0..256 against its scalar reference, bit for bit, and the polynomial exp
/// against Math.Exp. Lengths 0..256 cover the 16-lane body, the 8-lane remainder and the scalar tail; run the Kernels
/// category again with <c>DOTNET_EnableHWIntrinsic=0</c> (scalar only) and <c>DOTNET_EnableAVX512=0</c> (8 lanes only;
/// .NET 10 replaced the older EnableAVX512F switch); <see cref="Kernels.KernelsWithoutSimdTests"/> does both.
/// </summary>
[Trait("Category", "Kernels")]
public sealed class SpikingKernelsTests
{
    [Fact]
    public void Exp_IsWithinOneMillionthOfMathExp()
    {
        for (double x = -87; x <= 0; x += 0.001)
        {
            double exact = Math.Exp((float)x); // the float argument, not the double x
            Assert.InRange(SpikingKernels.Exp((float)x), exact * (1 - 1e-6), exact * (1 + 1e-6));
        }
    }

    [Fact]
    public void ExpVector_IsBitwiseTheScalarExp()
    {
        var rng = new RandomSource(7);
        for (int k = 0; k < 10_000; k++)
        {
            var x = new float[8];
            for (int l = 0; l < 8; l++)
            {
                x[l] = (float)((k % 2 == 0 ? -100 : -0.36) * rng.NextDouble()); // odd k: mostly the k = 0 fast path
            }

            var v = SpikingKernels.Exp(System.Runtime.Intrinsics.Vector256.Create(x));
            for (int l = 0; l < 8; l++)
            {
                Assert.Equal(BitConverter.SingleToInt32Bits(SpikingKernels.Exp(x[l])), BitConverter.SingleToInt32Bits(v[l]));
            }
        }
    }

    [Fact]
    public void ExpVector512_IsBitwiseTheScalarExp()
    {
        var rng = new RandomSource(8);
        for (int k = 0; k < 10_000; k++)
        {
            var x = new float[16];
            for (int l = 0; l < 16; l++)
            {
                x[l] = (float)((k % 2 == 0 ? -100 : -0.36) * rng.NextDouble()); // odd k: mostly the k = 0 fast path
            }

            var v = SpikingKernels.Exp(System.Runtime.Intrinsics.Vector512.Create(x));
            for (int l = 0; l < 16; l++)
            {
                Assert.Equal(BitConverter.SingleToInt32Bits(SpikingKernels.Exp(x[l])), BitConverter.SingleToInt32Bits(v[l]));
            }
        }
    }

    [Fact]
    public void Exp_IsAccurate_AtTheReductionBoundaries()
    {
        // x·log2(e) ≈ k + 0.5 is where the range reduction switches k, so the reduced argument r is at its largest
        // (|r| ≈ ln2/2) and the polynomial's error at its worst: the result must still be within the stated 1e-6.
        for (int k = -125; k <= 0; k++)
        {
            float x = (float)((k - 0.5) * Math.Log(2));
            double exact = Math.Exp(x);
            Assert.InRange(SpikingKernels.Exp(x), exact * (1 - 1e-6), exact * (1 + 1e-6));
        }
    }

    [Theory]
    [InlineData(SynapseKind.Conductance)]
    [InlineData(SynapseKind.Current)]
    public void LifStep_AtEveryLength_IsBitwiseTheScalarReference(SynapseKind synapse)
    {
        var neuron = SpikingSpecs.Lif(bias: 20, tRefMs: 0.3, synapse: synapse);
        var c = LifPopulation.Constants(neuron, 0.1);
        var rng = new RandomSource(11);
        for (int n = 0; n <= 256; n++)
        {
            var v = Random(rng, n, -62, -49.5);
            var ge = Random(rng, n, 0, 60);
            var gi = Random(rng, n, 0, n % 2 == 0 ? 300 : 3000); // odd n: conductances large enough for exp's k ≠ 0 path
            var refr = new float[n];
            for (int i = 0; i < n; i++)
            {
                refr[i] = rng.NextDouble() < 0.3 ? rng.NextInt(4) : 0;
            }

            var (v2, ge2, gi2, refr2) = ((float[])v.Clone(), (float[])ge.Clone(), (float[])gi.Clone(), (float[])refr.Clone());
            var spikes = new int[n];
            int count = SpikingKernels.LifStep(v, ge, gi, refr, in c, spikes);
            var expected = new List<int>();
            for (int i = 0; i < n; i++)
            {
                if (SpikingKernels.LifStepOne(ref v2[i], ref ge2[i], ref gi2[i], ref refr2[i], in c))
                {
                    expected.Add(i);
                }
            }

            Assert.Equal(expected, spikes.Take(count));
            Assert.Equal(Bits(v2), Bits(v));
            Assert.Equal(Bits(ge2), Bits(ge));
            Assert.Equal(Bits(gi2), Bits(gi));
            Assert.Equal(Bits(refr2), Bits(refr));
        }
    }

    private static float[] Random(RandomSource rng, int n, double lo, double hi)
    {
        var x = new float[n];
        for (int i = 0; i < n; i++)
        {
            x[i] = (float)(lo + ((hi - lo) * rng.NextDouble()));
        }

        return x;
    }

    private static int[] Bits(float[] x) => [.. x.Select(BitConverter.SingleToInt32Bits)];
}
