using Neurotag.Core;
using Neurotag.Core.Specs;
using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation.Checks;

/// <summary>The memory limit of a rate network (dense projections), on Core's one estimate (<see cref="NetworkFootprint"/>).</summary>
internal sealed class RateMemoryCheck(CompileContext ctx, Definitions defs)
{
    private readonly SchemaReader _r = ctx.Reader;
    private readonly CompileContext _ctx = ctx;
    private readonly Definitions _defs = defs;
    private readonly MemoryReport _memoryReport = new(ctx);

    /// <summary>Checks the estimate against the limit; returns the estimate (the figure compared with the limit).</summary>
    public long Run(SimulationSpec spec, YamlMappingNode top)
    {
        long limit = _ctx.Options.MemoryLimitBytes ?? ScenarioLoader.DefaultMemoryLimitBytes();
        foreach (var projection in spec.Projections)
        {
            long slots = NetworkFootprint.SynapseSlots(projection, n => _defs.SizeOf(n));
            if (slots > NetworkFootprint.MaxArrayElements)
            {
                _r.Error(MemoryReport.ProjectionKey(top, projection.Name), "projections." + projection.Name, SchemaReader.Inv($"{slots:N0} dense synapse slots exceed the largest array .NET allows ({NetworkFootprint.MaxArrayElements:N0})"), "rate projections are dense: use smaller populations");
            }
        }

        var footprint = NetworkFootprint.Of(spec, n => _defs.SizeOf(n));
        if (footprint.Bytes > limit)
        {
            _memoryReport.ReportMemory(top, footprint.Bytes, limit, footprint.Parts.Select(p => (p.IsPopulation, p.Name, p.Bytes)));
        }

        return footprint.Bytes;
    }
}
