using System.Numerics.Tensors;
using Neurotag.Core.Kernels;
using Neurotag.Core.Network;
using Neurotag.Core.Specs;

namespace Neurotag.Core.Plasticity;

/// <summary>
/// Competition for shared neurons by multiplicative synaptic normalization (von der Malsburg 1973; Miller &amp;
/// MacKay 1994): every <c>every</c> steps each postsynaptic neuron's summed incoming weight is rescaled to
/// <c>total</c>. A neuron is a limited resource: when one tag's synapses onto it grow, every other input shrinks.
/// Weights are clipped to their bounds after scaling, so the total is exact unless a bound binds.
/// </summary>
internal sealed class SynapticNormalization(DenseProjection projection, NormalizationSpec spec)
{
    public long EverySteps => spec.EverySteps;

    public void Apply()
    {
        float total = (float)spec.Total;
        float min = (float)projection.Spec.Weight.Min;
        float max = (float)projection.Spec.Weight.Max;
        for (int j = 0; j < projection.PostCount; j++)
        {
            var row = projection.Row(j);
            float sum = VectorKernels.Sum(row);
            if (sum > 0f)
            {
                TensorPrimitives.Multiply(row, total / sum, row);
                TensorPrimitives.Clamp(row, min, max, row);
                var mask = projection.MaskRow(j);
                if (!mask.IsEmpty)
                {
                    // The clamp lifts absent (and pruned) synapses to a positive min: they must stay exactly 0.
                    TensorPrimitives.Multiply(row, mask, row);
                }
            }
        }
    }
}
