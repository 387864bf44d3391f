using Neurotag.Core.Specs;

namespace Neurotag.Scenarios.Compilation.Projections;

/// <summary>A projection's delay as read: homogeneous steps, or a per-synapse distribution in steps and its longest draw.</summary>
internal sealed record DelayReading(int Steps, Distribution? PerSynapse, int MaxSteps);
