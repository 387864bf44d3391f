using Neurotag.Core.Protocol;
using Neurotag.Core.Recording;

namespace Neurotag.Core.Spiking.Plasticity;

/// <summary>
/// STDP (rule <c>stdp</c>) on a <see cref="SparseProjection"/>: the spiking core's hooks forwarded to
/// <see cref="StdpPlasticity"/>, which works on the projection's CSR arrays in place.
/// </summary>
public sealed class StdpRule : ISpikingRule
{
    /// <summary>STDP on <paramref name="projection"/>, whose spec must carry rule stdp.</summary>
    public StdpRule(SparseProjection projection, ModulatorState modulators, double dtMs)
    {
        ArgumentNullException.ThrowIfNull(projection);
        Projection = projection;
        var synapses = new SparseSynapses(projection.PreCount, projection.PostCount, projection.RowStart, projection.Post,
            projection.Pre, projection.Weight, projection.ColStart, projection.ColSynapse);
        Plasticity = new StdpPlasticity(synapses, projection.Spec, modulators, dtMs, perSynapsePreTrace: projection.HasSynapseDelays);
        projection.Alive = Plasticity.Synapses.Alive;
    }

    /// <inheritdoc />
    public SparseProjection Projection { get; }

    /// <summary>The rule state (traces, eligibility, pruning).</summary>
    public StdpPlasticity Plasticity { get; }

    /// <inheritdoc />
    public void OnPreSpikes(ReadOnlySpan<int> arrivingPre, bool learning) => Plasticity.OnPreSpikes(arrivingPre, learning);

    /// <inheritdoc />
    public void OnSynapseArrivals(ReadOnlySpan<int> arrivingSynapses, bool learning) => Plasticity.OnSynapseArrivals(arrivingSynapses, learning);

    /// <inheritdoc />
    public void OnPostSpikes(ReadOnlySpan<int> postSpikes, bool learning) => Plasticity.OnPostSpikes(postSpikes, learning);

    /// <inheritdoc />
    public void EndStep(bool learning) => Plasticity.EndStep(learning);

    /// <inheritdoc />
    public void FastForward(double durationMs) => Plasticity.FastForward(durationMs);

    /// <inheritdoc />
    public IStructuralCounts? StructuralCounts => Projection.Spec.Pruning is null ? null : Plasticity.StructuralCounts;
}
