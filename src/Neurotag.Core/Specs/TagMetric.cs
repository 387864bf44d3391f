namespace Neurotag.Core.Specs;

/// <summary>Tag metrics, defined once for every network kind.</summary>
public enum TagMetric
{
    /// <summary>Mean rate of the tag's members.</summary>
    Activation,
    /// <summary>Mean weight among the tag's members (existing synapses of the population's excitatory recurrent projections, self-synapses excluded).</summary>
    Strength,
    /// <summary>Mean weight from tag A's members to tag B's members over the excitatory projections from A's population to B's, for every ordered pair of distinct tags that such a projection connects.</summary>
    Coupling,
    /// <summary>For neurons shared by A and B, the fraction whose summed incoming weight from A's exclusive members exceeds that from B's.</summary>
    Ownership,
    /// <summary>Fraction of the tag's members whose rate exceeds <see cref="RecordSpec.ActiveAbove"/> (retrieval hits).</summary>
    Recall,
    /// <summary>Fraction of the population's neurons outside the tag whose rate exceeds <see cref="RecordSpec.ActiveAbove"/> (false alarms of retrieval).</summary>
    Spurious,
    /// <summary>Fraction of the population in the tag's cell assembly: its members and every neuron reachable from them along excitatory recurrent synapses heavier than <see cref="RecordSpec.SizeAbove"/> (Tetzlaff et al. 2015, Sci Rep 5:12866). Rate networks only.</summary>
    Size,

    /// <summary>
    /// Rate core: the overlap m = (1/N)·Σ_i ξ_i r_i of the population's state with the tag read as a ±1 pattern
    /// (ξ_i = +1 for members, −1 for the other N − |tag| neurons): 1 for perfect retrieval of ±1 units, ≈ 0 for an
    /// unrelated state (Amit, Gutfreund &amp; Sompolinsky 1985, Phys Rev Lett 55:1530).
    /// </summary>
    Overlap,
}
