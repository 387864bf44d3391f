namespace Neurotag.Core.Spiking.Plasticity;

/// <summary>
/// Event-driven plasticity on a projection's CSR arrays whose only state is spike traces (triplet STDP, inhibitory
/// STDP): presynaptic arrivals touch their row, postsynaptic spikes their column, traces decay once per step. The
/// spiking core drives every such rule the same way (<see cref="TracedSpikingRule{TSynapses}"/>).
/// </summary>
public interface ITracedSynapses
{
    /// <summary>Presynaptic spikes arriving this step; <paramref name="scale"/> is 0 when plasticity is off, else 1.</summary>
    void OnPreArrivals(ReadOnlySpan<int> pre, float scale);

    /// <summary>Per-synapse delays: the synapses whose spikes arrive this step, in place of <see cref="OnPreArrivals"/>.</summary>
    void OnSynapseArrivals(ReadOnlySpan<int> synapses, float scale);

    /// <summary>Postsynaptic spikes of this step.</summary>
    void OnPostSpikes(ReadOnlySpan<int> post, float scale);

    /// <summary>One step of trace decay, after the step's events.</summary>
    void DecayTraces();

    /// <summary>An offline interval: the traces decay in closed form.</summary>
    void FastForward(double durationMs);
}
