using Neurotag.Core.Specs;
using Neurotag.Scenarios.Units;
using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation.Checks;

/// <summary>The memory estimate of a rate network (dense projections, <c>MemoryEstimate</c> in Neurotag.Core).</summary>
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
            long slots = Neurotag.Core.MemoryEstimate.SynapseSlots(projection, n => _defs.SizeOf(n));
            if (slots > Neurotag.Core.MemoryEstimate.MaxArrayElements)
            {
                _r.Error(MemoryReport.ProjectionKey(top, projection.Name), "projections." + projection.Name, SchemaReader.Inv($"{slots:N0} dense synapse slots exceed the largest array .NET allows ({Neurotag.Core.MemoryEstimate.MaxArrayElements:N0})"), "rate projections are dense: use smaller populations");
            }
        }

        long bytes = Neurotag.Core.MemoryEstimate.Bytes(spec, n => _defs.SizeOf(n));
        if (bytes > limit)
        {
            var parts = spec.Populations.Select(p => (Population: true, p.Name, Bytes: p.Size * 12.0))
                .Concat(spec.Projections.Select(p => (Population: false, p.Name, Bytes: (double)Neurotag.Core.MemoryEstimate.ProjectionBytes(p, n => _defs.SizeOf(n)))));
            _memoryReport.ReportMemory(top, bytes, limit, parts);
        }

        return bytes;
    }
}
