using Neurotag.Core.Recording;
using Neurotag.Core.Specs;

namespace Neurotag.Core.Spiking.Plasticity;

/// <summary>
/// Inhibitory STDP with a target rate (rule <c>istdp</c>; Vogels et al. 2011, Science 334:1569) on a
/// <see cref="SparseProjection"/>: the spiking core's hooks forwarded to <see cref="InhibitoryStdpSynapses"/> on the
/// projection's CSR arrays, then the projection's competition (normalization, pruning) after each learning step, as
/// for pair STDP. <c>plasticity: off</c> keeps the traces running (they are neuron state) but changes no weight. No
/// modulation, eligibility or passive decay (the compiler refuses them for this rule).
/// </summary>
public sealed class InhibitoryStdpRule : ISpikingRule
{
    private readonly SparseCompetition _competition;
    private readonly double _rest;
    private long _learningSteps;

    /// <summary>Inhibitory STDP on <paramref name="projection"/>, whose spec must carry rule istdp and its parameters.</summary>
    public InhibitoryStdpRule(SparseProjection projection, double dtMs)
    {
        ArgumentNullException.ThrowIfNull(projection);
        var spec = projection.Spec;
        var istdp = spec.Plasticity is { Rule: PlasticityRule.Istdp, InhibitoryStdp: { } p }
            ? p
            : throw new ArgumentException($"projection '{spec.Name}' has no inhibitory STDP parameters", nameof(projection));
        Projection = projection;
        var synapses = new SparseSynapses(projection.PreCount, projection.PostCount, projection.RowStart, projection.Post,
            projection.Pre, projection.Weight, projection.ColStart, projection.ColSynapse);
        float min = (float)spec.Weight.Min, max = (float)spec.Weight.Max;
        _rest = Math.Clamp(spec.Weight.Init.Mean, spec.Weight.Min, spec.Weight.Max);
        _competition = new SparseCompetition(synapses, spec.Normalization, spec.Pruning, min, max, dtMs);
        Synapses = new InhibitoryStdpSynapses(synapses, istdp, min, max, dtMs, _competition.Alive, perSynapsePreTrace: projection.HasSynapseDelays);
        projection.Alive = _competition.Alive;
    }

    /// <inheritdoc />
    public SparseProjection Projection { get; }

    /// <summary>The rule state (traces).</summary>
    public InhibitoryStdpSynapses Synapses { get; }

    /// <inheritdoc />
    public void OnPreSpikes(ReadOnlySpan<int> arrivingPre, bool learning) => Synapses.OnPreArrivals(arrivingPre, learning ? 1f : 0f);

    /// <inheritdoc />
    public void OnSynapseArrivals(ReadOnlySpan<int> arrivingSynapses, bool learning) => Synapses.OnSynapseArrivals(arrivingSynapses, learning ? 1f : 0f);

    /// <inheritdoc />
    public void OnPostSpikes(ReadOnlySpan<int> postSpikes, bool learning) => Synapses.OnPostSpikes(postSpikes, learning ? 1f : 0f);

    /// <inheritdoc />
    public void EndStep(bool learning)
    {
        Synapses.DecayTraces();
        if (learning)
        {
            _competition.AfterStep(++_learningSteps);
        }
    }

    /// <inheritdoc />
    public void FastForward(double durationMs)
    {
        _competition.FastForward(durationMs, decayTauMs: null, _rest); // no passive decay: the weights hold offline
        Synapses.FastForward(durationMs);
    }

    /// <inheritdoc />
    public IStructuralCounts? StructuralCounts => Projection.Spec.Pruning is null ? null : _competition;
}
