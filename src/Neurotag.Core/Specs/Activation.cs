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
}
