using Neurotag.Core.Specs;

namespace Neurotag.Core.Recording;

/// <summary>
/// The unit symbols written in the <c>unit</c> columns and the manifest, in one place for the recorders and the output
/// projection (which must count the same characters the recorders write).
/// </summary>
public static class UnitSymbols
{
    /// <summary>Dimensionless: rate-neuron activity, rate-network weights, fractions, counts.</summary>
    public const string Dimensionless = "1";

    /// <summary>
    /// Synaptic quantities onto a spiking neuron (its weights and g_e, g_i): nS onto conductance-based LIF, mV onto
    /// current-based LIF, the model's mV/ms onto Izhikevich neurons (the units of dv/dt's terms).
    /// </summary>
    public static string Synaptic(NeuronSpec neuron) => neuron switch
    {
        LifNeuronSpec { Synapse: SynapseKind.Conductance } => "nS",
        LifNeuronSpec => "mV",
        _ => "mV/ms",
    };

    /// <summary>Weights onto <paramref name="neuron"/>: dimensionless in rate networks, else <see cref="Synaptic"/>.</summary>
    public static string Weight(bool spiking, NeuronSpec neuron) => spiking ? Synaptic(neuron) : Dimensionless;

    /// <summary>A recorded state variable of <paramref name="neuron"/>: mV for v, the synaptic unit for g_e and g_i, mV/ms for Izhikevich u.</summary>
    public static string State(StateVariable variable, NeuronSpec neuron) => variable switch
    {
        StateVariable.V => "mV",
        StateVariable.Ge or StateVariable.Gi => Synaptic(neuron),
        _ => "mV/ms",
    };
}
