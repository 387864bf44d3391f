using Neurotag.Core.Specs;
using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation.Inputs;

/// <summary>An input kind of rate networks: read into an <see cref="InputSpec"/>.</summary>
internal abstract class RateInputReader : InputKindReader
{
    public override NetworkKind Network => NetworkKind.Rate;

    public override void Read(CompileContext ctx, Definitions defs, string name, YamlScalarNode key, YamlMappingNode input, string path)
    {
        if (ReadSpec(ctx, defs, name, input, path) is { } spec)
        {
            defs.Inputs[name] = (spec, key);
        }
    }

    /// <summary>The input's spec; null after an error.</summary>
    protected abstract InputSpec? ReadSpec(CompileContext ctx, Definitions defs, string name, YamlMappingNode input, string path);
}
