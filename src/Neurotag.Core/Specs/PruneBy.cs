namespace Neurotag.Core.Specs;

/// <summary>How a projection's pruning chooses the synapses it removes (<see cref="PruningSpec"/>).</summary>
public enum PruneBy
{
    /// <summary>A synapse that stayed below a weight level for a time (use it or lose it; the original mode).</summary>
    Level,

    /// <summary>
    /// By rank: a fraction of the existing synapses with the smallest |w|, ties broken by the lower flat index
    /// (minimal-value deletion, Chechik, Meilijson &amp; Ruppin 1998, Neural Comput 10:1759).
    /// </summary>
    Magnitude,

    /// <summary>The same count as <see cref="Magnitude"/>, drawn uniformly from the seed (the control of Chechik et al. 1998).</summary>
    Random,
}
