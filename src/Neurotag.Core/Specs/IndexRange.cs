namespace Neurotag.Core.Specs;

/// <summary>An inclusive range of neuron indices.</summary>
public readonly record struct IndexRange(int First, int Last)
{
    /// <summary>Number of indices in the range.</summary>
    public int Count => Last - First + 1;
}
