namespace Neurotag.Core.Specs;

/// <summary>Activation (transfer) function of a rate neuron.</summary>
public enum Activation
{
    /// <summary>f(u) = 1 / (1 + e^{−u}).</summary>
    Sigmoid,
    /// <summary>f(u) = max(0, u).</summary>
    Relu,
    /// <summary>f(u) = tanh(u).</summary>
    Tanh,
    /// <summary>f(u) = u.</summary>
    Linear,
    /// <summary>
    /// f(u) = sign(u) ∈ {−1, 0, +1}: the binary ±1 unit of Hopfield (1982, PNAS 79:2554) with sgn(0) = 0, so a unit
    /// without input stays silent and a network at rest stays at rest.
    /// </summary>
    Sign,
}
