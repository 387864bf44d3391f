namespace Neurotag.Core.Spiking;

/// <summary>
/// A named synapse that the built network does not have (the connectivity is drawn from the seed, so only building
/// tells). The message starts with the scenario position (file:line:col) where the synapse was named.
/// </summary>
public sealed class SynapseAddressException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SynapseAddressException()
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/>.</summary>
    public SynapseAddressException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with <paramref name="message"/> and its cause.</summary>
    public SynapseAddressException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
