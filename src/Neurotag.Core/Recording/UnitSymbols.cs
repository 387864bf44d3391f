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

    /// <summary>Synaptic quantities onto a spiking neuron (its weights and g_e, g_i), as its model declares (<see cref="NeuronSpec.SynapticUnit"/>).</summary>
    public static string Synaptic(NeuronSpec neuron)
    {
        ArgumentNullException.ThrowIfNull(neuron);
        return neuron.SynapticUnit();
    }

    /// <summary>Weights onto <paramref name="neuron"/>: dimensionless in rate networks, else <see cref="Synaptic"/>.</summary>
    public static string Weight(bool spiking, NeuronSpec neuron) => spiking ? Synaptic(neuron) : Dimensionless;

    /// <summary>The unit <paramref name="neuron"/>'s model declares for its state variable <paramref name="variable"/>.</summary>
    public static string State(string variable, NeuronSpec neuron)
    {
        ArgumentNullException.ThrowIfNull(neuron);
        return neuron.RecordableState().First(s => s.Name == variable).Unit;
    }
}
