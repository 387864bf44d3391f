namespace Neurotag.Scenarios.Compilation;

/// <summary>
/// What a scenario's populations are, decided from the neuron models before anything else is read (see
/// <see cref="NetworkKindReader"/>): a scenario is either rate or spiking.
/// </summary>
internal enum NetworkKind
{
    /// <summary>Firing-rate populations (model: rate).</summary>
    Rate,

    /// <summary>Spiking populations (lif, izhikevich, poisson …).</summary>
    Spiking,
}
