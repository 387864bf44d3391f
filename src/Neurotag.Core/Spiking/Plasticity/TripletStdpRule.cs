using Neurotag.Core.Specs;

namespace Neurotag.Core.Spiking.Plasticity;

/// <summary>
/// Triplet STDP (rule <c>stdp_triplet</c>; Pfister &amp; Gerstner 2006, J Neurosci 26:9673) on a
/// <see cref="SparseProjection"/>: <see cref="TripletStdpSynapses"/> driven as every trace rule is
/// (<see cref="TracedSpikingRule{TSynapses}"/>).
/// </summary>
public sealed class TripletStdpRule : TracedSpikingRule<TripletStdpSynapses>
{
    /// <summary>Triplet STDP on <paramref name="projection"/>, whose spec must carry rule stdp_triplet.</summary>
    public TripletStdpRule(SparseProjection projection, double dtMs)
        : base(projection, dtMs, (synapses, min, max, alive, perSynapsePreTrace) =>
            new TripletStdpSynapses(synapses, Parameters(projection), min, max, dtMs, alive, perSynapsePreTrace))
    {
    }

    private static TripletStdpSpec Parameters(SparseProjection projection) =>
        projection.Spec.Plasticity is { Rule: PlasticityRule.StdpTriplet } p
            ? p.Triplet ?? TripletStdpSpec.VisualCortexMinimal
            : throw new ArgumentException($"projection '{projection.Spec.Name}' has no triplet STDP parameters", nameof(projection));
}
