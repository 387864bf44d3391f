namespace Neurotag.Core.Specs;

/// <summary>
/// An intrinsic parameter a neuron model lets a phase's <c>set:</c> change: the compiler reads the value by
/// <see cref="Kind"/> and range, and the population applies it by <see cref="Name"/> (SetParameter).
/// </summary>
/// <param name="Name">The name after the dot in <c>POPULATION.NAME</c>.</param>
/// <param name="Kind">The kind of value (and so its unit).</param>
/// <param name="Minimum">The smallest value allowed, or null for none.</param>
/// <param name="MinimumExclusive">Whether <paramref name="Minimum"/> itself is refused.</param>
public sealed record ParameterInfo(string Name, QuantityKind Kind, double? Minimum = null, bool MinimumExclusive = false)
{
    /// <summary>Whether the value is the spike threshold in mV (plots draw it on the membrane trace).</summary>
    public bool IsSpikeThreshold { get; init; }
}
