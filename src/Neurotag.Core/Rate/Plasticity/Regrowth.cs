using Neurotag.Core.Randomness;
using Neurotag.Core.Specs;

namespace Neurotag.Core.Rate.Plasticity;

/// <summary>
/// Structural plasticity's other half: pruned capacity regrows (Deger, Helias, Rotter &amp; Diesmann 2012; Butz,
/// Wörgötter &amp; van Ooyen 2009). The capacity is the number of synapses the connectivity rule created; a vacancy is
/// capacity not in use (synapses pruned and not yet replaced). Over an interval Δt each vacancy is refilled with
/// probability <c>1 − e^{−Δt/τ}</c> (a Poisson process of rate 1/τ per vacancy, so the number refilled is binomial).
/// A refilled vacancy becomes a new synapse with weight <c>weight</c> at a location drawn uniformly (from the
/// projection's own seeded stream) among the slots that hold no synapse, self-synapses excluded when the
/// connectivity forbids them — it can land anywhere, so the capacity a forgotten tag lost can be taken by a new one.
/// The number of synapses never exceeds the capacity.
/// </summary>
internal sealed class Regrowth
{
    private readonly DenseProjection _projection;
    private readonly RegrowthSpec _spec;
    private readonly RandomSource _random;
    private readonly bool _excludeSelf;
    private readonly List<int> _candidates = [];

    public Regrowth(DenseProjection projection, RegrowthSpec spec, RandomSource random)
    {
        _projection = projection;
        _spec = spec;
        _random = random;
        _excludeSelf = projection.IsRecurrent && !projection.Spec.Connectivity.AllowSelf;
        Capacity = projection.SynapseCount();
    }

    /// <summary>Synapses the connectivity rule created: the most that may ever exist.</summary>
    public long Capacity { get; }

    /// <summary>Synapses regrown so far.</summary>
    public long Regrown { get; private set; }

    /// <summary>
    /// Refills each of <paramref name="vacancies"/> with probability <c>1 − e^{−Δt/τ}</c>, Δt = <paramref name="intervalMs"/>.
    /// </summary>
    public void Regrow(long vacancies, double intervalMs)
    {
        if (vacancies <= 0)
        {
            return;
        }

        double p = 1.0 - Math.Exp(-intervalMs / _spec.TauMs);
        int count = 0;
        for (long v = 0; v < vacancies; v++)
        {
            count += _random.NextDouble() < p ? 1 : 0;
        }

        if (count == 0)
        {
            return;
        }

        CollectCandidates();
        count = Math.Min(count, _candidates.Count);
        Span<int> pick = new int[count];
        _random.SampleWithoutReplacement(_candidates.Count, pick);
        var w = _projection.Weights;
        var mask = _projection.Mask!;
        float weight = (float)_spec.Weight;
        foreach (int c in pick)
        {
            int k = _candidates[c];
            mask[k] = 1f;
            w[k] = weight;
            _projection.BelowCount![k] = 0;
        }

        Regrown += count;
    }

    /// <summary>Flat indices of the slots without a synapse where one may grow, in increasing order.</summary>
    private void CollectCandidates()
    {
        _candidates.Clear();
        var p = _projection;
        var mask = p.Mask!;
        for (int j = 0; j < p.PostCount; j++)
        {
            int self = _excludeSelf ? p.PreLocal[p.PostNeurons[j]] : -1;
            int start = j * p.PreCount;
            for (int i = 0; i < p.PreCount; i++)
            {
                if (mask[start + i] == 0f && i != self)
                {
                    _candidates.Add(start + i);
                }
            }
        }
    }
}
