using Neurotag.Core.Randomness;

namespace Neurotag.Core.Tests.Randomness;

public sealed class RandomSourceTests
{
    // Upper 0.1 % points of the chi-square distribution (p = 0.001): a correct generator with a fixed seed passes,
    // a biased one (one bin favoured by a few per cent at 100k draws) fails.
    private const double ChiSquare9DfP001 = 27.877;
    private const double ChiSquare19DfP001 = 43.820;

    [Fact]
    public void SplitMix64_WithSeed1234567_ProducesThePublishedTestVector()
    {
        // Published reference output of SplitMix64 (Steele, Lea & Flood 2014; Vigna's splitmix64.c) for seed 1234567.
        ulong[] expected = [6457827717110365317UL, 3203168211198807973UL, 9817491932198370423UL, 4593380528125082431UL, 16408922859458223821UL];
        var generator = new SplitMix64(1234567);

        var actual = expected.Select(_ => generator.Next()).ToArray();

        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData(0UL)]
    [InlineData(1234567UL)]
    [InlineData(ulong.MaxValue)]
    public void NextUInt64_MatchesANaiveXoshiro256StarStarFromTheSameStateWords(ulong seed)
    {
        // The state is the first four SplitMix64 outputs (Vigna's recommended seeding, checked against the published
        // vector above); the naive reference below follows the published xoshiro256** 1.0 C code line by line.
        var expander = new SplitMix64(seed);
        var reference = new NaiveXoshiro256StarStar(expander.Next(), expander.Next(), expander.Next(), expander.Next());
        var source = new RandomSource(seed);

        for (int k = 0; k < 1000; k++)
        {
            Assert.Equal(reference.Next(), source.NextUInt64());
        }
    }

    [Fact]
    public void NextDouble_IsTheTop53BitsOfTheNextOutputScaledTo01()
    {
        var expander = new SplitMix64(42);
        var reference = new NaiveXoshiro256StarStar(expander.Next(), expander.Next(), expander.Next(), expander.Next());
        var source = new RandomSource(42);

        for (int k = 0; k < 1000; k++)
        {
            double expected = (reference.Next() >> 11) / 9007199254740992.0; // 2^53
            Assert.Equal(expected, source.NextDouble());
        }
    }

    [Fact]
    public void NextDouble_StaysInTheHalfOpenUnitInterval()
    {
        var source = new RandomSource(7);
        double min = double.PositiveInfinity, max = double.NegativeInfinity;
        for (int k = 0; k < 100_000; k++)
        {
            double u = source.NextDouble();
            Assert.InRange(u, 0.0, Math.BitDecrement(1.0));
            min = Math.Min(min, u);
            max = Math.Max(max, u);
        }

        // 100k uniform draws: the extremes are within 1e-3 of the ends with probability 1 − 2e^{-100}.
        Assert.True(min < 1e-3, $"min {min}");
        Assert.True(max > 1 - 1e-3, $"max {max}");
    }

    [Fact]
    public void NextInt_OverTenValues_PassesAChiSquareUniformityTest()
    {
        const int draws = 100_000;
        var source = new RandomSource(2024);
        var counts = new long[10];
        for (int k = 0; k < draws; k++)
        {
            int v = source.NextInt(10);
            Assert.InRange(v, 0, 9);
            counts[v]++;
        }

        Assert.True(ChiSquare(counts, draws / 10.0) < ChiSquare9DfP001, $"chi-square {ChiSquare(counts, draws / 10.0)}");
    }

    [Fact]
    public void NextInt_WithALargeNonPowerOfTwoRange_IsUniformOverTenEqualBins()
    {
        // 3·2^29 is where a modulo reduction of 32 random bits would be most biased (bins 0..3 twice as likely as the rest).
        const int range = 3 << 29;
        const int draws = 100_000;
        var source = new RandomSource(99);
        var counts = new long[10];
        for (int k = 0; k < draws; k++)
        {
            int v = source.NextInt(range);
            Assert.InRange(v, 0, range - 1);
            counts[(int)((long)v * 10 / range)]++;
        }

        Assert.True(ChiSquare(counts, draws / 10.0) < ChiSquare9DfP001, $"chi-square {ChiSquare(counts, draws / 10.0)}");
    }

