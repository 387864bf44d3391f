using System.Runtime.CompilerServices;
using Neurotag.Core.Randomness;
using Neurotag.Core.Specs;

namespace Neurotag.Core.Spiking;

/// <summary>
/// Builds a <see cref="SparseProjection"/> from the connectivity rules of the rate core (NEST names and meaning),
/// without ever allocating the dense pre × post matrix: fixed_probability draws the gaps between successive
/// synapses of a row as geometric variates (Batagelj &amp; Brandes 2005), so building costs O(synapses).
/// </summary>
public static class SparseConnectivity
{
    /// <summary>Builds the synapses of <paramref name="spec"/> between the given members (sorted population indices).</summary>
    public static SparseProjection Build(
        ProjectionSpec spec, SpikingPopulation pre, int[] preMembers, SpikingPopulation post, int[] postMembers,
        RandomSource connectRng, RandomSource weightRng, RandomSource? delayRng = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(preMembers);
        ArgumentNullException.ThrowIfNull(postMembers);
        ArgumentNullException.ThrowIfNull(connectRng);
        ArgumentNullException.ThrowIfNull(weightRng);
        bool excludeSelf = ReferenceEquals(pre, post) && !spec.Connectivity.AllowSelf;
        double pairs = (double)preMembers.Length * postMembers.Length;
        double estimate = spec.Connectivity.Rule switch
        {
            ConnectivityRule.FixedProbability => (spec.Connectivity.Probability * pairs * 1.01) + 64,
            ConnectivityRule.FixedIndegree => (double)postMembers.Length * spec.Connectivity.Indegree,
            ConnectivityRule.OneToOne => preMembers.Length,
            _ => pairs,
        };
        int expected = (int)Math.Min(1 << 28, estimate); // a capacity hint only
        var pres = new List<int>(expected);
        var posts = new List<int>(expected);
        switch (spec.Connectivity.Rule)
        {
            case ConnectivityRule.AllToAll:
                foreach (int i in preMembers)
                {
                    foreach (int j in postMembers)
                    {
                        if (!(excludeSelf && i == j))
                        {
                            pres.Add(i);
                            posts.Add(j);
                        }
                    }
                }

                break;
            case ConnectivityRule.OneToOne:
                for (int k = 0; k < preMembers.Length; k++)
                {
                    if (!(excludeSelf && preMembers[k] == postMembers[k]))
                    {
                        pres.Add(preMembers[k]);
                        posts.Add(postMembers[k]);
                    }
                }

                break;
            case ConnectivityRule.FixedProbability:
                FixedProbability(spec.Connectivity.Probability, preMembers, postMembers, excludeSelf, connectRng, pres, posts);
                break;
            case ConnectivityRule.FixedIndegree:
                FixedIndegree(spec.Connectivity.Indegree, preMembers, postMembers, excludeSelf, connectRng, pres, posts);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(spec), spec.Connectivity.Rule, "unknown connectivity rule");
        }

        var delays = spec.SynapseDelaySteps is { } d
            ? Delays(d, spec.MaxSynapseDelaySteps, pres.Count, delayRng ?? throw new ArgumentNullException(nameof(delayRng), "per-synapse delays need a random stream"))
            : null;
        return new SparseProjection(spec, pre, post, [.. pres], [.. posts], Weights(spec.Weight, pres.Count, weightRng), delays);
    }

    /// <summary>Per-synapse delays in synapse order: draws in steps rounded to the nearest step (halves up), clipped to [0, max].</summary>
    private static int[] Delays(Distribution distribution, int maxSteps, int count, RandomSource rng)
    {
        var delays = new int[count];
        for (int s = 0; s < delays.Length; s++)
        {
            double steps = Math.Round(rng.Sample(distribution), MidpointRounding.AwayFromZero);
            delays[s] = (int)Math.Clamp(steps, 0, maxSteps);
        }

        return delays;
    }

    /// <summary>Initial weights in synapse order, clipped to the bounds.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static float[] Weights(WeightSpec spec, int count, RandomSource rng)
    {
        var weights = new float[count];
        if (spec.Init is ConstantDistribution c)
        {
            Array.Fill(weights, (float)Math.Clamp(c.Value, spec.Min, spec.Max));
            return weights;
        }

        for (int s = 0; s < weights.Length; s++)
        {
            weights[s] = (float)Math.Clamp(rng.Sample(spec.Init), spec.Min, spec.Max);
        }

        return weights;
    }


    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void FixedProbability(double p, int[] preMembers, int[] postMembers, bool excludeSelf, RandomSource rng, List<int> pres, List<int> posts)
    {
        if (p <= 0)
        {
            return;
        }

        double logKeep = p >= 1 ? double.NegativeInfinity : Math.Log(1 - p);
        int n = postMembers.Length;
        foreach (int i in preMembers)
        {
            // Candidate k is the index into postMembers; each is kept with probability p independently.
            long k = -1;
            while (true)
            {
                k += double.IsNegativeInfinity(logKeep) ? 1 : 1 + (long)Math.Floor(Math.Log(1.0 - rng.NextDouble()) / logKeep);
                if (k >= n)
                {
                    break;
                }

                int j = postMembers[k];
                if (!(excludeSelf && i == j))
                {
                    pres.Add(i);
                    posts.Add(j);
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void FixedIndegree(int indegree, int[] preMembers, int[] postMembers, bool excludeSelf, RandomSource rng, List<int> pres, List<int> posts)
    {
        var pairs = new List<long>(postMembers.Length * indegree);
        var pick = new int[indegree];
        foreach (int j in postMembers)
        {
            int self = excludeSelf ? Array.BinarySearch(preMembers, j) : -1;
            int available = self >= 0 ? preMembers.Length - 1 : preMembers.Length;
            rng.SampleWithoutReplacement(available, pick);
            foreach (int s in pick)
            {
                int k = self >= 0 && s >= self ? s + 1 : s;
                pairs.Add(((long)preMembers[k] << 32) | (uint)j);
            }
        }

        pairs.Sort();
        foreach (long pair in pairs)
        {
            pres.Add((int)(pair >> 32));
            posts.Add((int)(pair & 0xFFFFFFFF));
        }
    }
}
