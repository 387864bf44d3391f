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

    /// <summary>The plan.json of this sweep, naming the scenario as <paramref name="scenarioPath"/>; the same for every shard.</summary>
    public SweepPlanFile Plan(string scenarioPath, IReadOnlyList<SweepPoint> points) => new(
        scenarioPath,
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Document.Bytes)),
        [.. Sweep.Axes.SelectMany(a => a.Paths)],
        [.. points.Select(p => new PlannedPoint(p.Index, p.Id, p.Folder, p.Seed, p.Swept))]);

    /// <summary>The plan.json of this sweep with every point (<see cref="Expand"/>).</summary>
    public SweepPlanFile Plan(string scenarioPath) => Plan(scenarioPath, Expand());

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
        errors.AddRange(SweepValidation.UnknownPaths(document, sweep, fixedOverrides));

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
