using Neurotag.Core.Protocol;
using Neurotag.Core.Specs;

namespace Neurotag.Core.Rate.Plasticity;

/// <summary>
/// The covariance rule (Sejnowski 1977, J Math Biol 4:303; Dayan &amp; Abbott 2001, §8.2, with both means
/// subtracted), with passive decay and three-factor modulation:
/// <c>dw_i/dt = η·(1 + g·m)·(x_i − ⟨x_i⟩)·(y − ⟨y⟩) − (w_i − w_rest)/τ_decay</c>, where ⟨·⟩ are running means,
/// <c>τ_mean d⟨x⟩/dt = x − ⟨x⟩</c>, one per presynaptic and one per postsynaptic neuron of the projection.
/// Correlated activity potentiates, anti-correlated activity depresses, independent activity leaves w unchanged
/// on average.
/// <para>
/// Discretisation per learning step, with the rates of the step and the means of the start of the step:
/// <c>w_i ← clamp(a·w_i + w_rest·(1 − a) + η_eff·dt·(y − ⟨y⟩)·(x_i − ⟨x_i⟩))</c> (exact decay, forward-Euler learning
/// term), then <c>⟨x⟩ ← x + (⟨x⟩ − x)·e^{−dt/τ_mean}</c> (exponential Euler). The means start at the rates of the first
/// learning step (their steady state for that activity), so rates held constant from the start never change w.
/// Offline, the network is at rest (rates 0), so the means relax as ⟨x⟩·e^{−T/τ_mean}; with <c>plasticity: off</c>
/// they are frozen. Means are kept in double precision; the centred rates are rounded to float once per step.
/// </para>
/// </summary>
internal sealed class CovarianceRule : RateRuleBase
{
    private readonly double _meanDecay;
    private readonly double _tauMeanMs;
    private readonly float[] _centred;
    private bool _started;

    public CovarianceRule(DenseProjection projection, PlasticitySpec spec, ModulatorState modulators, double dtMs)
        : base(projection, spec, modulators, dtMs)
    {
        _tauMeanMs = spec.CovarianceTauMeanMs;
        _meanDecay = Math.Exp(-dtMs / spec.CovarianceTauMeanMs);
        PreMean = new double[projection.PreCount];
        PostMean = new double[projection.PostCount];
        _centred = new float[projection.PreCount];
    }

    /// <summary>⟨x⟩ of each local presynaptic neuron.</summary>
    internal double[] PreMean { get; }

    /// <summary>⟨y⟩ of each local postsynaptic neuron.</summary>
    internal double[] PostMean { get; }

    public override void FastForward(double durationMs)
    {
        base.FastForward(durationMs);
        double a = Math.Exp(-durationMs / _tauMeanMs);
        for (int i = 0; i < PreMean.Length; i++)
        {
            PreMean[i] *= a;
        }

        for (int j = 0; j < PostMean.Length; j++)
        {
            PostMean[j] *= a;
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
            for (int i = 0; i < p.PreCount; i++)
            {
                PreMean[i] = x[i];
            }

            for (int j = 0; j < p.PostCount; j++)
            {
                PostMean[j] = postRate[p.PostNeurons[j]];
            }

            _started = true;
        }

        for (int i = 0; i < p.PreCount; i++)
        {
            _centred[i] = (float)(x[i] - PreMean[i]);
        }

        for (int j = 0; j < p.PostCount; j++)
        {
            int post = p.PostNeurons[j];
            double y = postRate[post];
            float c = (float)(etaStep * (y - PostMean[j]));
            float s = PlasticityKernels.UpdateRowAndDot(p.Row(j), p.MaskRow(j), x, _centred, Decay, DecayOffset, c, Min, Max);
            input[post] += p.Sign * s;
            PostMean[j] = y + ((PostMean[j] - y) * _meanDecay);
        }

        for (int i = 0; i < p.PreCount; i++)
        {
            PreMean[i] = x[i] + ((PreMean[i] - x[i]) * _meanDecay);
        }
    }
}
