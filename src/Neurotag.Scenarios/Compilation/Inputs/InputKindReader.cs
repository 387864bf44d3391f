using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation.Inputs;

/// <summary>
/// The compiler's side of one input kind: its name, the network kind it drives (checked once, in
/// <see cref="InputsReader"/>), its keys (also the JSON Schema's) and how it is read. A new kind is one subclass and
/// one line in <see cref="InputKinds"/>.
/// </summary>
internal abstract class InputKindReader
{
    /// <summary>The value of <c>kind:</c>.</summary>
    public abstract string Kind { get; }

    /// <summary>The kind of network whose populations it drives.</summary>
    public abstract NetworkKind Network { get; }

    public abstract KeySet Keys { get; }

    /// <summary>Reads an input whose keys were checked against <see cref="Keys"/>, and adds it to <paramref name="defs"/> when valid.</summary>
    public abstract void Read(CompileContext ctx, Definitions defs, string name, YamlScalarNode key, YamlMappingNode input, string path);
}
