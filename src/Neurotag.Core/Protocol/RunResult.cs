namespace Neurotag.Core.Protocol;

/// <summary>What a finished run reports.</summary>
/// <param name="Steps">Protocol steps, offline ones included.</param>
/// <param name="SimulatedSteps">Steps actually integrated.</param>
/// <param name="EndTimeMs">Simulated time at the end.</param>
/// <param name="PrunedSynapses">Synapses removed, per projection name.</param>
public sealed record RunResult(long Steps, long SimulatedSteps, double EndTimeMs, IReadOnlyDictionary<string, long> PrunedSynapses)
{
    /// <summary>Synapses regrown (pruning with <c>regrow</c>), per projection name.</summary>
    public IReadOnlyDictionary<string, long> RegrownSynapses { get; init; } = new Dictionary<string, long>();
}
