using System.Numerics.Tensors;
using Neurotag.Core.Kernels;
using Neurotag.Core.Specs;

namespace Neurotag.Core.Rate.Plasticity;

/// <summary>
/// Normalization per post with <c>scope: neuron</c>: the summed incoming weight of each postsynaptic neuron is taken
/// over every projection of the pool (the excitatory projections onto one population that declare the scope) and
/// all of them are rescaled by the same factor to the total (von der Malsburg 1973; Miller &amp; MacKay 1994), so an
/// input arriving through one projection gains only what the inputs through the others lose. Each row is summed with
/// the fixed-order float kernel and the rows are added in projection (spec) order: deterministic. Weights are clipped to their bounds after
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
        float total = (float)_total;
        for (int n = 0; n < _postSize; n++)
        {
            // The same float kernels as the per-projection pass, summed over the pool in spec order: a pool of one is
            // bit-identical to normalizing within the projection.
            float sum = 0f;
            foreach (var p in _pool)
            {
                int row = p.PostLocal[n];
                if (row >= 0)
                {
                    sum += VectorKernels.Sum(p.Row(row));
                }
            }

            if (sum <= 0f)
            {
                continue; // like an empty row per projection: left alone
            }

            float factor = total / sum;
            foreach (var p in _pool)
            {
                int row = p.PostLocal[n];
                if (row < 0)
                {
                    continue;
                }

                var weights = p.Row(row);
                TensorPrimitives.Multiply(weights, factor, weights);
                TensorPrimitives.Clamp(weights, (float)p.Spec.Weight.Min, (float)p.Spec.Weight.Max, weights);
                if (p.MaskRow(row) is { IsEmpty: false } mask)
                {
                    // The clamp lifts absent (and pruned) synapses to a positive min: they must stay exactly 0.
                    TensorPrimitives.Multiply(weights, mask, weights);
                }
            }
        }
    }
}
