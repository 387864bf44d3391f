using Neurotag.Core.Specs;

namespace Neurotag.Core.Rate.Plasticity;

/// <summary>
/// Heterosynaptic depression with <c>scope: neuron</c> (Lynch, Dunwiddie &amp; Gribkoff 1977; Chistiakova, Bannon,
/// Bazhenov &amp; Volgushev 2014): as <see cref="HeterosynapticDepression"/>, but P_j (the summed positive change of
/// the step) and W_j (the summed weight after it) of postsynaptic neuron j are taken over every projection of the
/// pool, and all of j's inputs in the pool are depressed by the same factor <c>1 − h·P_j/W_j</c>. So potentiation
/// through one projection depresses the inputs arriving through the others. Snapshots are taken before the first
/// rule of the step and the depression applied after the last one; a rule only changes its own projection, so this
/// equals applying it per projection when the pool has one member.
/// </summary>
internal sealed class NeuronHeterosynaptic
{
    private readonly DenseProjection[] _pool;
    private readonly float[][] _before;
    private readonly double _h;
    private readonly int _postSize;

    public NeuronHeterosynaptic(IReadOnlyList<DenseProjection> pool, HeterosynapticSpec spec)
    {
        _pool = [.. pool];
        _before = [.. pool.Select(p => new float[p.Weights.LongLength])];
        _h = spec.Rate;
        _postSize = pool[0].Post.Size;
    }

    /// <summary>Keeps the weights of the start of the step (call before any rule's update).</summary>
    public void Snapshot()
    {
        for (int k = 0; k < _pool.Length; k++)
        {
            _pool[k].Weights.AsSpan().CopyTo(_before[k]);
        }
    }

    /// <summary>Applies the depression to every neuron whose inputs potentiated in this step (call after every rule's update).</summary>
    public void Apply()
    {
        for (int n = 0; n < _postSize; n++)
        {
            // Double accumulators in pool order, then index order: deterministic and independent of SIMD.
            double potentiation = 0, total = 0;
            for (int k = 0; k < _pool.Length; k++)
            {
                var p = _pool[k];
                int row = p.PostLocal[n];
                if (row < 0)
                {
                    continue;
                }

                long start = (long)row * p.PreCount;
                for (long s = start; s < start + p.PreCount; s++)
                {
                    float delta = p.Weights[s] - _before[k][s];
                    if (delta > 0f)
                    {
                        potentiation += delta;
                    }

                    total += p.Weights[s];
                }
            }

            if (potentiation <= 0 || total <= 0)
            {
                continue;
            }

            float factor = (float)(1.0 - (_h * potentiation / total));
            foreach (var p in _pool)
            {
                int row = p.PostLocal[n];
                if (row < 0)
                {
                    continue;
                }

                float min = (float)p.Spec.Weight.Min;
                var weights = p.Row(row);
                var mask = p.MaskRow(row);
                for (int i = 0; i < weights.Length; i++)
                {
                    if (mask.IsEmpty || mask[i] != 0f)
                    {
                        weights[i] = Math.Max(min, weights[i] * factor);
                    }
                }
            }
        }
    }
}