    [Fact]
    public void NextInt_WithANonPositiveBound_Throws()
    {
        var source = new RandomSource(1);
        Assert.Throws<ArgumentOutOfRangeException>(() => source.NextInt(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => source.NextInt(-3));
    }

    [Fact]
    public void NextNormal_HasMeanZeroAndVarianceOne()
    {
        const int draws = 100_000;
        var source = new RandomSource(31337);
        double sum = 0, sumSq = 0;
        for (int k = 0; k < draws; k++)
        {
            double z = source.NextNormal();
            sum += z;
            sumSq += z * z;
        }

        double mean = sum / draws;
        double variance = (sumSq / draws) - (mean * mean);

        // Tolerance: 4 standard errors. SE(mean) = 1/√n; SE(variance) = √(2/n) for a standard normal.
        Assert.True(Math.Abs(mean) < 4 / Math.Sqrt(draws), $"mean {mean}");
        Assert.True(Math.Abs(variance - 1) < 4 * Math.Sqrt(2.0 / draws), $"variance {variance}");
    }

    [Fact]
    public void NextNormal_HasStandardNormalTailMass()
    {
        // P(|Z| > 1.96) = 0.05; a uniform or badly scaled deviate would miss it by far more than 4 binomial SEs.
        const int draws = 100_000;
        var source = new RandomSource(5);
        int tail = 0;
        for (int k = 0; k < draws; k++)
        {
            tail += Math.Abs(source.NextNormal()) > 1.959964 ? 1 : 0;
        }

        double fraction = (double)tail / draws;
        Assert.True(Math.Abs(fraction - 0.05) < 4 * Math.Sqrt(0.05 * 0.95 / draws), $"tail fraction {fraction}");
    }

    [Fact]
    public void SampleWithoutReplacement_ReturnsDistinctSortedInRangeIndices_EachEquallyLikely()
    {
        const int population = 20;
        const int k = 5;
        const int trials = 20_000;
        var source = new RandomSource(11);
        var counts = new long[population];
        var pick = new int[k];
        for (int t = 0; t < trials; t++)
        {
            source.SampleWithoutReplacement(population, pick);
            for (int m = 0; m < k; m++)
            {
                Assert.InRange(pick[m], 0, population - 1);
                if (m > 0)
                {
                    Assert.True(pick[m] > pick[m - 1], "indices must be strictly increasing (sorted and distinct)");
                }

                counts[pick[m]]++;
            }
        }

        // Each index is included with probability p = k/N per trial. Inclusion indicators of a k-subset have variance
        // p(1−p) and covariance −p(1−p)/(N−1), so Σ(O−E)² / (T·p(1−p)·N/(N−1)) is chi-square with N−1 degrees of freedom.
        double p = (double)k / population;
        double expected = trials * p;
        double statistic = counts.Sum(c => (c - expected) * (c - expected)) / (trials * p * (1 - p) * population / (population - 1));
        Assert.True(statistic < ChiSquare19DfP001, $"chi-square {statistic}");
    }

    [Fact]
    public void SampleWithoutReplacement_OfTheWholePopulation_ReturnsEveryIndex()
    {
        var pick = new int[17];
        new RandomSource(3).SampleWithoutReplacement(17, pick);
        Assert.Equal(Enumerable.Range(0, 17), pick);
    }

    [Fact]
    public void SampleWithoutReplacement_OfMoreThanThePopulation_Throws()
    {
        var source = new RandomSource(3);
        Assert.Throws<ArgumentOutOfRangeException>(() => source.SampleWithoutReplacement(4, new int[5]));
    }

    [Fact]
    public void ForName_WithTheSameNameAndSeed_GivesTheSameSequence()
    {
        var a = RandomSource.ForName(123, "noise:cortex");
        var b = RandomSource.ForName(123, "noise:cortex");
        Assert.Equal(Draw(a, 64), Draw(b, 64));
    }

    [Fact]
    public void ForName_WithDifferentNamesOrSeeds_GivesDifferentSequences()
    {
        var reference = Draw(RandomSource.ForName(123, "noise:cortex"), 8);
        Assert.NotEqual(reference, Draw(RandomSource.ForName(123, "noise:cortex2"), 8));
        Assert.NotEqual(reference, Draw(RandomSource.ForName(123, "noise:cortez"), 8));
        Assert.NotEqual(reference, Draw(RandomSource.ForName(123, ""), 8));
        Assert.NotEqual(reference, Draw(RandomSource.ForName(124, "noise:cortex"), 8));
    }

    [Fact]
    public void ForName_IsTheStreamSeededWithSplitMixOfSeedXorFnv1aOfTheName()
    {
        // The documented derivation, re-implemented: FNV-1a 64 over UTF-16 code units, xor the seed, one SplitMix64 output.
        const string name = "tag:pain";
        const ulong seed = 987654321;
        ulong hash = 14695981039346656037UL;
        foreach (char c in name)
        {
            hash = unchecked((hash ^ c) * 1099511628211UL);
        }

        ulong derived = new SplitMix64(seed ^ hash).Next();
        Assert.Equal(Draw(new RandomSource(derived), 8), Draw(RandomSource.ForName(seed, name), 8));
    }

    private static ulong[] Draw(RandomSource source, int count)
    {
        var values = new ulong[count];
        for (int k = 0; k < count; k++)
        {
            values[k] = source.NextUInt64();
        }

        return values;
    }

    private static double ChiSquare(long[] counts, double expected) =>
        counts.Sum(c => (c - expected) * (c - expected) / expected);

    /// <summary>
    /// xoshiro256** 1.0 written from the published reference C code (Blackman &amp; Vigna, prng.di.unimi.it):
    /// result = rotl(s[1]·5, 7)·9; t = s[1] &lt;&lt; 17; s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3];
    /// s[2] ^= t; s[3] = rotl(s[3], 45).
    /// </summary>
    private sealed class NaiveXoshiro256StarStar(ulong s0, ulong s1, ulong s2, ulong s3)
    {
        private readonly ulong[] _s = [s0, s1, s2, s3];

        public ulong Next()
        {
            ulong result = unchecked(Rotl(unchecked(_s[1] * 5), 7) * 9);
            ulong t = _s[1] << 17;
            _s[2] ^= _s[0];
            _s[3] ^= _s[1];
            _s[1] ^= _s[2];
            _s[0] ^= _s[3];
            _s[2] ^= t;
            _s[3] = Rotl(_s[3], 45);
            return result;
        }

        private static ulong Rotl(ulong x, int k) => (x << k) | (x >> (64 - k));
    }
}
