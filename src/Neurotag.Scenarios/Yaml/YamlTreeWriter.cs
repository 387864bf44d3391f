using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Neurotag.Scenarios.Yaml;

/// <summary>
/// Writes a <see cref="YamlNodeBase"/> tree back as YAML text that loads into the same tree: same keys in the same
/// order, same values, and a scalar unquoted exactly when it was (so <c>1</c> stays a number and <c>"1"</c> a string).
/// Used for the <c>scenario.yaml</c> copy in a run folder, after overrides are grafted in. Comments and anchors are
/// not kept (aliases are written out in full), and an empty null is written <c>~</c>.
/// </summary>
public static class YamlTreeWriter
{
    /// <summary>The YAML text of <paramref name="root"/>, with <c>\n</c> line ends.</summary>
    public static string Write(YamlNodeBase root)
    {
        ArgumentNullException.ThrowIfNull(root);
        using var text = new StringWriter(CultureInfo.InvariantCulture);

        // No line folding (bestWidth): a long value stays on its line, as the user wrote it.
        var emitter = new Emitter(text, bestIndent: 2, bestWidth: int.MaxValue);
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart());
        Emit(emitter, root);
        emitter.Emit(new DocumentEnd(isImplicit: true));
        emitter.Emit(new StreamEnd());
        return text.ToString().ReplaceLineEndings("\n");
    }

    private static void Emit(Emitter emitter, YamlNodeBase node)
    {
        switch (node)
        {
            case YamlScalarNode scalar:
                EmitScalar(emitter, scalar);
                break;
            case YamlSequenceNode sequence:
                emitter.Emit(new SequenceStart(AnchorName.Empty, TagName.Empty, isImplicit: true, SequenceStyle.Block));
                foreach (var item in sequence.Items)
                {
                    Emit(emitter, item);
                }

                emitter.Emit(new SequenceEnd());
                break;
            case YamlMappingNode mapping:
                emitter.Emit(new MappingStart(AnchorName.Empty, TagName.Empty, isImplicit: true, MappingStyle.Block));
                foreach (var (key, value) in mapping.Entries)
                {
                    EmitScalar(emitter, key);
                    Emit(emitter, value);
                }

                emitter.Emit(new MappingEnd());
                break;
            default:
                throw new ArgumentException($"Unknown YAML node type {node.GetType().Name}.", nameof(node));
        }
    }

    /// <remarks>An empty plain scalar (<c>key:</c>, a null) is written <c>~</c>: the emitter would quote an empty value, making it a string.</remarks>
    private static void EmitScalar(Emitter emitter, YamlScalarNode scalar)
    {
        string value = scalar.Plain && scalar.Value.Length == 0 ? "~" : scalar.Value;
        emitter.Emit(new Scalar(AnchorName.Empty, TagName.Empty, value, scalar.Plain ? ScalarStyle.Plain : ScalarStyle.DoubleQuoted, isPlainImplicit: true, isQuotedImplicit: true));
    }
}
