using Neurotag.Core.Specs;
using Neurotag.Scenarios.Units;
using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation.Checks;

/// <summary>The whole protocol's step count against <see cref="ScenarioLimits.MaxSteps"/>.</summary>
internal sealed class ProtocolLengthCheck(CompileContext ctx, Definitions defs)
{
    private readonly SchemaReader _r = ctx.Reader;
    private readonly CompileContext _ctx = ctx;
    private readonly Definitions _defs = defs;

    /// <summary>
    /// The whole protocol, offline phases and repetitions included, may span at most <see cref="ScenarioLimits.MaxSteps"/>
    /// (each duration is already within it, so the running sum cannot overflow before it is caught).
    /// </summary>
    public void Run(IReadOnlyList<PhaseSpec> protocol)
    {
        long total = 0;
        foreach (var phase in protocol)
        {
            total += phase.Steps;
            if (total <= ScenarioLimits.MaxSteps)
            {
                continue;
            }

            var source = _defs.PhaseSources[phase];
            string where = source.Repeat is not null ? $"in repetition {phase.Rep + 1} of this block" : "at this phase";
            _r.Error(source.Repeat ?? source.Duration, source.Repeat is not null ? source.RepeatPath! : source.Path,
                SchemaReader.Inv($"the protocol passes {ScenarioLimits.MaxSteps:N0} steps of dt = {_ctx.DtMs} ms {where}, more than the limit for a whole protocol (offline phases and repetitions included)"),
                "use a larger dt, fewer repetitions or shorter phases; the limit keeps step counts and times exact (docs/scenario-reference.md, Limits)");
            return;
        }
    }
}
