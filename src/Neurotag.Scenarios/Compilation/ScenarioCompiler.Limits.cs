using Neurotag.Core.Recording;
using Neurotag.Core.Specs;
using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation;

/// <summary>
/// The limits that keep a run countable (<see cref="ScenarioLimits"/>): the protocol's total step count, and the
/// projected CSV output. Both are reported at the duration (or repeat count) that exceeds them.
/// </summary>
internal sealed partial class ScenarioCompiler
{
    /// <summary>Where each phase instance was written, by reference (instances of a repeat block share their template's duration).</summary>
    private readonly Dictionary<PhaseSpec, PhaseSource> _phaseSources = new(ReferenceEqualityComparer.Instance);

    private PhaseSpec NotePhaseSource(PhaseSpec phase, PhaseSource source)
    {
        _phaseSources[phase] = source;
        return phase;
    }

    /// <summary>
    /// The whole protocol, offline phases and repetitions included, may span at most <see cref="ScenarioLimits.MaxSteps"/>
    /// (each duration is already within it, so the running sum cannot overflow before it is caught).
    /// </summary>
    private void CheckProtocolLength(IReadOnlyList<PhaseSpec> protocol)
    {
        long total = 0;
        foreach (var phase in protocol)
        {
            total += phase.Steps;
            if (total <= ScenarioLimits.MaxSteps)
            {
                continue;
            }

            var source = _phaseSources[phase];
            string where = source.Repeat is not null ? $"in repetition {phase.Rep + 1} of this block" : "at this phase";
            _r.Error(source.Repeat ?? source.Duration, source.Repeat is not null ? source.RepeatPath! : source.Path,
                SchemaReader.Inv($"the protocol passes {ScenarioLimits.MaxSteps:N0} steps of dt = {DtMs} ms {where}, more than the limit for a whole protocol (offline phases and repetitions included)"),
                "use a larger dt, fewer repetitions or shorter phases; the limit keeps step counts and times exact (docs/scenario-reference.md, Limits)");
            return;
        }
    }

    /// <summary>
    /// Refuses a run whose projected CSV output (<see cref="OutputProjection"/>) exceeds <see cref="ScenarioLimits.OutputLimitBytes"/>,
    /// unless <see cref="ScenarioOptions.AllowLargeOutput"/>; the error points at the duration contributing most.
    /// </summary>
    private void CheckOutputSize(SimulationSpec spec)
    {
        var projection = OutputProjection.Of(spec);
        if (_options.AllowLargeOutput || projection.TotalBytes <= ScenarioLimits.OutputLimitBytes)
        {
            return;
        }

        var bySource = new Dictionary<PhaseSource, double>(ReferenceEqualityComparer.Instance);
        for (int k = 0; k < spec.Protocol.Count; k++)
        {
            var source = _phaseSources[spec.Protocol[k]];
            bySource[source] = bySource.GetValueOrDefault(source) + projection.BytesByPhase[k];
        }

        // The repetitions of a phase share one source, so a repeated phase is blamed for all of them together.
        var (worst, bytes) = bySource.MaxBy(s => s.Value);
        string files = string.Join(", ", projection.BytesByFile.OrderByDescending(f => f.Value).Take(2).Select(f => $"{f.Key} {OutputProjection.Format(f.Value)}"));
        _r.Error(worst.Duration, worst.Path,
            $"the run would write about {OutputProjection.Format(projection.TotalBytes)} of CSV ({files}; {OutputProjection.Format(bytes)} of it in this phase{(worst.Repeat is not null ? " and its repetitions" : "")}), more than the limit of {OutputProjection.Format(ScenarioLimits.OutputLimitBytes)}",
            "shorten the phase, or record less: a longer 'record.every', fewer metrics, weights or neurons; or pass --allow-large to lift the output limit (docs/scenario-reference.md, Limits)");
    }

    /// <summary>The key of projection <paramref name="name"/> (where size errors about it point), or the top mapping.</summary>
    private static YamlNodeBase ProjectionKey(YamlMappingNode top, string name) =>
        top["projections"] is YamlMappingNode projections && projections.Entries.FirstOrDefault(e => e.Key.Value == name).Key is { } key ? key : top;

    /// <summary>Where a phase instance was written: its duration (or a repeat's gap), and the enclosing repeat count, if any.</summary>
    private sealed record PhaseSource(YamlNodeBase Duration, string Path, YamlNodeBase? Repeat = null, string? RepeatPath = null);
}
