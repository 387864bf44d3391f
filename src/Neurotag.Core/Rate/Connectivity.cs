using Neurotag.Core.Randomness;
using Neurotag.Core.Specs;

namespace Neurotag.Core.Rate;

/// <summary>Builds the synapse mask and initial weights of a projection from its connectivity rule (NEST's rule names and meaning).</summary>
internal static class Connectivity
{
    /// <summary>Fills the mask (if needed) and initial weights of <paramref name="projection"/>.</summary>
    public static void Build(DenseProjection projection, RandomSource connectRng, RandomSource weightRng)
    {
        var spec = projection.Spec;
        var rule = spec.Connectivity.Rule;
        bool excludeSelf = projection.IsRecurrent && !spec.Connectivity.AllowSelf;
        bool needsMask = rule != ConnectivityRule.AllToAll || excludeSelf || spec.Pruning is not null;
        int pre = projection.PreCount;
        int post = projection.PostCount;
        float[]? mask = needsMask ? new float[(long)pre * post] : null;

        switch (rule)
        {
            case ConnectivityRule.AllToAll:
                if (mask is not null)
                {
                    Array.Fill(mask, 1f);
                }

                break;
            case ConnectivityRule.OneToOne:
                for (int j = 0; j < post; j++)
                {
                    mask![((long)j * pre) + j] = 1f;
                }

                break;
            case ConnectivityRule.FixedProbability:
                double p = spec.Connectivity.Probability;
                for (long k = 0; k < mask!.LongLength; k++)
                {
                    mask[k] = connectRng.NextDouble() < p ? 1f : 0f;
                }

                break;
            case ConnectivityRule.FixedIndegree:
                int indegree = spec.Connectivity.Indegree;
                for (int j = 0; j < post; j++)
                {
                    // Draw k distinct sources among the allowed ones (excluding self when required).
                    int self = excludeSelf ? projection.PreLocal[projection.PostNeurons[j]] : -1;
                    int available = self >= 0 ? pre - 1 : pre;
                    Span<int> pick = new int[indegree];
                    connectRng.SampleWithoutReplacement(available, pick);
                    foreach (int s in pick)
                    {
                        int i = self >= 0 && s >= self ? s + 1 : s;
                        mask![((long)j * pre) + i] = 1f;
                    }
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(projection), rule, "unknown connectivity rule");
        }

        if (excludeSelf)
        {
            for (int j = 0; j < post; j++)
            {
                int i = projection.PreLocal[projection.PostNeurons[j]];
                if (i >= 0)
                {
                    mask![((long)j * pre) + i] = 0f;
                }
            }
        }

        projection.Mask = mask;
        var weights = projection.Weights;
        var init = spec.Weight.Init;
        var matrix = spec.Weight.Matrix;
        for (long k = 0; k < weights.LongLength; k++)
        {
            if (mask is null || mask[k] != 0f)
            {
                weights[k] = matrix is not null ? matrix[(int)k] : (float)Math.Clamp(weightRng.Sample(init), spec.Weight.Min, spec.Weight.Max);
            }
        }

        if (spec.Pruning is not null)
        {
            projection.BelowCount = new int[weights.LongLength];
        }
    }
}
