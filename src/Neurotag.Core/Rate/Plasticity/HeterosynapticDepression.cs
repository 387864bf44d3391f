using Neurotag.Core.Specs;

namespace Neurotag.Core.Rate.Plasticity;

/// <summary>
/// Heterosynaptic depression: when some inputs of a neuron potentiate, its other inputs depress (Lynch, Dunwiddie
/// &amp; Gribkoff 1977; reviewed by Chistiakova, Bannon, Bazhenov &amp; Volgushev 2014). After each learning step, for
/// every postsynaptic neuron j, with P_j the sum of the positive weight changes of the step on its row (whatever
/// rule produced them, after the bounds) and W_j the row sum after the step:
/// <c>w_ij ← max(w_min, w_ij·(1 − h·P_j/W_j))</c>.
/// All inputs lose in proportion to their weight, so the inputs that did not potentiate lose ground to the ones that
/// did, and with h = 1 the row sum is exactly conserved (unless w_min binds): potentiation-triggered competition for
/// the neuron, unlike periodic normalization, which also rescales rows in which nothing was learned.
/// </summary>
internal sealed class HeterosynapticDepression
{
    private readonly DenseProjection _projection;
    private readonly double _h;
    private readonly float[] _before;

    public HeterosynapticDepression(DenseProjection projection, HeterosynapticSpec spec)
    {
        _projection = projection;
        _h = spec.Rate;
        _before = new float[projection.Weights.LongLength];
    }

    /// <summary>Keeps the weights of the start of the step (call before the rule's update).</summary>
    public void Snapshot() => _projection.Weights.AsSpan().CopyTo(_before);

    /// <summary>Applies the depression to every row that potentiated in this step.</summary>
    public void Apply()
    {
        var p = _projection;
        var w = p.Weights;
        float min = (float)p.Spec.Weight.Min;
        int n = p.PreCount;
        for (int j = 0; j < p.PostCount; j++)
        {
            int start = j * n;

            // Double accumulators in index order: deterministic and independent of SIMD.
            double potentiation = 0, total = 0;
            for (int k = start; k < start + n; k++)
            {
                float delta = w[k] - _before[k];
                if (delta > 0f)
                {
                    potentiation += delta;
                }

                total += w[k];
            }

            if (potentiation <= 0 || total <= 0)
            {
                continue;
            }

            float factor = (float)(1.0 - (_h * potentiation / total));
            var mask = p.MaskRow(j);
            for (int i = 0; i < n; i++)
            {
                if (mask.IsEmpty || mask[i] != 0f)
                {
                    w[start + i] = Math.Max(min, w[start + i] * factor);
                }
            }
        }
    }
}
