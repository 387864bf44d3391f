using Neurotag.Core.Specs;
using Neurotag.Output.Sweeps;
using Neurotag.Scenarios;
using Neurotag.Scenarios.Sweeps;

namespace Neurotag.Cli.Commands;

/// <summary>
/// A sweep's inputs, checked once for every command that plans one (<c>sweep</c> and <c>slurm</c>): the scenario, the
/// <c>--set</c> and <c>--grid</c> flags, the scenario's <c>sweep:</c> section, the base run, and every swept path.
/// </summary>
/// <param name="Document">The parsed scenario.</param>
/// <param name="Sweep">Axes and seeds.</param>
/// <param name="BaseSpec">The scenario compiled with the fixed overrides (its seed is the first replicate's).</param>
/// <param name="FixedOverrides">The <c>--set</c> values, applied to every point.</param>
internal sealed record SweepSetup(ScenarioDocument Document, SweepDefinition Sweep, SimulationSpec BaseSpec, IReadOnlyList<ParameterOverride> FixedOverrides)
{
    /// <summary>Every point, in the documented order.</summary>
    public IReadOnlyList<SweepPoint> Expand() => SweepPlan.Expand(Sweep, BaseSpec.Seed, FixedOverrides);

    /// <summary>The plan.json of this sweep: the same for every shard, and written by <c>slurm</c> before any shard runs.</summary>
    /// <param name="scenarioPath">The scenario as given.</param>
    public SweepPlanFile Plan(string scenarioPath) => new(
        scenarioPath,
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Document.Bytes)),
        [.. Sweep.Axes.SelectMany(a => a.Paths)],
        [.. Expand().Select(p => new PlannedPoint(p.Index, p.Id, p.Folder, p.Seed, p.Swept))]);

    /// <summary>
    /// Reads and checks everything; returns null with the problems in <paramref name="errors"/>. Unknown swept paths
    /// are input errors for the whole sweep; a bad value only fails its own point later. <paramref name="errors"/>
    /// may already hold problems with other flags: then only the cheap checks run. <paramref name="allowLargeOutput"/>
    /// lifts the projected-output limit (<c>--allow-large</c>).
    /// </summary>
    public static SweepSetup? Prepare(string scenarioPath, string[] sets, string[] grids, int? seeds, ulong? seed, List<Diagnostic> errors, bool allowLargeOutput = false)
    {
        var (document, readErrors) = ScenarioLoader.ReadDocument(scenarioPath);
        errors.AddRange(readErrors);
        var fixedOverrides = sets.Select(s => ParameterOverride.Parse(s, "--set", errors)).OfType<ParameterOverride>().ToList();
        var gridAxes = grids.Select(g => ParseGrid(g, errors)).OfType<ParameterOverride[]>().ToList();
        if (seeds is < 1)
        {
            errors.Add(new Diagnostic("--seeds", 1, 1, "", "expected at least 1 seed", "for example --seeds 10"));
        }

        if (document is null || errors.Count > 0)
        {
            return null;
        }

        var sweep = SweepDefinition.Read(document.Root, document.File, gridAxes, seeds, errors);
        var baseRun = ScenarioLoader.Compile(document, fixedOverrides, new ScenarioOptions(Seed: seed) { AllowLargeOutput = allowLargeOutput });
        errors.AddRange(baseRun.Errors);
        foreach (var axis in sweep.Axes)
        {
            // A path whose last key the file leaves out is grafted in, so a misspelled last key shows as the
            // compiler's "unknown key" at that path, or at the grafted node's position inside a protocol item.
            var probe = axis.Paths.Select((p, c) => new ParameterOverride(p, axis.Rows[0][c])).ToList();
            var pathErrors = new List<Diagnostic>();
            _ = YamlTreeEditor.Apply(document.Root, probe, document.File, pathErrors);
            if (pathErrors.Count == 0)
            {
                var compiled = ScenarioLoader.Compile(document, [.. fixedOverrides, .. probe]);
                pathErrors.AddRange(compiled.Errors.Where(e => e.Message.StartsWith("unknown key", StringComparison.Ordinal) && (axis.Paths.Contains(e.Path) || probe.Any(o => IsGraftedKey(e, o, document.File)))));
            }

            errors.AddRange(pathErrors);
        }

        if (errors.Count > 0 || baseRun.Spec is null)
        {
            return null;
        }

        var setup = new SweepSetup(document, sweep, baseRun.Spec, fixedOverrides);
        try
        {
            _ = setup.Expand();
        }
        catch (ArgumentException e)
        {
            errors.Add(new Diagnostic(scenarioPath, 1, 1, "sweep", e.Message, "sweep fewer values or seeds"));
            return null;
        }

        return setup;
    }

    /// <summary>
    /// Whether <paramref name="error"/> is about the key <see cref="YamlTreeEditor"/> grafted for <paramref name="o"/>:
    /// that key sits at the value's position. (Inside lists the compiler's path uses indices, <c>protocol[6].duratoin</c>,
    /// so comparing paths alone misses a misspelled last key of a protocol item.)
    /// </summary>
    private static bool IsGraftedKey(Diagnostic error, ParameterOverride o, string file) =>
        error.Message == $"unknown key '{o.Path[(o.Path.LastIndexOf('.') + 1)..]}'"
        && error.File == (o.Value.Origin ?? file)
        && error.Line == o.Value.Start.Line
        && error.Column == o.Value.Start.Column;

    private static ParameterOverride[]? ParseGrid(string text, List<Diagnostic> errors)
    {
        int eq = text.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0 || eq == text.Length - 1)
        {
            errors.Add(new Diagnostic($"--grid {text}", 1, 1, "", "expected PATH=V1,V2,...", "for example --grid projections.cue-to-pain.plasticity.rate=0.002,0.005,0.01"));
            return null;
        }

        string path = text[..eq].Trim();
        var values = text[(eq + 1)..].Split(',').Select(v => ParameterOverride.ParseValue(v, $"--grid {path}", errors)).ToList();
        return values.Any(v => v is null) ? null : [.. values.Select(v => new ParameterOverride(path, v!))];
    }
}
