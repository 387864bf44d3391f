using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation.Protocol;

/// <summary>Where a phase instance was written: its duration (or a repeat's gap), and the enclosing repeat count, if any.</summary>
internal sealed record PhaseSource(YamlNodeBase Duration, string Path, YamlNodeBase? Repeat = null, string? RepeatPath = null);
