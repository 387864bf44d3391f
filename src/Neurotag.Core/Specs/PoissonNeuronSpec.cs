namespace Neurotag.Core.Specs;

/// <summary>
/// A Poisson spike source: in each step each neuron spikes with probability <c>rate · dt</c> (Brian2's
/// PoissonGroup), drawn as geometric inter-spike intervals. A phase can change the rate with
/// <c>set: { POP.rate: 0 Hz }</c>; the new rate holds from that phase on.
/// </summary>
/// <param name="RateHz">Firing rate in Hz (≥ 0).</param>
public sealed record PoissonNeuronSpec(double RateHz) : NeuronSpec
{
    /// <summary>
    /// Pairwise correlation of the population's trains in [0, 1] (0: independent): spikes copied from one shared parent
    /// train by the mixture method (Kuhn, Aertsen &amp; Rotter 2003; Brette 2009).
    /// </summary>
    public double Correlation { get; init; }

    /// <summary>The rate (a source has no state to record).</summary>
    public static IReadOnlyList<ParameterInfo> Settable { get; } = [new("rate", QuantityKind.Frequency, 0)];

    /// <inheritdoc/>
    public override IReadOnlyList<ParameterInfo> SettableParameters() => Settable;

    /// <inheritdoc/>
    public override string ModelName() => "poisson";

    /// <inheritdoc/>
    public override string Summary(IFormatProvider? provider) => string.Create(provider, $"poisson  {RateHz} Hz");

    /// <summary>Nothing projects onto a source; mV/ms as for the other current-unit models (tag strength rows name it).</summary>
    public override string SynapticUnit() => "mV/ms";

    /// <inheritdoc/>
    public override double? SourceRateHz() => RateHz;
}
