using Neurotag.Core.Recording;
using Neurotag.Core.Specs;
using Neurotag.Scenarios.Compilation.Protocol;
using Neurotag.Scenarios.Units;
using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation.Checks;

/// <summary>The projected CSV output against <see cref="ScenarioLimits.OutputLimitBytes"/>.</summary>
internal sealed class OutputSizeCheck(CompileContext ctx, Definitions defs)
{
    private readonly SchemaReader _r = ctx.Reader;
    private readonly CompileContext _ctx = ctx;
    private readonly Definitions _defs = defs;

    /// <summary>
    /// Refuses a run whose projected CSV output (<see cref="OutputProjection"/>) exceeds <see cref="ScenarioLimits.OutputLimitBytes"/>,
    /// unless <see cref="ScenarioOptions.AllowLargeOutput"/>; the error points at the duration contributing most.
    /// </summary>
    public void Run(SimulationSpec spec)
    {
        var projection = OutputProjection.Of(spec);
        if (_ctx.Options.AllowLargeOutput || projection.TotalBytes <= ScenarioLimits.OutputLimitBytes)
        {
            return;
        }

        var bySource = new Dictionary<PhaseSource, double>(ReferenceEqualityComparer.Instance);
        for (int k = 0; k < spec.Protocol.Count; k++)
        {
            var source = _defs.PhaseSources[spec.Protocol[k]];
            bySource[source] = bySource.GetValueOrDefault(source) + projection.BytesByPhase[k];
        }

        // The repetitions of a phase share one source, so a repeated phase is blamed for all of them together.
        var (worst, bytes) = bySource.MaxBy(s => s.Value);
        string files = string.Join(", ", projection.BytesByFile.OrderByDescending(f => f.Value).Take(2).Select(f => $"{f.Key} {OutputProjection.Format(f.Value)}"));
        _r.Error(worst.Duration, worst.Path,
            $"the run would write about {OutputProjection.Format(projection.TotalBytes)} of CSV ({files}; {OutputProjection.Format(bytes)} of it in this phase{(worst.Repeat is not null ? " and its repetitions" : "")}), more than the limit of {OutputProjection.Format(ScenarioLimits.OutputLimitBytes)}",
            "shorten the phase, or record less: a longer 'record.every', fewer metrics, weights or neurons; or pass --allow-large to lift the output limit (docs/scenario-reference.md, Limits)");
    }
}
