using System.Security.Cryptography;
using Neurotag.Scenarios;
using Neurotag.Scenarios.Expectations;

namespace Neurotag.Cli.Commands;

/// <summary>
/// One scenario file of a <c>check</c>: compiled, with how many seeds to run from which first seed, and its runs.
/// <see cref="Checked"/> is false for a file only run as the other condition of an effect (<c>versus: { scenario }</c>).
/// </summary>
internal sealed class CheckScenario(string file, ScenarioDocument document, ScenarioLoadResult compiled, bool isChecked)
{
    public string File { get; } = file;

    public ScenarioDocument Document { get; } = document;

    public ScenarioLoadResult Compiled { get; } = compiled;

    public bool Checked { get; set; } = isChecked;

    /// <summary>SHA-256 of the file's bytes, lowercase hex (the content hash a baseline is tied to).</summary>
    public string Sha256 { get; } = Convert.ToHexStringLower(SHA256.HashData(document.Bytes));

    public ulong FirstSeed { get; set; }

    public int RunSeeds { get; set; }

    public CheckRun?[] Runs { get; set; } = [];

    /// <summary>The largest <c>over_seeds:</c> of its expectations (0 if none).</summary>
    public int OverSeeds => Compiled.Expectations?.Max(e => e.OverSeeds?.Seeds ?? 0) ?? 0;
}

/// <summary>Which files <c>check</c> runs, for how many seeds, and what was invalid.</summary>
internal sealed class CheckPlan
{
    private readonly Dictionary<string, CheckScenario> _byPath = new(StringComparer.Ordinal);

    public List<CheckScenario> Scenarios { get; } = [];

    public List<(string File, IReadOnlyList<Diagnostic> Errors)> Invalid { get; } = [];

    public bool Crashed { get; private set; }

    /// <summary>Loads the files and folders named; null (after a message) when a folder holds no scenario.</summary>
    public static CheckPlan? Collect(CliContext context, CheckSettings settings)
    {
        var files = new List<string>();
        foreach (string path in settings.Paths)
        {
            if (Directory.Exists(path))
            {
                var found = Directory.GetFiles(path, "*.yaml").Order(StringComparer.Ordinal).ToList();
                if (found.Count == 0)
                {
                    // "0 passed, 0 failed" and exit 0 would let a CI job that points at the wrong folder pass forever.
                    context.Error.WriteLine($"{path}: no scenario files (*.yaml) in this folder; nothing to check (hint: pass the folder that holds the scenarios, e.g. scenarios/)");
                    return null;
                }

                files.AddRange(found);
            }
            else
            {
                files.Add(path);
            }
        }

        var plan = new CheckPlan();
        foreach (string file in files)
        {
            if (plan.Load(context, file, settings, isChecked: true) is { } s && s.Compiled.Expectations is not { Count: > 0 })
            {
                context.Error.WriteLine($"{file}: no 'expect:' entries; nothing to check");
                plan.Scenarios.Remove(s);
                plan._byPath.Remove(Path.GetFullPath(file));
            }
        }

        return plan;
    }

    /// <summary>The scenario an effect's other condition is measured in (null: the same one).</summary>
    public CheckScenario? VersusOf(CheckScenario owner, EffectSpec effect) =>
        effect.Scenario is { } other && _byPath.TryGetValue(ResolveVersus(owner.File, other), out var s) ? s : null;

