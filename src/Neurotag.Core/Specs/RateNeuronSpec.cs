namespace Neurotag.Core.Specs;

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
    public static IReadOnlyList<ParameterInfo> Settable { get; } = [new("threshold", QuantityKind.Dimensionless), new("gain", QuantityKind.Dimensionless, 0, MinimumExclusive: true)];

    /// <summary>Homeostatic threshold adaptation toward a target rate, or null for fixed thresholds.</summary>
    public HomeostasisSpec? Homeostasis { get; init; }

    /// <summary>
    /// Asynchronous updates (Hopfield 1982, PNAS 79:2554): each step visits every unit once, in an order shuffled from
    /// the population's own stream, and sets r_i = f(gain·(I_i − θ_i)) at once (no τ), with I_i recomputed from the
    /// rates already updated in this sweep. False: the synchronous exponential-Euler relaxation.
    /// </summary>
    public bool AsyncUpdate { get; init; }

    /// <inheritdoc/>
    public override IReadOnlyList<ParameterInfo> SettableParameters() => Settable;

    /// <inheritdoc/>
    public override string ModelName() => "rate";

    /// <summary>Rate-network weights are dimensionless.</summary>
    public override string SynapticUnit() => "1";

    /// <summary>The rate, input and threshold: three floats per neuron.</summary>
    public override long BytesPerNeuron() => 3 * sizeof(float);
}
