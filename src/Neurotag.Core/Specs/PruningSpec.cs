namespace Neurotag.Core.Specs;

/// <summary>
/// Structural LTD: a synapse whose weight has stayed below <see cref="Below"/> for at least <see cref="ForMs"/>
/// is removed (its weight set to 0 and frozen). Checked every <see cref="CheckEverySteps"/> steps online and in
/// closed form during offline phases. With <see cref="By"/> a rank mode, instead, a fraction of the synapses is
/// removed at the start of a phase (Below, ForMs and CheckEverySteps are then unused).
/// </summary>
public sealed record PruningSpec(double Below, double ForMs, long CheckEverySteps)
{
    /// <summary>
    /// Regrowth of pruned capacity (Deger, Helias, Rotter &amp; Diesmann 2012), or null (pruned synapses never return).
    /// </summary>
    public RegrowthSpec? Regrow { get; init; }

    /// <summary>How synapses are chosen: below a level (the default, with <see cref="Below"/> and <see cref="ForMs"/>) or by rank.</summary>
    public PruneBy By { get; init; } = PruneBy.Level;

    /// <summary>
    /// Rank modes only: the fraction f in [0, 1) of the synapses existing at the event that is removed, exactly
    /// round(f·N) of the N (halves away from zero).
    /// </summary>
    public double Fraction { get; init; }

    /// <summary>Rank modes only: the phase at the start of each instance of which the fraction is removed.</summary>
    public string? AtPhase { get; init; }
}
