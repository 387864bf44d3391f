using Neurotag.Core.Specs;

namespace Neurotag.Core.Recording;

/// <summary>
/// The weight blocks of the recorded projections (each whole projection, then each pair of tags of its pre- and
/// postsynaptic populations), counted, and their histograms' bin edges as printed.
/// </summary>
/// <param name="BlockCount">Blocks per weight sample.</param>
/// <param name="BlockCharacters">Characters of their from, to and count fields, summed (counts at the width of the largest block).</param>
/// <param name="CountDigits">Width of the largest synapse count (histogram counts).</param>
/// <param name="BinEdgeCharacters">Characters of every bin's bin_lo and bin_hi, summed.</param>
internal sealed record WeightRows(double BlockCount, double BlockCharacters, int CountDigits, double BinEdgeCharacters)
{
    /// <summary>Per recorded projection: its blocks per sample and its name's length (the projection column).</summary>
    public IReadOnlyList<(double Blocks, int NameLength)> PerProjection { get; init; } = [];

    /// <summary>The rows of every projection of record.weights, summed (the widest count for the histogram).</summary>
    public static WeightRows Of(SimulationSpec spec)
    {
        var recorded = (spec.Record.Weights?.Projections ?? [])
            .Select(name => spec.Projections.FirstOrDefault(p => p.Name == name))
            .OfType<ProjectionSpec>()
            .ToList();
        if (recorded.Count == 0)
        {
            return new WeightRows(0, 0, 1, 0);
        }

        var each = recorded.Select(p => Of(spec, p)).ToList();
        return new WeightRows(each.Sum(r => r.BlockCount), each.Sum(r => r.BlockCharacters), each.Max(r => r.CountDigits), each.Sum(r => r.BinEdgeCharacters))
        {
            PerProjection = [.. recorded.Zip(each, (p, r) => (r.BlockCount, p.Name.Length))],
        };
    }

    private static WeightRows Of(SimulationSpec spec, ProjectionSpec projection)
    {
        var w = spec.Record.Weights!;
        var sizes = spec.Populations.ToDictionary(p => p.Name, p => (double)p.Size, StringComparer.Ordinal);
        var populationOf = spec.Tags.ToDictionary(t => t.Name, t => t.Population, StringComparer.Ordinal);
        string pre = populationOf.GetValueOrDefault(projection.From, projection.From);
        string post = populationOf.GetValueOrDefault(projection.To, projection.To);
        int all = OutputProjection.Digits(sizes[pre] * sizes[post]);
        var from = spec.Tags.Where(t => t.Population == pre).ToList();
        var to = spec.Tags.Where(t => t.Population == post).ToList();
        double pairs = (double)from.Count * to.Count;
        double pairDigits = from.Count == 0 || to.Count == 0 ? 0 : OutputProjection.Digits((double)from.Max(t => t.Size) * to.Max(t => t.Size));
        double characters = "**".Length + all
            + (to.Count * from.Sum(t => (double)t.Name.Length)) + (from.Count * to.Sum(t => (double)t.Name.Length)) + (pairs * pairDigits);

        // The bin edges as the recorders compute and print them (RateRecorder.WriteHistogram).
        double lo = projection.Weight.Min, hi = projection.Weight.Max;
        int bins = w.HistogramBins;
        double width = (hi - lo) / Math.Max(1, bins);
        double edges = 0;
        for (int b = 0; b < bins; b++)
        {
            edges += OutputProjection.Number(lo + (b * width)).Length + OutputProjection.Number(b == bins - 1 ? hi : lo + ((b + 1) * width)).Length;
        }

        return new WeightRows(1 + pairs, characters, all, edges);
    }
}
