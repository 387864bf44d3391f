using Neurotag.Core;
using Neurotag.Core.Specs;
using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation.Checks;

/// <summary>The memory limit of a spiking network (sparse projections), on Core's one estimate (<see cref="NetworkFootprint"/>).</summary>
internal sealed class SpikingMemoryCheck(CompileContext ctx, Definitions defs)
{
    private readonly SchemaReader _r = ctx.Reader;
    private readonly CompileContext _ctx = ctx;
    private readonly Definitions _defs = defs;
    private readonly MemoryReport _memoryReport = new(ctx);

    /// <summary>Checks each projection's synapse count and the estimate against the limit; returns the estimate.</summary>
    public long Run(SimulationSpec spec, YamlMappingNode top)
    {
        long limit = _ctx.Options.MemoryLimitBytes ?? ScenarioLoader.DefaultMemoryLimitBytes();
        var footprint = NetworkFootprint.Of(spec, n => _defs.SizeOf(n));
        foreach (var part in footprint.Parts.Where(p => !p.IsPopulation && p.Synapses > int.MaxValue))
        {
            _r.Error(MemoryReport.ProjectionKey(top, part.Name), "projections." + part.Name, SchemaReader.Inv($"about {part.Synapses:E2} synapses exceed the {int.MaxValue:N0} a projection can hold"), "use a sparser connectivity or smaller populations");
        }

        if (footprint.UnroundedBytes > limit)
        {
            _memoryReport.ReportMemory(top, footprint.UnroundedBytes, limit, footprint.Parts.Select(p => (p.IsPopulation, p.Name, p.Bytes)));
        }

        return footprint.Bytes;
    }
}
