namespace Neurotag.Core.Specs;

/// <summary>Which side of a synapse normalization conserves.</summary>
public enum NormalizePer
{
    /// <summary>Each postsynaptic neuron's summed incoming weight.</summary>
    Post,

    /// <summary>Each presynaptic neuron's summed outgoing weight.</summary>
    Pre,

    /// <summary>
    /// Both: alternating post and pre scaling (Sinkhorn 1964), ending with a post pass; see
    /// <see cref="NormalizationSpec.Iterations"/>.
    /// </summary>
    Both,
}
