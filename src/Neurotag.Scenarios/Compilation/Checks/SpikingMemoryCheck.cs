using Neurotag.Core.Specs;
using Neurotag.Scenarios.Units;
using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation.Checks;

/// <summary>The memory estimate of a spiking network (sparse projections).</summary>
internal sealed class SpikingMemoryCheck(CompileContext ctx, Definitions defs)
{
    private readonly SchemaReader _r = ctx.Reader;
    private readonly CompileContext _ctx = ctx;
    private readonly Definitions _defs = defs;
    private readonly MemoryReport _memoryReport = new(ctx);

    /// <summary>Spiking projections are sparse: about 16 bytes per expected synapse (18 when fixed, 20 when plastic) plus the state.</summary>
    public long Run(SimulationSpec spec, YamlMappingNode top)
    {
        long limit = _ctx.Options.MemoryLimitBytes ?? ScenarioLoader.DefaultMemoryLimitBytes();
        double bytes = spec.Populations.Sum(p => p.Size * 48.0);
        var parts = spec.Populations.Select(p => (Population: true, p.Name, Bytes: p.Size * 48.0)).ToList();
        foreach (var p in spec.Projections)
        {
            double before = bytes;
            double pairs = (double)_defs.SizeOf(p.From) * _defs.SizeOf(p.To);
            double synapses = p.Connectivity.Rule switch
            {
                ConnectivityRule.FixedProbability => pairs * p.Connectivity.Probability,
                ConnectivityRule.FixedIndegree => (double)_defs.SizeOf(p.To) * p.Connectivity.Indegree,
                ConnectivityRule.OneToOne => _defs.SizeOf(p.To),
                _ => pairs,
            };
            // pre, post, weight and the transposed index (4 bytes each), plus the 2-byte post copy fixed projections
            // deliver from, or the column-ordered pre index STDP reads.
            // The rings span whole populations even when an endpoint is a tag (SparseProjection indexes populations).
            bytes += (synapses * (p.Plasticity is null ? 18 : 20)) + ((p.DelaySteps + 1.0) * _defs.SizeOf(_defs.PopulationOf(p.From)) * 4);
            if (p.SynapseDelaySteps is not null)
            {
                // The per-synapse delay and the ring of future input (one float per post per slot; plastic
                // projections queue synapse ids instead, bounded by the synapses in flight) or per-synapse trace.
                bytes += (synapses * 4) + (p.Plasticity is null ? (p.MaxSynapseDelaySteps + 1.0) * _defs.SizeOf(_defs.PopulationOf(p.To)) * 4 : synapses * 16);
            }
            parts.Add((false, p.Name, bytes - before));
            if (synapses > int.MaxValue)
            {
                _r.Error(MemoryReport.ProjectionKey(top, p.Name), "projections." + p.Name, SchemaReader.Inv($"about {synapses:E2} synapses exceed the {int.MaxValue:N0} a projection can hold"), "use a sparser connectivity or smaller populations");
            }
        }

        // Tag members (4 bytes each), and the recorder's membership masks (one byte per neuron of the population):
        // one per tag, and with coupling recorded one per pair of tags an excitatory projection connects.
        var tagsPerPopulation = spec.Tags.GroupBy(t => t.Population).ToDictionary(g => g.Key, g => (double)g.Count(), StringComparer.Ordinal);
        foreach (var tag in spec.Tags)
        {
            bytes += (tag.Size * 4.0) + _defs.SizeOf(tag.Population);
            if (spec.Record.TagMetrics.Contains(TagMetric.Coupling))
            {
                bytes += spec.Projections.Where(p => !p.Inhibitory && _defs.PopulationOf(p.From) == tag.Population).Select(p => _defs.PopulationOf(p.To)).Distinct(StringComparer.Ordinal)
                    .Sum(to => tagsPerPopulation.GetValueOrDefault(to) * _defs.SizeOf(to));
            }
        }

        if (spec.Record.WindowSteps is { } window)
        {
            bytes += (spec.Populations.Count + spec.Tags.Count) * window * 4.0; // one count ring per windowed series
        }

        if (bytes > limit)
        {
            _memoryReport.ReportMemory(top, bytes, limit, parts);
        }

        return (long)Math.Min(bytes, long.MaxValue);
    }
}
