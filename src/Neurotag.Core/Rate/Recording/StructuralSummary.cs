using Neurotag.Core.Recording;
using Neurotag.Core.Specs;

namespace Neurotag.Core.Rate.Recording;

/// <summary>
/// Structural counts of every projection with pruning, written as summary rows at the end of each phase instance
/// (values at that moment, not means): <c>projection,NAME,synapses</c> (existing synapses), <c>pruned</c> and
/// <c>regrown</c> (cumulative since the start of the run). They make "use it or lose it" checkable with
/// <c>expect:</c> (<c>metric: projection.NAME.pruned</c>).
/// </summary>
internal static class StructuralSummary
{
    /// <summary>The metric names, in the order they are written.</summary>
    public static readonly string[] Metrics = ["synapses", "pruned", "regrown"];

    public static void Write(RateNetwork network, PhaseSpec phase, int instance, IRecordSink sink)
    {
        for (int k = 0; k < network.Projections.Count; k++)
        {
            if (network.Prunings[k] is not { } pruning)
            {
                continue;
            }

            string name = network.Projections[k].Name;
            sink.Write(new SummaryRow(phase.Name, phase.Rep, instance, "projection", name, "synapses", "", network.Projections[k].SynapseCount(), ValueUnit.Dimensionless));
            sink.Write(new SummaryRow(phase.Name, phase.Rep, instance, "projection", name, "pruned", "", pruning.Pruned, ValueUnit.Dimensionless));
            sink.Write(new SummaryRow(phase.Name, phase.Rep, instance, "projection", name, "regrown", "", pruning.Regrown, ValueUnit.Dimensionless));
        }
    }
}
