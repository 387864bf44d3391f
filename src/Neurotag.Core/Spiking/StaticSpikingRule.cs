using Neurotag.Core.Recording;

namespace Neurotag.Core.Spiking;

/// <summary>Fixed weights: every hook does nothing.</summary>
public sealed class StaticSpikingRule(SparseProjection projection) : ISpikingRule
{
    /// <inheritdoc />
    public SparseProjection Projection { get; } = projection;

    /// <inheritdoc />
    public void OnPreSpikes(ReadOnlySpan<int> arrivingPre, bool learning)
    {
    }

    /// <inheritdoc />
    public void OnSynapseArrivals(ReadOnlySpan<int> arrivingSynapses, bool learning)
    {
    }

    /// <inheritdoc />
    public void OnPostSpikes(ReadOnlySpan<int> postSpikes, bool learning)
    {
    }

    /// <inheritdoc />
    public void EndStep(bool learning)
    {
    }

    /// <inheritdoc />
    public void FastForward(double durationMs)
    {
    }

    /// <inheritdoc />
    public IStructuralCounts? StructuralCounts => null;

    /// <summary>Whether a rule does nothing (the simulator skips its hooks).</summary>
    public static bool IsStatic(ISpikingRule rule) => rule is StaticSpikingRule;
}
