namespace Neurotag.Core.Specs;

/// <summary>Initial weights and hard bounds. Initial draws are clipped to [Min, Max].</summary>
public sealed record WeightSpec(Distribution Init, double Min, double Max);
