namespace Neurotag.Core.Specs;

/// <summary>
/// Structural LTD: a synapse whose weight has stayed below <see cref="Below"/> for at least <see cref="ForMs"/>
/// is removed (its weight set to 0 and frozen). Checked every <see cref="CheckEverySteps"/> steps online and in
/// closed form during offline phases.
/// </summary>
public sealed record PruningSpec(double Below, double ForMs, long CheckEverySteps)
{
    /// <summary>
    /// Regrowth of pruned capacity (Deger, Helias, Rotter &amp; Diesmann 2012), or null (pruned synapses never return).
    /// </summary>
    public RegrowthSpec? Regrow { get; init; }
}
