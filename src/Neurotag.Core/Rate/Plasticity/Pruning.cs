using Neurotag.Core.Kernels;
using Neurotag.Core.Randomness;
using Neurotag.Core.Recording;
using Neurotag.Core.Specs;

namespace Neurotag.Core.Rate.Plasticity;

/// <summary>
/// Structural LTD, "use it or lose it" (Chechik, Meilijson &amp; Ruppin 1998; Butz, Wörgötter &amp; van Ooyen 2009):
/// a synapse whose weight has stayed strictly below <c>below</c> for at least <c>for</c> is removed — its weight
/// becomes 0 and it never returns. Online, the condition is checked every <c>check</c> interval; offline, the
/// time below the threshold is computed exactly from the closed-form decay trajectory.
/// </summary>
internal sealed class Pruning : IStructuralCounts
{
    private readonly DenseProjection _projection;
    private readonly PruningSpec _spec;
    private readonly double _checkMs;
    private readonly int _checksToPrune;
    private readonly Regrowth? _regrowth;
    private long _vacanciesAtOfflineStart;

    public Pruning(DenseProjection projection, PruningSpec spec, double dtMs, RandomSource? regrowRandom = null)
    {
        _projection = projection;
        _spec = spec;
        _checkMs = spec.CheckEverySteps * dtMs;
        _checksToPrune = (int)Math.Max(1, Math.Ceiling((spec.ForMs / _checkMs) - 1e-9));
        if (spec.Regrow is { } regrow)
        {
            _regrowth = new Regrowth(projection, regrow, regrowRandom ?? throw new ArgumentNullException(nameof(regrowRandom)));
        }
    }

    public long EverySteps => _spec.CheckEverySteps;

    /// <summary>Synapses removed so far.</summary>
    public long Pruned { get; private set; }

    /// <inheritdoc />
    public long Synapses => _projection.SynapseCount();

    /// <summary>Synapses regrown so far (0 without regrowth).</summary>
    public long Regrown => _regrowth?.Regrown ?? 0;

    /// <summary>Capacity not in use: synapses pruned and not (yet) replaced by regrowth.</summary>
    public long Vacancies => Pruned - Regrown;

    /// <summary>One online check: count consecutive checks below threshold; prune at the required count.</summary>
    public void Check()
    {
        float below = (float)_spec.Below;
        var w = _projection.Weights;
        var mask = _projection.Mask!;
        var count = _projection.BelowCount!;
        for (long k = 0; k < w.LongLength; k++)
        {
            if (mask[k] == 0f)
            {
                continue;
            }

            if (w[k] < below)
            {
                if (++count[k] >= _checksToPrune)
                {
                    Remove(k);
                }
            }
            else
            {
                count[k] = 0;
            }
        }

        // Regrowth after removal: a synapse pruned at this check is a vacancy from now on (and may regrow at once,
        // with probability 1 − e^{−check/τ}, somewhere else or in the same slot).
        _regrowth?.Regrow(Vacancies, _checkMs);
    }

    /// <summary>
    /// Offline interval: weights follow <c>w(t) = w_rest + (w − w_rest)·e^{−t/τ}</c> (constant without decay), so each
    /// synapse crosses the threshold at most once, at <c>t* = τ·ln((w − w_rest)/(below − w_rest))</c>. The time spent
    /// below during the interval is added to the time already accumulated; a synapse that reaches <c>for</c> is removed.
    /// Call before the weights themselves are decayed.
    /// </summary>
    public void FastForward(double durationMs, double? decayTauMs)
    {
        _vacanciesAtOfflineStart = Vacancies;
        double below = _spec.Below;
        double rest = _projection.RestWeight;
        var w = _projection.Weights;
        var mask = _projection.Mask!;
        var count = _projection.BelowCount!;
        for (long k = 0; k < w.LongLength; k++)
        {
            if (mask[k] == 0f)
            {
                continue;
            }

            double w0 = w[k];
            double accumulatedMs = count[k] * _checkMs;
            bool prune = OfflinePruning.Outcome(w0, rest, below, decayTauMs, accumulatedMs, durationMs, _spec.ForMs, out double belowAtEndMs);
            if (prune)
            {
                Remove(k);
            }
            else
            {
                count[k] = (int)Math.Min(int.MaxValue, Math.Floor((belowAtEndMs / _checkMs) + 1e-9));
            }
        }
    }

    /// <summary>
    /// Offline regrowth, called after the weights of the interval were decayed: the vacancies present at the start
    /// of the interval are each refilled with probability <c>1 − e^{−T/τ}</c>; the new synapses appear at the end
    /// of the interval with the regrowth weight. Synapses pruned during the interval wait for the next one.
    /// </summary>
    public void RegrowAfterOffline(double durationMs) => _regrowth?.Regrow(_vacanciesAtOfflineStart, durationMs);

    private void Remove(long k)
    {
        _projection.Weights[k] = 0f;
        _projection.Mask![k] = 0f;
        _projection.BelowCount![k] = 0;
        Pruned++;
    }
}
