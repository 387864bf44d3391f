namespace Neurotag.Core.Specs;

/// <summary>
/// Poisson spikes onto a spiking population: every driven neuron receives its own Poisson train at
/// <see cref="RateHz"/> through one synapse of weight <see cref="Weight"/> (nS for COBA targets, mV for CUBA targets,
/// model units for Izhikevich), while a phase switches the input on.
/// </summary>
/// <param name="Name">Identifier.</param>
/// <param name="Target">A tag or population name.</param>
/// <param name="TargetIsTag">Whether <paramref name="Target"/> names a tag.</param>
/// <param name="RateHz">Rate of each train in Hz.</param>
/// <param name="Weight">Synaptic weight (≥ 0).</param>
/// <param name="Fraction">Fraction of the target's neurons driven, in (0, 1].</param>
/// <param name="Inhibitory">Whether the spikes arrive on the inhibitory synapse.</param>
public sealed record PoissonInputSpec(string Name, string Target, bool TargetIsTag, double RateHz, double Weight, double Fraction, bool Inhibitory)
{
    /// <summary>Pairwise correlation of the trains (shared-parent copying), 0 for independent trains.</summary>
    public double Correlation { get; init; }
}
