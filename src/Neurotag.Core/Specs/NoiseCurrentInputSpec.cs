namespace Neurotag.Core.Specs;

/// <summary>
/// A fresh random current for every driven neuron on every step while a phase switches the input on, added to the
/// neuron's input for that one step (as Izhikevich 2007 adds the thalamic input 13·(U − 0.5) each ms). Its unit is the
/// unit of the target model's <c>bias</c> current: model units for Izhikevich, mV for CUBA LIF (the R·I of its bias),
/// pA for COBA LIF and AdEx.
/// </summary>
/// <param name="Name">Identifier.</param>
/// <param name="Target">A tag or population name.</param>
/// <param name="TargetIsTag">Whether <paramref name="Target"/> names a tag.</param>
/// <param name="Current">The per-neuron, per-step distribution (<see cref="UniformDistribution"/> or <see cref="NormalDistribution"/>).</param>
/// <param name="Fraction">Fraction of the target's neurons driven, in (0, 1].</param>
public sealed record NoiseCurrentInputSpec(string Name, string Target, bool TargetIsTag, Distribution Current, double Fraction);