    /// <summary>
    /// Loads the other scenarios of effects, checks their phases and units, ties each file to its baseline, and decides
    /// the seeds. A file with a problem is moved to <see cref="Invalid"/>; the others still run.
    /// </summary>
    public bool Prepare(CliContext context, CheckSettings settings, BaselineFile? baseline)
    {
        foreach (var owner in Scenarios.Where(s => s.Checked).ToList())
        {
            var errors = new List<Diagnostic>();
            foreach (var e in owner.Compiled.Expectations!)
            {
                if (e.OverSeeds?.Effect is not { Scenario: { } other } effect)
                {
                    continue;
                }

                string path = ResolveVersus(owner.File, other);
                var versus = _byPath.GetValueOrDefault(path) ?? Load(context, path, settings, isChecked: false);
                if (versus is null)
                {
                    errors.Add(new Diagnostic(owner.File, effect.Line, effect.Column, "effect.versus.scenario", $"the other scenario '{other}' ({path}) is missing or invalid", "see its errors above; the path is relative to this file"));
                    continue;
                }

                versus.RunSeeds = Math.Max(versus.RunSeeds, e.OverSeeds.Seeds);
                var spec = versus.Compiled.Spec!;
                if (new ExpectationEvaluator(spec.Protocol).FindInstance(effect.Versus) < 0)
                {
                    errors.Add(new Diagnostic(owner.File, effect.Line, effect.Column, "effect.versus.phase", $"'{other}' has no phase '{effect.Versus.PhaseText}'", "name a phase of the other scenario's protocol"));
                }

                string mine = MetricQuantity.Of(e.Subject.Kind, e.Subject.Metric, owner.Compiled.Spec!.IsSpiking);
                string theirs = MetricQuantity.Of(effect.Versus.Kind, effect.Versus.Metric, spec.IsSpiking);
                if (mine != theirs)
                {
                    errors.Add(new Diagnostic(owner.File, effect.Line, effect.Column, "effect.versus.metric", $"an effect compares like with like: {e.Subject.MetricText} measures {mine}, {effect.Versus.MetricText} of '{other}' measures {theirs}", "compare two metrics of one kind and unit"));
                }
            }

            if (baseline is not null)
            {
                string name = owner.Compiled.Spec!.Name;
                var recorded = baseline.Scenarios.FirstOrDefault(b => b.Name == name);
                if (recorded is null)
                {
                    // A folder may hold scenarios the baseline does not cover: their expectations are still checked.
                    context.Error.WriteLine($"{owner.File}: scenario '{name}' is not in the baseline {settings.Baseline}; its expectations are checked, its metrics not compared (hint: record it with --save-baseline)");
                }
                else if (recorded.ContentSha256 != owner.Sha256 && !settings.AcceptChangedScenario)
                {
                    errors.Add(new Diagnostic(owner.File, 1, 1, "", $"the baseline {settings.Baseline} was recorded from another version of this scenario (sha256 {recorded.ContentSha256[..Math.Min(12, recorded.ContentSha256.Length)]}… there, {owner.Sha256[..12]}… here)", "record a new baseline with --save-baseline, or pass --accept-changed-scenario to compare anyway"));
                }
                else
                {
                    owner.FirstSeed = settings.Seed ?? recorded.Seeds[0];
                    owner.RunSeeds = Math.Max(owner.RunSeeds, recorded.Seeds.Count);
                }
            }

            if (settings.SaveBaseline is not null && Math.Max(settings.Seeds, owner.OverSeeds) < 2)
            {
                errors.Add(new Diagnostic(owner.File, 1, 1, "", "a baseline needs at least 2 seeds to have a spread", "add --seeds 5"));
            }

            if (errors.Count > 0)
            {
                ScenarioInput.Report(context, owner.File, errors);
                Invalid.Add((owner.File, errors));
                owner.Checked = false;
            }
        }

        // Drop files nobody needs any more (a file invalidated above, and other scenarios only it referred to).
        var needed = Scenarios.Where(s => s.Checked).ToList();
        foreach (var owner in needed.ToList())
        {
            needed.AddRange(owner.Compiled.Expectations!.Select(e => e.OverSeeds?.Effect).OfType<EffectSpec>().Select(f => VersusOf(owner, f)).OfType<CheckScenario>());
        }

        Scenarios.RemoveAll(s => !needed.Contains(s));
        foreach (var s in Scenarios)
        {
            s.RunSeeds = Math.Max(s.RunSeeds, s.Checked ? Math.Max(settings.Seeds, s.OverSeeds) : 0);
            s.Runs = new CheckRun?[s.RunSeeds];
        }

        return true;
    }

    private CheckScenario? Load(CliContext context, string file, CheckSettings settings, bool isChecked)
    {
        ScenarioDocument? document = null;
        IReadOnlyList<Diagnostic> readErrors = [];
        ScenarioLoadResult? compiled = null;
        if (!ScenarioInput.Guard(context, file, () =>
        {
            (document, readErrors) = ScenarioLoader.ReadDocument(file);
            compiled = document is null ? null : ScenarioLoader.Compile(document, [], new ScenarioOptions { AllowLargeOutput = settings.AllowLarge });
        }))
        {
            Crashed = true;
            return null;
        }

        if (document is null || compiled?.Spec is null)
        {
            var errors = document is null ? readErrors : compiled!.Errors;
            ScenarioInput.Report(context, file, errors);
            Invalid.Add((file, errors));
            return null;
        }

        var scenario = new CheckScenario(file, document, compiled, isChecked) { FirstSeed = settings.Seed ?? compiled.Spec.Seed };
        Scenarios.Add(scenario);
        _byPath[Path.GetFullPath(file)] = scenario;
        return scenario;
    }

    private static string ResolveVersus(string ownerFile, string other) =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(ownerFile)) ?? ".", other));
}
