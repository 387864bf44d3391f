using Neurotag.Core.Specs;

namespace Neurotag.Core.Rate.Plasticity;

/// <summary>
/// Synaptic scaling toward a target rate, applied after the projection's learning rule in every learning step:
/// <c>dw/dt = … + (F_T − F_post)·g(w)/τ_SS</c> with g(w) = w² (Tetzlaff, Kolodziejski, Timme &amp; Wörgötter 2011,
/// Front Comput Neurosci 5:47; Tetzlaff et al. 2013, PLoS Comput Biol 9:e1003307; Tetzlaff et al. 2015, Sci Rep
/// 5:12866) or g(w) = w (van Rossum, Bi &amp; Turrigiano 2000, J Neurosci 20:8812). F_post is the rate the rule used
/// in the same step, so every input of a neuron is scaled by the same signal whatever projection it arrives through:
/// the neuron's inputs compete for it. The scaling term is integrated exactly over the step for the step's rate
/// (operator splitting after the rule's forward-Euler step): with k = (F_T − F)·dt/τ_SS,
/// <c>w ← w/(1 − k·w)</c> (quadratic; the upper bound when 1 − k·w ≤ 0, the finite-time blow-up) or
/// <c>w ← w·e^k</c> (multiplicative). Then the hard bounds; absent and pruned synapses stay exactly 0.
/// </summary>
internal sealed class SynapticScaling
{
    private readonly DenseProjection _projection;
    private readonly ScalingSpec _spec;
    private readonly double _dtOverTau;

    public SynapticScaling(DenseProjection projection, ScalingSpec spec, double dtMs)
    {
        _projection = projection;
        _spec = spec;
        _dtOverTau = dtMs / spec.TauMs;
    }

    public void Apply()
    {
        var p = _projection;
        var rate = p.Post.Rate;
        float min = (float)p.Spec.Weight.Min;
        float max = (float)p.Spec.Weight.Max;
        bool quadratic = _spec.Form == ScalingForm.Quadratic;
        for (int j = 0; j < p.PostCount; j++)
        {
            double k = (_spec.TargetRate - rate[p.PostNeurons[j]]) * _dtOverTau;
            if (k == 0)
            {
                continue;
            }

            float factor = (float)Math.Exp(k);
            var row = p.Row(j);
            var mask = p.MaskRow(j);
            for (int i = 0; i < row.Length; i++)
            {
                if (!mask.IsEmpty && mask[i] == 0f)
                {
                    continue;
                }

                float w = row[i];
                float next;
                if (quadratic)
                {
                    double denominator = 1.0 - (k * w);
                    next = denominator > 0 ? (float)(w / denominator) : max;
                }
                else
                {
                    next = w * factor;
                }

                row[i] = Math.Clamp(next, min, max);
            }
        }
    }
}
