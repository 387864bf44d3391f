using Neurotag.Core.Specs;
using Neurotag.Scenarios.Units;
using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation;

/// <summary>Inclusive neuron index ranges <c>[first, last]</c> (tag members, recorded neurons).</summary>
internal sealed class IndexRangeReader(CompileContext ctx)
{
    private readonly SchemaReader _r = ctx.Reader;

    /// <summary>An inclusive range of neuron indices; bounded by <paramref name="populationSize"/> when it is known.</summary>
    internal IndexRange? ReadRange(YamlNodeBase node, string path, int? populationSize)
    {
        var seq = _r.Sequence(node, path, "[0, 39]");
        if (seq is null)
        {
            return null;
        }

        if (seq.Items.Count != 2)
        {
            _r.Error(seq, path, "expected [first, last], an inclusive index range", "for example 'neurons: [0, 39]'");
            return null;
        }

        long? first = _r.Integer(seq.Items[0], path + "[0]", 0, (populationSize ?? int.MaxValue) - 1L);
        long? last = _r.Integer(seq.Items[1], path + "[1]", 0, (populationSize ?? int.MaxValue) - 1L);
        if (first is null || last is null)
        {
            return null;
        }

        if (last < first)
        {
            _r.Error(seq, path, SchemaReader.Inv($"range [{first}, {last}] is empty"), "write [first, last] with first ≤ last");
            return null;
        }

        return new IndexRange((int)first, (int)last);
    }
}
