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

/// <summary>
/// Base of every neuron model's parameters. Each model also states what a scenario may do with it at run time, so the
/// compiler (record.state, protocol set:) and Core ask the model rather than switch on its type. These are methods,
/// not properties, so that records print and compare as before.
/// </summary>
public abstract record NeuronSpec
{
    /// <summary>The state variables <c>record.state</c> may sample (none for a model without state, e.g. a Poisson source).</summary>
    public virtual IReadOnlyList<StateVariable> RecordableState() => [];

    /// <summary>The intrinsic parameters a phase's <c>set:</c> may change.</summary>
    public virtual IReadOnlyList<IntrinsicParameter> SettableParameters() => [];
}

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

/// <summary>
/// Firing-rate unit (Wilson &amp; Cowan 1972; Dayan &amp; Abbott 2001, ch. 7):
/// <c>τ dr/dt = −r + f(gain · (I − threshold))</c>, plus Ornstein–Uhlenbeck noise whose stationary
/// standard deviation is <see cref="Noise"/>.
/// </summary>
/// <param name="TauMs">Time constant τ in ms (&gt; 0).</param>
/// <param name="Activation">Transfer function f.</param>
/// <param name="Gain">Slope of f (sensitization raises it).</param>
/// <param name="Threshold">Input at which f is centred (facilitation lowers it).</param>
/// <param name="Noise">Stationary std of the additive noise, rate units (≥ 0).</param>
public sealed record RateNeuronSpec(double TauMs, Activation Activation, double Gain, double Threshold, double Noise) : NeuronSpec
{
    /// <summary>Threshold and gain: what facilitation and sensitization change (Woolf 2011).</summary>
    public static IReadOnlyList<IntrinsicParameter> Settable { get; } = [IntrinsicParameter.Threshold, IntrinsicParameter.Gain];

    /// <summary>Homeostatic threshold adaptation toward a target rate, or null for fixed thresholds.</summary>
    public HomeostasisSpec? Homeostasis { get; init; }

    /// <inheritdoc/>
    public override IReadOnlyList<IntrinsicParameter> SettableParameters() => Settable;
}
