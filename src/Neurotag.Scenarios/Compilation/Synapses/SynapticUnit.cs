using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation.Synapses;

/// <summary>
/// What synaptic quantities onto a population are (weights, Poisson input weights, initial synaptic state, weight
/// levels): the unit its synapses take. Its neuron reader registers it in <see cref="Definitions.Synapses"/> as soon
/// as it is known: conductance (nS) onto COBA LIF; voltage (mV, the term R·I of the membrane equation) or current
/// (pA, converted to mV with R = 1/g_leak) onto CUBA LIF; plain numbers onto Izhikevich neurons; none onto a source.
/// </summary>
internal abstract class SynapticUnit
{
    /// <summary>Whether the population receives synapses at all (a Poisson source does not).</summary>
    public virtual bool HasSynapses => true;

    /// <summary>An initial weight with its unit, for hints of distributions of quantities; null when weights are plain numbers.</summary>
    public abstract string? InitExample { get; }

    /// <summary>Reads one quantity in this unit, ≥ <paramref name="min"/>; null after an error.</summary>
    public abstract double? Read(SchemaReader r, YamlNodeBase node, string path, double min);
}
