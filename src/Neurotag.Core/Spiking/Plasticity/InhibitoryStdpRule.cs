using Neurotag.Core.Specs;

namespace Neurotag.Core.Spiking.Plasticity;

/// <summary>
/// Inhibitory STDP with a target rate (rule <c>istdp</c>; Vogels, Sprekeler, Zenke, Clopath &amp; Gerstner 2011,
/// Science 334:1569) on a <see cref="SparseProjection"/>: <see cref="InhibitoryStdpSynapses"/> driven as every trace
/// rule is (<see cref="TracedSpikingRule{TSynapses}"/>).
/// </summary>
public sealed class InhibitoryStdpRule : TracedSpikingRule<InhibitoryStdpSynapses>
{
    /// <summary>Inhibitory STDP on <paramref name="projection"/>, whose spec must carry rule istdp and its parameters.</summary>
    public InhibitoryStdpRule(SparseProjection projection, double dtMs)
        : base(projection, dtMs, (synapses, min, max, alive, perSynapsePreTrace) =>
            new InhibitoryStdpSynapses(synapses, Parameters(projection), min, max, dtMs, alive, perSynapsePreTrace))
    {
    }

    private static InhibitoryStdpSpec Parameters(SparseProjection projection) =>
        projection.Spec.Plasticity is { Rule: PlasticityRule.Istdp, InhibitoryStdp: { } p }
            ? p
            : throw new ArgumentException($"projection '{projection.Spec.Name}' has no inhibitory STDP parameters", nameof(projection));
}
