using Neurotag.Core.Recording;
using Neurotag.Core.Specs;

namespace Neurotag.Core.Spiking.Plasticity;

/// <summary>
/// The spiking core's hooks for a rule whose state is spike traces on the CSR arrays (<see cref="ITracedSynapses"/>):
/// events forwarded to the synapses, then the projection's competition (normalization, pruning) after each learning
/// step, as for pair STDP. <c>plasticity: off</c> keeps the traces running (they are neuron state) but changes no
/// weight. No modulation, eligibility or passive decay: the compiler refuses them for these rules, and offline the
/// weights hold. A rule is a subclass that only says how its synapses are built.
/// </summary>
/// <typeparam name="TSynapses">The rule's trace state and updates.</typeparam>
public abstract class TracedSpikingRule<TSynapses> : ISpikingRule
    where TSynapses : ITracedSynapses
{
    private readonly SparseCompetition _competition;
    private readonly double _rest;
    private long _learningSteps;

    /// <summary>Builds the rule's synapses on <paramref name="projection"/> with the competition's pruning mask.</summary>
    /// <param name="projection">The projection (its spec carries the rule's parameters).</param>
    /// <param name="dtMs">Step in ms.</param>
    /// <param name="createSynapses">The rule's synapses from the CSR view, bounds [min, max], the pruning mask, and whether presynaptic traces are kept per synapse (per-synapse delays).</param>
    protected TracedSpikingRule(SparseProjection projection, double dtMs, Func<SparseSynapses, float, float, byte[]?, bool, TSynapses> createSynapses)
    {
        ArgumentNullException.ThrowIfNull(projection);
        ArgumentNullException.ThrowIfNull(createSynapses);
        var spec = projection.Spec;
        Projection = projection;
        var synapses = new SparseSynapses(projection.PreCount, projection.PostCount, projection.RowStart, projection.Post,
            projection.Pre, projection.Weight, projection.ColStart, projection.ColSynapse);
        float min = (float)spec.Weight.Min, max = (float)spec.Weight.Max;
        _rest = Math.Clamp(spec.Weight.Init.Mean, spec.Weight.Min, spec.Weight.Max);
        _competition = new SparseCompetition(synapses, spec.Normalization, spec.Pruning, min, max, dtMs);
        Synapses = createSynapses(synapses, min, max, _competition.Alive, projection.HasSynapseDelays);
        projection.Alive = _competition.Alive;
    }

    /// <inheritdoc />
    public SparseProjection Projection { get; }

    /// <summary>The rule state (traces).</summary>
    public TSynapses Synapses { get; }

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
