using Neurotag.Core.Recording;

namespace Neurotag.Core.Spiking;

/// <summary>
/// Plasticity of one spiking projection, called by <see cref="SpikingSimulator"/> in this order every step:
/// after the projection delivered the spikes arriving now (<c>g += w</c>), <see cref="OnPreSpikes"/> with those
/// presynaptic neurons; after every projection delivered, <see cref="OnPostSpikes"/> with the postsynaptic
/// population's spikes of this step; then <see cref="EndStep"/>. This is Brian2's order (on_pre at arrival, then
/// on_post). Offline phases call <see cref="FastForward"/> instead.
/// </summary>
public interface ISpikingRule
{
    /// <summary>The projection the rule acts on.</summary>
    SparseProjection Projection { get; }

    /// <summary>Presynaptic neurons whose spikes arrived this step (pre population indices, increasing per emission step).</summary>
    void OnPreSpikes(ReadOnlySpan<int> arrivingPre, bool learning);

    /// <summary>
    /// Per-synapse delays: the synapses whose spikes arrived this step (after their weights were added to the
    /// target), in place of <see cref="OnPreSpikes"/>.
    /// </summary>
    void OnSynapseArrivals(ReadOnlySpan<int> arrivingSynapses, bool learning);

    /// <summary>Postsynaptic neurons that spiked this step (post population indices, increasing).</summary>
    void OnPostSpikes(ReadOnlySpan<int> postSpikes, bool learning);

    /// <summary>End of step (trace decay, modulated updates).</summary>
    void EndStep(bool learning);

    /// <summary>Advances decay (and the like) over an offline interval in closed form.</summary>
    void FastForward(double durationMs);

    /// <summary>The rule's structural counts (pruned, regrown), or null when the rule removes no synapse.</summary>
    IStructuralCounts? StructuralCounts { get; }
}
