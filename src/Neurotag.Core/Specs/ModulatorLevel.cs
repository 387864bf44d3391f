namespace Neurotag.Core.Specs;

/// <summary>A modulator level set by a phase.</summary>
public sealed record ModulatorLevel(string Modulator, double Level);
