using Neurotag.Core.Kernels;
using Neurotag.Core.Protocol;
using Neurotag.Core.Specs;

namespace Neurotag.Core.Rate.Plasticity;

/// <summary>
/// Oja's rule (Oja 1982, J Math Biol 15:267; Dayan &amp; Abbott 2001, §8.2), with passive decay and three-factor
/// modulation: <c>dw_i/dt = η·(1 + g·m)·(x_i·y − y²·w_i) − (w_i − w_rest)/τ_decay</c>, hard bounds [w_min, w_max].
/// For a linear unit y = Σ w_i x_i the weight vector converges to the unit-norm leading eigenvector of ⟨x xᵀ⟩
/// (the covariance matrix for zero-mean inputs).
/// <para>
/// Discretisation: within a step the equation is linear in w_i, <c>dw_i/dt = s_i − k·w_i</c> with
/// <c>k = η_eff·y² + 1/τ_decay</c> and <c>s_i = η_eff·y·x_i + w_rest/τ_decay</c>, and is integrated exactly for rates
/// held over the step (exponential Euler):
/// <c>w_i ← clamp(e^{−k·dt}·w_i + (1 − e^{−k·dt})/k · s_i)</c>. To first order in dt this is the forward-Euler
/// step <c>w + η·dt·(y·x − y²·w)</c>, but it stays stable when η·y²·dt is not small (forward Euler oscillates for
/// η·y²·dt &gt; 1 and diverges beyond 2). It reduces to the exact decay of <see cref="HebbianRule"/> when y = 0.
/// </para>
/// </summary>
internal sealed class OjaRule(DenseProjection projection, PlasticitySpec spec, ModulatorState modulators, double dtMs)
    : RateRuleBase(projection, spec, modulators, dtMs)
{
    protected override void Learn(double etaStep)
    {
        var p = Projection;
        var postRate = p.Post.Rate;
        var input = p.Post.Input;
        var x = p.PreRates;
        double rest = p.RestWeight;
        for (int j = 0; j < p.PostCount; j++)
        {
            int post = p.PostNeurons[j];
            double y = postRate[post];
            double k = (etaStep * y * y) + DecayPerStep;          // k·dt
            double phi = OneMinusExpOverK(k);                       // (1 − e^{−k·dt})/(k·dt)
            float a = (float)Math.Exp(-k);
            float b = (float)(DecayPerStep * rest * phi);
            float c = (float)(etaStep * y * phi);
            float s = VectorKernels.UpdateRowAndDot(p.Row(j), p.MaskRow(j), x, a, b, c, Min, Max);
            input[post] += p.Sign * s;
        }
    }
}
