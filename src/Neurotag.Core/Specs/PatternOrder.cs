namespace Neurotag.Core.Specs;

/// <summary>Order in which a pattern set is shown.</summary>
public enum PatternOrder
{
    /// <summary>Pattern 0, 1, …, P−1, 0, 1, … .</summary>
    Cycle,

    /// <summary>Each block of P presentations shows every pattern once, in an order shuffled from the input's seed stream.</summary>
    Random,
}
