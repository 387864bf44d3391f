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
/// By rank instead (<see cref="PruneBy.Magnitude"/>, <see cref="PruneBy.Random"/>): at the start of each instance of a
/// named phase, exactly round(f·N) of the N existing synapses are removed — the smallest |w| (minimal-value
/// deletion, Chechik et al. 1998, Neural Comput 10:1759; ties to the lower flat index) or a uniform draw from the
/// stream <c>prune:NAME</c> (their random-deletion control).
/// </summary>
internal sealed class Pruning : IStructuralCounts
{
    private readonly DenseProjection _projection;
    private readonly PruningSpec _spec;
    private readonly double _checkMs;
    private readonly int _checksToPrune;
    private readonly Regrowth? _regrowth;
    private readonly RandomSource? _pruneRandom;
    private readonly long _initialSynapses;
    private long _vacanciesAtOfflineStart;

    public Pruning(DenseProjection projection, PruningSpec spec, double dtMs, RandomSource? regrowRandom = null, RandomSource? pruneRandom = null)
    {
        _projection = projection;
        _spec = spec;
        _initialSynapses = projection.SynapseCount();
        if (spec.By == PruneBy.Random)
        {
            _pruneRandom = pruneRandom ?? throw new ArgumentNullException(nameof(pruneRandom));
        }

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

    /// <summary>
    /// Rank modes: the fraction of the synapses existing at the start of the run removed so far (Pruned over that
    /// count); null in the level mode, whose structural rows stay as they were.
    /// </summary>
    public double? PrunedFraction => _spec.By == PruneBy.Level ? null : _initialSynapses == 0 ? 0.0 : (double)Pruned / _initialSynapses;

    /// <summary>Rank modes: at the start of an instance of the named phase, removes the fraction by rank.</summary>
    public void EnterPhase(string phase)
    {
        if (_spec.By == PruneBy.Level || !string.Equals(phase, _spec.AtPhase, StringComparison.Ordinal))
        {
            return;
        }

        var existing = new List<long>();
        for (long k = 0; k < _projection.Weights.LongLength; k++)
        {
            if (_projection.Exists(k))
            {
                existing.Add(k);
            }
        }

        int count = (int)Math.Round(_spec.Fraction * existing.Count, MidpointRounding.AwayFromZero);
        if (_spec.By == PruneBy.Magnitude)
        {
            var w = _projection.Weights;
            existing.Sort((a, b) =>
            {
                int byMagnitude = Math.Abs(w[a]).CompareTo(Math.Abs(w[b]));
                return byMagnitude != 0 ? byMagnitude : a.CompareTo(b);
            });
            for (int r = 0; r < count; r++)
            {
                Remove(existing[r]);
            }
        }
        else
        {
            Span<int> pick = new int[count];
            _pruneRandom!.SampleWithoutReplacement(existing.Count, pick);
            foreach (int r in pick)
            {
                Remove(existing[r]);
            }
        }
    }

    /// <summary>One online check: count consecutive checks below threshold; prune at the required count (level mode only).</summary>
    public void Check()
    {
        if (_spec.By != PruneBy.Level)
        {
            return;
        }

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
        if (_spec.By != PruneBy.Level)
        {
            return; // rank pruning happens at phase starts only
        }

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
