using Neurotag.Core.Specs;

namespace Neurotag.Core.Rate.Plasticity;

/// <summary>
/// Normalization per post with <c>scope: neuron</c>: the summed incoming weight of each postsynaptic neuron is taken
/// over every projection of the pool (the excitatory projections onto one population that declare the scope) and
/// all of them are rescaled by the same factor to the total (von der Malsburg 1973; Miller &amp; MacKay 1994), so an
/// input arriving through one projection gains only what the inputs through the others lose. Sums are accumulated
/// in double in projection (spec) order, then index order: deterministic. Weights are clipped to their bounds after
/// scaling; absent and pruned synapses stay exactly 0.
/// </summary>
internal sealed class NeuronNormalization
{
    private readonly DenseProjection[] _pool;
    private readonly double _total;
    private readonly int _postSize;

    public NeuronNormalization(IReadOnlyList<DenseProjection> pool, NormalizationSpec spec)
    {
        _pool = [.. pool];
        _total = spec.Total;
        EverySteps = spec.EverySteps;
        _postSize = pool[0].Post.Size;
    }

    public long EverySteps { get; }

    public void Apply()
    {
        for (int n = 0; n < _postSize; n++)
        {
            double sum = 0;
            foreach (var p in _pool)
            {
                int row = p.PostLocal[n];
                if (row >= 0)
                {
                    foreach (float w in p.Row(row))
                    {
                        sum += w;
                    }
                }
            }

            if (sum <= 0)
            {
                continue; // like an empty row per projection: left alone
            }

            float factor = (float)(_total / sum);
            foreach (var p in _pool)
            {
                int row = p.PostLocal[n];
                if (row < 0)
                {
                    continue;
                }

                float min = (float)p.Spec.Weight.Min;
                float max = (float)p.Spec.Weight.Max;
                var weights = p.Row(row);
                var mask = p.MaskRow(row);
                for (int i = 0; i < weights.Length; i++)
                {
                    if (mask.IsEmpty || mask[i] != 0f)
                    {
                        weights[i] = Math.Clamp(weights[i] * factor, min, max);
                    }
                }
            }
        }
    }
}
