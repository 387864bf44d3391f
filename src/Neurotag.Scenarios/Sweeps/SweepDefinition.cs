using Neurotag.Scenarios.Compilation;
using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Sweeps;

/// <summary>
/// One dimension of a sweep: one path (a <c>grid:</c> entry) or several paths whose values vary together (the
/// <c>zip:</c> group); <see cref="Rows"/> holds one value per path for each step along the axis.
/// </summary>
public sealed record SweepAxis(IReadOnlyList<string> Paths, IReadOnlyList<IReadOnlyList<YamlNodeBase>> Rows);

/// <summary>The sweep: axes to combine, and how many seeds to replicate each combination with.</summary>
/// <param name="Axes">Grid entries in file order, then command-line <c>--grid</c> entries, then the zip group.</param>
/// <param name="Seeds">Replicates: seeds seed, seed+1, … seed+Seeds−1.</param>
public sealed record SweepDefinition(IReadOnlyList<SweepAxis> Axes, int Seeds)
{
    /// <summary>Reads the scenario's <c>sweep:</c> section (if any) and adds the command line's grid and seed count.</summary>
    public static SweepDefinition Read(YamlNodeBase root, string file, IReadOnlyList<ParameterOverride[]> cliGrids, int? cliSeeds, List<Diagnostic> errors)
    {
        ArgumentNullException.ThrowIfNull(cliGrids);
        var r = new SchemaReader(file);
        var axes = new List<SweepAxis>();
        int seeds = 1;
        if (root is YamlMappingNode top && top["sweep"] is { } node && r.Mapping(node, "sweep", "{ seeds: 5, grid: { dt: [0.1 ms, 0.2 ms] } }") is { } sweep)
        {
            r.CheckKeys(sweep, "sweep", ScenarioKeys.Sweep);
            if (sweep["seeds"] is { } s && r.Integer(s, "sweep.seeds", 1, 100_000) is { } n)
            {
                seeds = (int)n;
            }

            if (sweep["grid"] is { } g && r.Mapping(g, "sweep.grid", "{ projections.recurrent.plasticity.rate: [0.005, 0.01] }") is { } grid)
            {
                foreach (var (key, value) in grid.Entries)
                {
                    if (Values(r, value, "sweep.grid." + key.Value) is { } values)
                    {
                        axes.Add(new SweepAxis([key.Value], [.. values.Select(v => (IReadOnlyList<YamlNodeBase>)[v])]));
                    }
                }
            }

            var zipAxis = ReadZip(r, sweep["zip"]);
            axes.AddRange(cliGrids.Select(g => new SweepAxis([g[0].Path], [.. g.Select(o => (IReadOnlyList<YamlNodeBase>)[o.Value])])));
            if (zipAxis is not null)
            {
                axes.Add(zipAxis);
            }
        }
        else
        {
            axes.AddRange(cliGrids.Select(g => new SweepAxis([g[0].Path], [.. g.Select(o => (IReadOnlyList<YamlNodeBase>)[o.Value])])));
        }

        var allPaths = axes.SelectMany(a => a.Paths).ToList();
        foreach (string duplicate in allPaths.GroupBy(p => p, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key))
        {
            r.Errors.Add(new Diagnostic(file, 1, 1, "sweep", $"'{duplicate}' is swept twice", "each parameter may vary along one axis only"));
        }

        errors.AddRange(r.Errors);
        return new SweepDefinition(axes, cliSeeds ?? seeds);
    }

    private static SweepAxis? ReadZip(SchemaReader r, YamlNodeBase? node)
    {
        if (node is null || r.Mapping(node, "sweep.zip", "{ a.b: [1, 2], c.d: [3, 4] }") is not { } zip)
        {
            return null;
        }

        var columns = new List<(string Path, List<YamlNodeBase> Values)>();
        foreach (var (key, value) in zip.Entries)
        {
            if (Values(r, value, "sweep.zip." + key.Value) is { } values)
            {
                columns.Add((key.Value, values));
            }
        }

        if (columns.Count == 0)
        {
            return null;
        }

        int length = columns[0].Values.Count;
        if (columns.Any(c => c.Values.Count != length))
        {
            r.Error(zip, "sweep.zip", "zip lists must all have the same length", string.Join(", ", columns.Select(c => $"{c.Path}: {c.Values.Count}")));
            return null;
        }

        var rows = Enumerable.Range(0, length).Select(i => (IReadOnlyList<YamlNodeBase>)[.. columns.Select(c => c.Values[i])]).ToList();
        return new SweepAxis([.. columns.Select(c => c.Path)], rows);
    }

    private static List<YamlNodeBase>? Values(SchemaReader r, YamlNodeBase node, string path)
    {
        var seq = r.Sequence(node, path, "[0.005, 0.01, 0.02]");
        if (seq is null)
        {
            return null;
        }

        if (seq.Items.Count == 0)
        {
            r.Error(seq, path, "an axis needs at least one value", "");
            return null;
        }

        foreach (var item in seq.Items.Where(i => i is not YamlScalarNode))
        {
            r.Error(item, path, "swept values must be single values (numbers or quantities)", "sweep each scalar parameter separately");
        }

        return seq.Items.All(i => i is YamlScalarNode) ? [.. seq.Items] : null;
    }
}
