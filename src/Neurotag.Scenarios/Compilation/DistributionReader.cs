using Neurotag.Core.Specs;
using Neurotag.Scenarios.Compilation.Synapses;
using Neurotag.Scenarios.Units;
using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation;

/// <summary>Random distributions of numbers or quantities: a constant, <c>{ uniform: [a, b] }</c> or <c>{ normal: [mean, std] }</c>.</summary>
internal sealed class DistributionReader(CompileContext ctx)
{
    private readonly SchemaReader _r = ctx.Reader;

    internal Distribution? ReadDistribution(YamlNodeBase? node, string path)
    {
        if (node is YamlScalarNode)
        {
            return _r.Number(node, path, example: "0.01") is { } v ? new ConstantDistribution(v) : null;
        }

        var map = _r.Mapping(node, path, "0.01, { uniform: [0.0, 0.02] } or { normal: [0.01, 0.002] }");
        if (map is null)
        {
            return null;
        }

        _r.CheckKeys(map, path, ScenarioKeys.Distribution);
        if (map.Entries.Count != 1)
        {
            _r.Error(map, path, "expected exactly one of 'uniform: [low, high]' or 'normal: [mean, std]'", "");
            return null;
        }

        var (kind, value) = map.Entries[0];
        var seq = _r.Sequence(value, path + "." + kind.Value, "[a, b]");
        if (seq is null || seq.Items.Count != 2)
        {
            if (seq is not null)
            {
                _r.Error(seq, path + "." + kind.Value, "expected two numbers", "for example [0.0, 0.02]");
            }

            return null;
        }

        double? a = _r.Number(seq.Items[0], path + "." + kind.Value + "[0]");
        double? b = _r.Number(seq.Items[1], path + "." + kind.Value + "[1]");
        if (a is null || b is null)
        {
            return null;
        }

        if (kind.Value == "uniform" && b < a)
        {
            _r.Error(seq, path + ".uniform", "uniform: [low, high] needs low ≤ high", "");
            return null;
        }

        if (kind.Value == "normal" && b < 0)
        {
            _r.Error(seq.Items[1], path + ".normal[1]", "a standard deviation cannot be negative", "");
            return null;
        }

        return kind.Value == "uniform" ? new UniformDistribution(a.Value, b.Value) : new NormalDistribution(a.Value, b.Value);
    }

    /// <summary>A quantity, or <c>{ uniform: [a, b] }</c> / <c>{ normal: [mean, std] }</c> of quantities.</summary>
    internal Distribution? ReadQuantityDistribution(YamlNodeBase node, string path, Dimension dimension) =>
        ReadQuantityDistribution(node, path, (n, p, min) => _r.Quantity(n, p, dimension, min), QuantityParser.Example(dimension));

    /// <summary>As <see cref="ReadQuantityDistribution(YamlNodeBase, string, Dimension)"/>, each quantity read by <paramref name="read"/> (synaptic units).</summary>
    internal Distribution? ReadQuantityDistribution(YamlNodeBase node, string path, SynapticReader read, string example)
    {
        if (node is YamlScalarNode)
        {
            return read(node, path, double.MinValue) is { } v ? new ConstantDistribution(v) : null;
        }

        var map = _r.Mapping(node, path, $"{example} or {{ uniform: [{example}, {example}] }} or {{ normal: [{example}, {example}] }}");
        if (map is null)
        {
            return null;
        }

        _r.CheckKeys(map, path, ScenarioKeys.Distribution);
        if (map.Entries.Count != 1)
        {
            _r.Error(map, path, "expected exactly one of 'uniform: [low, high]' or 'normal: [mean, std]'", "");
            return null;
        }

        var (kind, value) = map.Entries[0];
        string kp = path + "." + kind.Value;
        var seq = _r.Sequence(value, kp, "[a, b]");
        if (seq is null || seq.Items.Count != 2)
        {
            if (seq is not null)
            {
                _r.Error(seq, kp, "expected two quantities", $"for example [{example}, {example}]");
            }

            return null;
        }

        double? a = read(seq.Items[0], kp + "[0]", double.MinValue);
        double? b = read(seq.Items[1], kp + "[1]", kind.Value == "normal" ? 0 : double.MinValue);
        if (a is null || b is null)
        {
            return null;
        }

        if (kind.Value == "uniform" && b < a)
        {
            _r.Error(seq, kp, "uniform: [low, high] needs low ≤ high", "");
            return null;
        }

        return kind.Value == "uniform" ? new UniformDistribution(a.Value, b.Value) : new NormalDistribution(a.Value, b.Value);
    }
}
