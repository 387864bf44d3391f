using Neurotag.Core.Specs;

namespace Neurotag.Core.Recording;

/// <summary>
/// Structural counts of a projection with pruning, written as summary rows at the end of each phase instance
/// (values at that moment, not means): <c>projection,NAME,synapses</c> (existing synapses), <c>pruned</c> and
/// <c>regrown</c> (cumulative since the start of the run). They make "use it or lose it" checkable with
/// <c>expect:</c> (<c>metric: projection.NAME.pruned</c>). Both cores' recorders write them. Pruning by rank adds
/// <c>pruned_fraction</c>.
/// </summary>
internal static class StructuralSummary
{
    /// <summary>The metric names, in the order they are written.</summary>
    public static readonly string[] Metrics = ["synapses", "pruned", "regrown"];

    /// <summary>The extra row of pruning by rank: the fraction actually removed (Pruned over the synapses at the start).</summary>
    public const string PrunedFraction = "pruned_fraction";

    /// <summary>Writes the rows of projection <paramref name="projection"/>.</summary>
    public static void Write(IRecordSink sink, PhaseSpec phase, int instance, string projection, IStructuralCounts counts)
    {
        sink.Write(new SummaryRow(phase.Name, phase.Rep, instance, "projection", projection, "synapses", "", counts.Synapses, ValueUnit.Dimensionless));
        sink.Write(new SummaryRow(phase.Name, phase.Rep, instance, "projection", projection, "pruned", "", counts.Pruned, ValueUnit.Dimensionless));
        sink.Write(new SummaryRow(phase.Name, phase.Rep, instance, "projection", projection, "regrown", "", counts.Regrown, ValueUnit.Dimensionless));
        if (counts.PrunedFraction is { } fraction)
        {
            sink.Write(new SummaryRow(phase.Name, phase.Rep, instance, "projection", projection, PrunedFraction, "", fraction, ValueUnit.Dimensionless));
        }
    }
}
