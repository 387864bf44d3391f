namespace Neurotag.Core.Specs;

/// <summary>
/// What triggers a closed-loop action (a modulator pulse): a spike, a pre→post pairing, a rate crossing or a
/// schedule. Events are detected at the end of each online step of a spiking network, after every spike of the step.
/// </summary>
/// <param name="Source">Where it was written (file:line:col), for errors found when the network is built.</param>
public abstract record EventSpec(string Source);
