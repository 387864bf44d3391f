using Neurotag.Core.Kernels;

namespace Neurotag.Core.Rate.Plasticity;

/// <summary>Fixed weights: input_j += sign · Σ_i w_ji x_i.</summary>
internal sealed class StaticRule(DenseProjection projection) : IProjectionRule
{
    public void Advance(bool learning) => Propagate(projection);

    public void FastForward(double durationMs)
    {
    }

    /// <summary>Adds the projection's input to its postsynaptic population.</summary>
    internal static void Propagate(DenseProjection projection)
    {
        var input = projection.Post.Input;
        var x = projection.PreRates;
        for (int j = 0; j < projection.PostCount; j++)
        {
            input[projection.PostNeurons[j]] += projection.Sign * VectorKernels.Dot(projection.Row(j), x);
        }
    }
}
