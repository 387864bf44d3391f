using Neurotag.Scenarios.Units;
using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Compilation;

/// <summary>
/// What every section reader may ask, fixed before the first section is read: where errors go, dt (and whether
/// 'dt:' was rejected, in which case durations are not converted to steps), and the network kind. It holds no
/// definitions (those are in <see cref="Definitions"/>), so a reader's dependencies are visible in its constructor.
/// </summary>
internal sealed class CompileContext(SchemaReader reader, ScenarioOptions options, long dtNs, bool dtRejected, NetworkKind kind)
{
    /// <summary>The schema reader, which also collects the diagnostics.</summary>
    public SchemaReader Reader { get; } = reader;

    public ScenarioOptions Options { get; } = options;

    /// <summary>dt in nanoseconds (the default 0.1 ms when 'dt:' is absent or rejected).</summary>
    public long DtNs { get; } = dtNs;

    /// <summary>Whether 'dt:' was rejected: then durations cannot be checked against it, and are not.</summary>
    public bool DtRejected { get; } = dtRejected;

    public NetworkKind Kind { get; } = kind;

    public bool IsSpiking => Kind == NetworkKind.Spiking;

    public double DtMs => DtNs / 1e6;

    public List<Diagnostic> Errors => Reader.Errors;

    /// <summary>A duration as a whole number of steps; an error when it is not a multiple of dt.</summary>
    public long? Steps(YamlNodeBase? node, string path, bool allowZero = false)
    {
        if (Reader.Quantity(node, path, Dimension.Time, 0, minExclusive: !allowZero) is not { } ms || DtRejected)
        {
            return null; // with dt rejected, the duration's unit and sign are checked, its steps cannot be
        }

        double dtMs = DtNs / 1e6;
        double steps = ms / dtMs;
        if (steps > ScenarioLimits.MaxSteps)
        {
            Reader.Error(node!, path, SchemaReader.Inv($"{QuantityParser.Format(ms, Dimension.Time)} is {steps:E2} steps of dt = {dtMs} ms, more than the limit of {ScenarioLimits.MaxSteps:N0} steps"), "use a larger dt or a shorter duration; offline phases are cheap, but time must stay countable (docs/scenario-reference.md, Limits)");
            return null;
        }

        double rounded = Math.Round(steps);
        if (Math.Abs(steps - rounded) > 1e-6 * Math.Max(1, steps) || (rounded == 0 && !allowZero))
        {
            Reader.Error(node!, path, SchemaReader.Inv($"{QuantityParser.Format(ms, Dimension.Time)} is not a whole number of steps of dt = {dtMs} ms"), "make durations multiples of dt");
            return null;
        }

        return (long)rounded;
    }
}
