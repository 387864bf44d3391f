using System.Globalization;
using Neurotag.Core;
using Neurotag.Core.Specs;
using Neurotag.Core.Spiking;
using Neurotag.Scenarios.Units;

namespace Neurotag.Cli.Commands;

/// <summary>The <c>describe</c> sections of a spiking scenario (the network is built to count synapses and tag members).</summary>
internal static class DescribeSpiking
{
    public static void Write(TextWriter o, SimulationSpec spec)
    {
        var c = CultureInfo.InvariantCulture;
        var network = SpikingNetwork.Build(spec);
        long synapses = network.Projections.Sum(p => (long)p.Count);
        o.WriteLine($"scenario    {spec.Name}");
        if (spec.Description is { } d)
        {
            o.WriteLine($"            {d.Trim().ReplaceLineEndings(" ")}");
        }

        o.WriteLine(string.Create(c, $"seed        {spec.Seed}"));
        o.WriteLine($"dt          {QuantityParser.Format(spec.Clock.DtMs, Dimension.Time)}");
        o.WriteLine(string.Create(c, $"time        {DescribeCommand.Duration(spec.Clock.TimeMs(spec.TotalSteps))} in {spec.Protocol.Count} phases; {spec.SimulatedSteps:N0} steps simulated"));
        // The same estimate validation checks against the memory limit and slurm sizes --mem from (NetworkFootprint).
        o.WriteLine(string.Create(c, $"network     spiking; {synapses:N0} synapses (~{NetworkFootprint.Of(spec).Bytes / 1048576.0:0.0} MiB)"));
        DescribeCommand.WriteOutput(o, spec);

        o.WriteLine();
        o.WriteLine("populations");
        foreach (var p in spec.Populations)
        {
            o.WriteLine(string.Create(c, $"  {p.Name,-14} {p.Size,7} {p.Neuron.Summary(c)}"));
        }

        o.WriteLine();
        o.WriteLine("tags");
        foreach (var tag in network.Tags)
        {
            o.WriteLine(string.Create(c, $"  {tag.Name,-14} {tag.Members.Length,7} of {tag.Population.Name}"));
        }

        o.WriteLine();
        o.WriteLine("inputs");
        foreach (var input in network.Inputs)
        {
            o.WriteLine(string.Create(c, $"  {input.Name,-14} poisson {input.Spec.RateHz} Hz, weight {input.Spec.Weight}, onto {input.Neurons.Length} neurons of {input.Spec.Target}"));
        }

        o.WriteLine();
        o.WriteLine("projections");
        foreach (var p in network.Projections)
        {
            var s = p.Spec;
            string kind = s.Inhibitory ? "inhibitory" : "excitatory";
            string delay = p.HasSynapseDelays
                ? string.Create(c, $"per synapse {QuantityParser.Format(Min(p.SynapseDelays) * spec.Clock.DtMs, Dimension.Time)}–{QuantityParser.Format(Max(p.SynapseDelays) * spec.Clock.DtMs, Dimension.Time)}")
                : QuantityParser.Format(s.DelaySteps * spec.Clock.DtMs, Dimension.Time);
            o.WriteLine(string.Create(c, $"  {p.Name,-14} {s.From} -> {s.To} {kind}, {p.Count:N0} synapses, delay {delay}; {(s.Plasticity is { } pl ? RuleName(pl.Rule) : "fixed")}"));
        }
    }

    /// <summary>The rule as the scenario names it: PascalCase enum names in snake case (StdpTriplet → stdp_triplet).</summary>
    private static string RuleName(PlasticityRule rule) =>
        string.Concat(rule.ToString().Select((ch, k) => char.IsUpper(ch) && k > 0 ? "_" + char.ToLowerInvariant(ch) : char.ToLowerInvariant(ch).ToString()));

    private static int Min(ReadOnlySpan<int> values) => values.IsEmpty ? 0 : System.Numerics.Tensors.TensorPrimitives.Min(values);

    private static int Max(ReadOnlySpan<int> values) => values.IsEmpty ? 0 : System.Numerics.Tensors.TensorPrimitives.Max(values);
}
