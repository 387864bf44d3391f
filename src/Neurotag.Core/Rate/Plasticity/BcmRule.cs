using Neurotag.Core.Kernels;
using Neurotag.Core.Protocol;
using Neurotag.Core.Specs;

namespace Neurotag.Core.Rate.Plasticity;

/// <summary>
/// The BCM rule (Bienenstock, Cooper &amp; Munro 1982, J Neurosci 2:32) in the form of Intrator &amp; Cooper (1992,
/// Neural Netw 5:3), with passive decay and three-factor modulation:
/// <c>dw_i/dt = η·(1 + g·m)·x_i·y·(y − θ) − (w_i − w_rest)/τ_decay</c>, and per postsynaptic neuron a sliding
/// threshold <c>τ_θ dθ/dt = y² − θ</c>, so θ tracks ⟨y²⟩. Activity above θ potentiates, below it depresses; with
/// several input patterns the neuron becomes selective to one of them.
/// <para>
/// Discretisation per learning step, with the rates of the step: <c>w_i ← clamp(a·w_i + w_rest·(1 − a) + η_eff·dt·y·(y − θ)·x_i)</c>
/// (exact decay, forward-Euler learning term, θ of the start of the step), then
/// <c>θ ← y² + (θ − y²)·e^{−dt/τ_θ}</c> (exponential Euler, exact for y held over the step). θ starts at
/// <see cref="PlasticitySpec.BcmThetaInit"/>, or at y² of the first learning step when that is null. Offline, the
/// network is at rest (y = 0), so θ relaxes as θ·e^{−T/τ_θ}; with <c>plasticity: off</c> θ is frozen.
/// Each projection keeps its own θ per postsynaptic neuron.
/// </para>
/// </summary>
internal sealed class BcmRule : RateRuleBase
{
    private readonly double _thetaDecay;
    private readonly double _tauThetaMs;
    private bool _started;

    public BcmRule(DenseProjection projection, PlasticitySpec spec, ModulatorState modulators, double dtMs)
        : base(projection, spec, modulators, dtMs)
    {
        _tauThetaMs = spec.BcmTauThetaMs;
        _thetaDecay = Math.Exp(-dtMs / spec.BcmTauThetaMs);
        Theta = new double[projection.PostCount];
        if (spec.BcmThetaInit is { } theta0)
        {
            Array.Fill(Theta, theta0);
            _started = true;
        }
    }

    /// <summary>θ of each local postsynaptic neuron.</summary>
    internal double[] Theta { get; }

    public override void FastForward(double durationMs)
    {
        base.FastForward(durationMs);
        double a = Math.Exp(-durationMs / _tauThetaMs);
        for (int j = 0; j < Theta.Length; j++)
        {
            Theta[j] *= a;
        }
    }

    protected override void Learn(double etaStep)
    {
        var p = Projection;
        var postRate = p.Post.Rate;
        var input = p.Post.Input;
        var x = p.PreRates;
        if (!_started)
        {
            for (int j = 0; j < p.PostCount; j++)
            {
                double y0 = postRate[p.PostNeurons[j]];
                Theta[j] = y0 * y0;
            }

            _started = true;
        }

        for (int j = 0; j < p.PostCount; j++)
        {
            int post = p.PostNeurons[j];
            double y = postRate[post];
            double theta = Theta[j];
            float c = (float)(etaStep * y * (y - theta));
            float s = VectorKernels.UpdateRowAndDot(p.Row(j), p.MaskRow(j), x, Decay, DecayOffset, c, Min, Max);
            input[post] += p.Sign * s;
            double y2 = y * y;
            Theta[j] = y2 + ((theta - y2) * _thetaDecay);
        }
    }
}
