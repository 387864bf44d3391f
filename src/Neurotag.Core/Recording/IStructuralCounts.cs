namespace Neurotag.Core.Recording;

/// <summary>
/// Structural plasticity counts that a projection's rule or competition reports about itself (pruning, "use it or
/// lose it", Chechik, Meilijson &amp; Ruppin 1998; regrowth), so recorders and the run result ask instead of
/// switching on the rule's type.
/// </summary>
public interface IStructuralCounts
{
    /// <summary>Synapses existing now.</summary>
    long Synapses { get; }

    /// <summary>Synapses removed since the start of the run.</summary>
    long Pruned { get; }

    /// <summary>Synapses regrown since the start of the run.</summary>
    long Regrown { get; }

    /// <summary>
    /// Pruning by rank only: the fraction of the synapses that existed at the start of the run removed so far; null
    /// otherwise (then no <c>pruned_fraction</c> row is written).
    /// </summary>
    double? PrunedFraction => null;
}
