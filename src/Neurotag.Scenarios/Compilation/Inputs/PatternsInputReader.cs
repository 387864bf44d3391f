using Neurotag.Core.Specs;
using Neurotag.Scenarios.Units;
using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation.Inputs;

/// <summary>A set of patterns shown one at a time (<c>kind: patterns</c>): random ones, or tags and tag families.</summary>
internal sealed class PatternsInputReader : RateInputReader
{
    internal static readonly Dictionary<string, bool> Values = new(StringComparer.Ordinal) { ["binary"] = false, ["bipolar"] = true };

    internal static readonly Dictionary<string, PatternOrder> PatternOrders = new(StringComparer.Ordinal)
    {
        ["cycle"] = PatternOrder.Cycle,
        ["random"] = PatternOrder.Random,
    };

    private static readonly KeySet InputKeys = new("input-patterns", "A set of patterns shown one at a time (kind: patterns).",
        KeyShapes.Must("target", ValueShape.Text, "tag, family member or population"),
        KeyShapes.Must("kind", ValueShape.Choice("patterns"), "input kind"),
        KeyShapes.Must("patterns", ValueShape.AnyOf(ValueShape.Integer, ValueShape.Text, ValueShape.ListOf(ValueShape.Text)), "a number of random patterns, a tag or family name, or a list of tags"),
        KeyShapes.Key("sparsity", ValueShape.Number, "fraction of the target in each random pattern"),
        KeyShapes.Must("amplitude", ValueShape.Number, "added input"),
        KeyShapes.Key("fraction", ValueShape.Number, "fraction of each pattern driven, in (0, 1], default 1"),
        KeyShapes.Must("hold", ValueShape.Quantity, "length of each presentation"),
        KeyShapes.Key("order", ValueShape.Choice(PatternOrders.Keys), "cycle (default) or random"),
        KeyShapes.Key("gap", ValueShape.Quantity, "blank interval after each presentation, default 0"),
        KeyShapes.Key("sine_period", ValueShape.Quantity, "period of a modulation amplitude·(1 + sin(2π·t/period)), default none"),
        KeyShapes.Key("values", ValueShape.Choice(Values.Keys), "binary (default: 0/1, amplitude on the pattern) or bipolar (±1: +amplitude on the pattern, −amplitude elsewhere)"));

    public override string Kind => "patterns";

    public override KeySet Keys => InputKeys;

    protected override InputSpec? ReadSpec(CompileContext ctx, Definitions defs, string name, YamlMappingNode input, string path)
    {
        var r = ctx.Reader;
        var common = new InputTargetReader(ctx, defs).Read(input, path, out string? target);
        double? amplitude = r.Number(r.Required(input, "amplitude", path, "1.0"), path + ".amplitude", example: "1.0");
        long? hold = ctx.Steps(r.Required(input, "hold", path, "50 ms"), path + ".hold");
        long? gap = input["gap"] is { } g ? ctx.Steps(g, path + ".gap", allowZero: true) : 0;
        // Not whole steps: the paper's period is 20π steps of its own time step (Tetzlaff et al. 2015).
        double? sinePeriodMs = input["sine_period"] is { } sp ? r.Quantity(sp, path + ".sine_period", Dimension.Time, 0, minExclusive: true) : 0;
        if (sinePeriodMs is > 0 and var ms && ms < 2 * ctx.DtMs)
        {
            r.Error(input["sine_period"]!, path + ".sine_period", SchemaReader.Inv($"a period of {ms} ms is shorter than two time steps ({2 * ctx.DtMs} ms) and cannot be sampled"), "lengthen the period or shorten dt");
            sinePeriodMs = null;
        }

        var order = input["order"] is { } o ? r.Choice(o, path + ".order", PatternOrders, "pattern order") : PatternOrder.Cycle;
        bool? bipolar = input["values"] is { } v ? r.Choice(v, path + ".values", Values, "pattern values") : false;
        // The patterns are checked even when the target is broken; only checks against its size and population wait.
        var patternsNode = r.Required(input, "patterns", path, "4");
        if (patternsNode is null)
        {
            return null;
        }

        int count = 0;
        var tags = new List<string>();
        double sparsity = 0;
        if (patternsNode is YamlScalarNode scalar && long.TryParse(scalar.Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _))
        {
            count = (int)(r.Integer(scalar, path + ".patterns", 1, 100_000, "4") ?? 0);
            var sparsityNode = r.Required(input, "sparsity", path, "0.25");
            sparsity = r.Number(sparsityNode, path + ".sparsity", 0, 1, minExclusive: true, example: "0.25") ?? 0;
            if (sparsity > 0 && defs.KnownSizeOf(common?.Target) is { } targetSize && (int)Math.Round(sparsity * targetSize) == 0)
            {
                r.Error(sparsityNode!, path + ".sparsity", SchemaReader.Inv($"{sparsity} of {targetSize} neurons rounds to an empty pattern"), "raise the sparsity or enlarge the target");
                sparsity = 0;
            }
        }
        else
        {
            if (input["sparsity"] is { } s)
            {
                r.Error(s, path + ".sparsity", "'sparsity:' applies to random patterns ('patterns: N') only", "the listed tags are the patterns; remove 'sparsity:'");
            }

            tags = ReadPatternTags(r, defs, patternsNode, path + ".patterns", defs.KnownPopulationOf(target));
        }

        if (common is not { } c || amplitude is null || hold is null || gap is null || sinePeriodMs is null || order is null || bipolar is null || (count == 0 && tags.Count == 0) || (count > 0 && sparsity == 0))
        {
            return null;
        }

        return new InputSpec(name, c.Target, c.IsTag, amplitude.Value, c.Fraction)
        {
            Kind = InputKind.Patterns,
            Patterns = new PatternSetSpec(count, tags, sparsity, hold.Value, order.Value) { GapSteps = gap.Value, SinePeriodSteps = sinePeriodMs.Value / ctx.DtMs, Bipolar = bipolar.Value },
        };
    }

    /// <summary>A family name or a list of tags / family names / members, all in <paramref name="population"/>; families expanded.</summary>
    private static List<string> ReadPatternTags(SchemaReader r, Definitions defs, YamlNodeBase node, string path, string? population)
    {
        var items = node is YamlSequenceNode seq ? seq.Items.Select((n, i) => (n, SchemaReader.Inv($"{path}[{i}]"))).ToList() : [(node, path)];
        if (node is YamlSequenceNode { Items.Count: 0 })
        {
            r.Error(node, path, "the pattern list is empty", "list tags, e.g. [a, b, c], name a family, or give a number of random patterns");
        }

        var names = new List<string>();
        foreach (var (item, itemPath) in items)
        {
            if (defs.TagReference(item, itemPath, "a number of patterns, a tag or a family name", allowFamily: true, allowPopulation: false) is not { } name)
            {
                continue;
            }

            foreach (string tag in defs.ExpandFamilies([name]))
            {
                if (population is not null && defs.Tags[tag].Population != population)
                {
                    r.Error(item, itemPath, $"tag '{tag}' is in population '{defs.Tags[tag].Population}', not in the target's population '{population}'", "pattern tags must live in the target's population");
                    break;
                }

                names.Add(tag);
            }
        }

        return names;
    }
}
