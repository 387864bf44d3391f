using Neurotag.Core.Kernels;
using Neurotag.Core.Network;
using Neurotag.Core.Simulation;
using Neurotag.Core.Specs;

namespace Neurotag.Core.Plasticity;

/// <summary>
/// Rate-based Hebbian learning (Hebb 1949; Dayan &amp; Abbott 2001, §8.2) with passive decay toward the resting
/// weight and three-factor modulation (Frémaux &amp; Gerstner 2016):
/// <c>dw/dt = η·(1 + g·m(t))·x·y − (w − w_rest)/τ_decay</c>, hard bounds [w_min, w_max].
/// Discretised per step as <c>w ← clamp(a·w + w_rest·(1 − a) + η(1 + g·m)·y·x·dt)</c> with <c>a = e^{−dt/τ_decay}</c>
/// (exact decay; the Hebbian term is forward Euler, exact when the rates are constant and decay is off).
/// Weight update and propagation are one fused pass over each row: every weight is read and written once per step.
/// </summary>
internal sealed class HebbianRule : IProjectionRule
{
    private readonly DenseProjection _projection;
    private readonly ModulatorState _modulators;
    private readonly int _modulator;
    private readonly double _gain;
    private readonly double _etaPerStep;
    private readonly double? _decayTauMs;
    private readonly float _decay;
    private readonly float _decayOffset;
    private readonly float _min;
    private readonly float _max;

    public HebbianRule(DenseProjection projection, PlasticitySpec spec, ModulatorState modulators, double dtMs)
    {
        _projection = projection;
        _modulators = modulators;
        _modulator = spec.ModulatedBy is null ? -1 : modulators.IndexOf(spec.ModulatedBy);
        _gain = spec.ModulationGain;
        _etaPerStep = spec.Rate * dtMs / 1000.0;
        _decayTauMs = spec.DecayTauMs;
        double a = spec.DecayTauMs is { } tau ? Math.Exp(-dtMs / tau) : 1.0;
        _decay = (float)a;
        _decayOffset = (float)(projection.RestWeight * (1.0 - a));
        _min = (float)projection.Spec.Weight.Min;
        _max = (float)projection.Spec.Weight.Max;
    }

    public void Advance(bool learning)
    {
        if (!learning)
        {
            StaticRule.Propagate(_projection);
            return;
        }

        var p = _projection;
        double factor = _modulator >= 0 ? 1.0 + (_gain * _modulators.Levels[_modulator]) : 1.0;
        double etaStep = _etaPerStep * factor;
        var postRate = p.Post.Rate;
        var input = p.Post.Input;
        var x = p.PreRates;
        for (int j = 0; j < p.PostCount; j++)
        {
            int post = p.PostNeurons[j];
            float c = (float)(etaStep * postRate[post]);
            float s = VectorKernels.UpdateRowAndDot(p.Row(j), p.MaskRow(j), x, _decay, _decayOffset, c, _min, _max);
            input[post] += p.Sign * s;
        }
    }

    public void FastForward(double durationMs)
    {
        if (_decayTauMs is not { } tau)
        {
            return;
        }

        float a = (float)Math.Exp(-durationMs / tau);
        float rest = _projection.RestWeight;
        var w = _projection.Weights;
        var mask = _projection.Mask;
        for (long k = 0; k < w.LongLength; k++)
        {
            if (mask is null || mask[k] != 0f)
            {
                w[k] = Math.Clamp(rest + ((w[k] - rest) * a), _min, _max);
            }
        }
    }

    /// <summary>The weight that decay alone leads <paramref name="w"/> to after <paramref name="durationMs"/>.</summary>
    internal static double Decayed(double w, double rest, double? tauMs, double durationMs) =>
        tauMs is { } tau ? rest + ((w - rest) * Math.Exp(-durationMs / tau)) : w;
}
