namespace Neurotag.Core.Specs;

/// <summary>A group of identical neurons.</summary>
/// <param name="Name">Identifier.</param>
/// <param name="Size">Number of neurons (≥ 1).</param>
/// <param name="Neuron">The neuron model and its parameters.</param>
public sealed record PopulationSpec(string Name, int Size, NeuronSpec Neuron)
{
    /// <summary>
    /// k-winners-take-all (rate populations): each step only the k neurons with the largest drive
    /// <c>I − θ</c> integrate; the others are silenced (rate 0). Null for no kWTA.
    /// </summary>
    public int? Kwta { get; init; }
}
