using System.Numerics;

namespace Neurotag.Core.Randomness;

/// <summary>
/// xoshiro256** 1.0 (Blackman &amp; Vigna 2021, "Scrambled linear pseudorandom number generators", ACM TOMS 47(4)).
/// Every random draw of a run comes from a stream derived from the master seed and a stable name
/// (<see cref="ForName"/>), so adding a population or changing thread count never shifts another stream,
/// and results never depend on <see cref="System.Random"/>'s implementation.
/// </summary>
public sealed class RandomSource
{
    private ulong _s0, _s1, _s2, _s3;
    private double _spareNormal;
    private bool _hasSpareNormal;

    /// <summary>A stream seeded by expanding <paramref name="seed"/> with SplitMix64.</summary>
    public RandomSource(ulong seed)
    {
        var sm = new SplitMix64(seed);
        _s0 = sm.Next();
        _s1 = sm.Next();
        _s2 = sm.Next();
        _s3 = sm.Next();
    }

    /// <summary>
    /// The stream for <paramref name="name"/> under <paramref name="masterSeed"/>: the name is hashed with 64-bit
    /// FNV-1a over its UTF-16 code units and mixed into the seed, so distinct names give independent streams.
    /// </summary>
    public static RandomSource ForName(ulong masterSeed, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        ulong hash = 0xCBF29CE484222325UL;
        foreach (char c in name)
        {
            hash ^= c;
            hash *= 0x100000001B3UL;
        }

        var mix = new SplitMix64(masterSeed ^ hash);
        return new RandomSource(mix.Next());
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        ulong result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform on [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform integer on [0, <paramref name="exclusiveMax"/>), unbiased (Lemire 2019 multiply-and-reject).</summary>
    public int NextInt(int exclusiveMax)
    {
        if (exclusiveMax <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(exclusiveMax), exclusiveMax, "must be positive");
        }

        ulong range = (ulong)exclusiveMax;
        ulong product = Math.BigMul(NextUInt64(), range, out ulong low);
        if (low < range)
        {
            ulong threshold = (0UL - range) % range;
            while (low < threshold)
            {
                product = Math.BigMul(NextUInt64(), range, out low);
            }
        }

        return (int)product;
    }

    /// <summary>Standard normal deviate (Marsaglia polar method; both deviates of a pair are used).</summary>
    public double NextNormal()
    {
        if (_hasSpareNormal)
        {
            _hasSpareNormal = false;
            return _spareNormal;
        }

        double u, v, s;
        do
        {
            u = (2.0 * NextDouble()) - 1.0;
            v = (2.0 * NextDouble()) - 1.0;
            s = (u * u) + (v * v);
        }
        while (s >= 1.0 || s == 0.0);

        double factor = Math.Sqrt(-2.0 * Math.Log(s) / s);
        _spareNormal = v * factor;
        _hasSpareNormal = true;
        return u * factor;
    }

    /// <summary>
    /// Fills <paramref name="destination"/> with distinct indices drawn uniformly from
    /// [0, <paramref name="populationSize"/>) in increasing order (selection sampling, Knuth TAOCP vol. 2, Algorithm S).
    /// </summary>
    public void SampleWithoutReplacement(int populationSize, Span<int> destination)
    {
        int count = destination.Length;
        if (count > populationSize)
        {
            throw new ArgumentOutOfRangeException(nameof(destination), "more samples than the population holds");
        }

        int chosen = 0;
        for (int i = 0; i < populationSize && chosen < count; i++)
        {
            // Select i with probability (needed / remaining).
            if ((populationSize - i) * NextDouble() < count - chosen)
            {
                destination[chosen++] = i;
            }
        }
    }

    /// <summary>Draws from <paramref name="distribution"/>.</summary>
    public double Sample(Specs.Distribution distribution) => distribution switch
    {
        Specs.ConstantDistribution c => c.Value,
        Specs.UniformDistribution u => u.Low + ((u.High - u.Low) * NextDouble()),
        Specs.NormalDistribution n => n.Mu + (n.Sigma * NextNormal()),
        _ => throw new ArgumentOutOfRangeException(nameof(distribution)),
    };
}
