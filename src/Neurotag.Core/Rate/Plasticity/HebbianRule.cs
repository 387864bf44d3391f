using Neurotag.Core.Kernels;
using Neurotag.Core.Protocol;
using Neurotag.Core.Specs;

namespace Neurotag.Core.Rate.Plasticity;

/// <summary>
/// Rate-based Hebbian learning (Hebb 1949; Dayan &amp; Abbott 2001, §8.2) with passive decay toward the resting
/// weight and three-factor modulation (Frémaux &amp; Gerstner 2016):
/// <c>dw/dt = η·(1 + g·m(t))·x·y − (w − w_rest)/τ_decay</c>, hard bounds [w_min, w_max].
/// Discretised per step as <c>w ← clamp(a·w + w_rest·(1 − a) + η(1 + g·m)·y·x·dt)</c> with <c>a = e^{−dt/τ_decay}</c>
/// (exact decay; the Hebbian term is forward Euler, exact when the rates are constant and decay is off).
/// Weight update and propagation are one fused pass over each row: every weight is read and written once per step.
/// </summary>
internal sealed class HebbianRule(DenseProjection projection, PlasticitySpec spec, ModulatorState modulators, double dtMs)
    : RateRuleBase(projection, spec, modulators, dtMs)
{
    protected override void Learn(double etaStep)
    {
        var p = Projection;
        var postRate = p.Post.Rate;
        var input = p.Post.Input;
        var x = p.PreRates;
        for (int j = 0; j < p.PostCount; j++)
        {
            int post = p.PostNeurons[j];
            float c = (float)(etaStep * postRate[post]);
            float s = VectorKernels.UpdateRowAndDot(p.Row(j), p.MaskRow(j), x, Decay, DecayOffset, c, Min, Max);
            input[post] += p.Sign * s;
        }
    }
}
