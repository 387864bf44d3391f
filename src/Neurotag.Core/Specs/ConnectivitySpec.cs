namespace Neurotag.Core.Specs;

/// <summary>Which synapses exist.</summary>
/// <param name="Rule">The rule.</param>
/// <param name="Probability">p for <see cref="ConnectivityRule.FixedProbability"/>.</param>
/// <param name="Indegree">k for <see cref="ConnectivityRule.FixedIndegree"/>.</param>
/// <param name="AllowSelf">Whether a neuron may connect to itself (only meaningful when pre and post are the same population).</param>
public sealed record ConnectivitySpec(ConnectivityRule Rule, double Probability, int Indegree, bool AllowSelf);
