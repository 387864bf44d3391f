using Neurotag.Core.Specs;
using Neurotag.Core.Tags;
using Neurotag.Scenarios;
using Neurotag.Scenarios.Expectations;
using Neurotag.Scenarios.Sweeps;

namespace Neurotag.Plotting.Data;

/// <summary>Excitatory or inhibitory, as far as the scenario's projections tell.</summary>
public enum Polarity
{
    /// <summary>No projection leaves it.</summary>
    Unknown,

    /// <summary>Its projections excite.</summary>
    Excitatory,

    /// <summary>Its projections inhibit.</summary>
    Inhibitory,
}

/// <summary>
/// What the figures need from the scenario a run came from, beyond its CSV files: the protocol (for folders
/// without phases.csv), tag membership and excitatory/inhibitory roles (raster grouping), thresholds (state traces),
/// the probe phases and the <c>expect:</c> entries. Loaded from the scenario path in the manifest, only when the
/// file's SHA-256 still matches the run's; otherwise figures are drawn without it.
/// </summary>
public sealed class ScenarioFacts
{
    private ScenarioFacts(SimulationSpec spec, IReadOnlyList<Expectation> expectations, string path)
    {
        Spec = spec;
        Expectations = expectations;
        Path = path;
    }

    /// <summary>The compiled scenario (with the run's seed and sweep point).</summary>
    public SimulationSpec Spec { get; }

    /// <summary>Its <c>expect:</c> entries.</summary>
    public IReadOnlyList<Expectation> Expectations { get; }

    /// <summary>Where the scenario file was found.</summary>
    public string Path { get; }

    /// <summary>The protocol as (name, rep, steps, offline) and dt, for <see cref="RunReader.Read"/>.</summary>
    public (IReadOnlyList<(string Name, int Rep, long Steps, bool Offline)> Entries, double DtMs) Protocol =>
        (Spec.Protocol.Select(p => (p.Name, p.Rep, p.Steps, p.Offline)).ToList(), Spec.Clock.DtMs);

    /// <summary>
    /// Finds and compiles the scenario of a run (or sweep): <paramref name="scenarioPath"/> as given, then relative to
    /// each folder above <paramref name="folder"/>; the first file whose SHA-256 is <paramref name="sha256"/> is used.
    /// Returns null with a note when there is none.
    /// </summary>
    public static ScenarioFacts? TryLoad(string scenarioPath, string sha256, ulong seed, IReadOnlyDictionary<string, string> sweepPoint, string folder, out string note)
    {
        note = "";
        if (scenarioPath.Length == 0)
        {
            note = "the manifest names no scenario file";
            return null;
        }

        bool changed = false;
        foreach (string candidate in Candidates(scenarioPath, folder))
        {
            if (!File.Exists(candidate))
            {
                continue;
            }

            string actual;
            try
            {
                actual = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(candidate)));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            if (sha256.Length > 0 && !string.Equals(actual, sha256, StringComparison.OrdinalIgnoreCase))
            {
                changed = true;
                continue;
            }

            var (document, readErrors) = ScenarioLoader.ReadDocument(candidate);
            if (document is null || readErrors.Count > 0)
            {
                continue;
            }

            // The manifest keeps scalar values only (a mapping set with --set is written as <mapping>): apply what
            // can be applied, and if the result does not compile, fall back to the scenario as written.
            var errors = new List<Neurotag.Scenarios.Diagnostic>();
            var overrides = sweepPoint.Where(kv => !kv.Value.StartsWith('<'))
                .Select(kv => ParameterOverride.Parse($"{kv.Key}={kv.Value}", "sweep point", errors)).OfType<ParameterOverride>().ToList();
            var options = new ScenarioOptions(Seed: seed, MemoryLimitBytes: long.MaxValue);
            var loaded = ScenarioLoader.Compile(document, errors.Count == 0 ? overrides : [], options);
            if (loaded.Spec is null && overrides.Count > 0)
            {
                loaded = ScenarioLoader.Compile(document, [], options);
                note = "the run's --set values could not be reapplied to the scenario; tags and thresholds are the scenario's own";
            }

            if (loaded.Spec is null)
            {
                note = $"the scenario {candidate} no longer compiles";
                return null;
            }

            return new ScenarioFacts(loaded.Spec, loaded.Expectations ?? [], candidate);
        }

        note = changed
            ? $"the scenario file {scenarioPath} changed since the run (its SHA-256 differs)"
            : $"the scenario file {scenarioPath} was not found";
        return null;
    }

    /// <summary>The names of probe phases: online phases with plasticity off (a measurement, not training).</summary>
    public IReadOnlySet<string> ProbePhases => Spec.Protocol.Where(p => !p.Offline && !p.Plasticity).Select(p => p.Name).ToHashSet(StringComparer.Ordinal);

    /// <summary>Every tag's members (sorted neuron indices) in its population, drawn as the run drew them (same seed).</summary>
    public IReadOnlyDictionary<string, int[]> TagMembers() =>
        TagMembership.DrawMembers(Spec.Tags, Spec.Populations.ToDictionary(p => p.Name, p => p.Size, StringComparer.Ordinal), Spec.Seed);

    /// <summary>Tag name → population name, in scenario order.</summary>
    public IReadOnlyList<(string Tag, string Population)> Tags => Spec.Tags.Select(t => (t.Name, t.Population)).ToList();

    /// <summary>Whether the projections leaving tag or population <paramref name="source"/> excite or inhibit.</summary>
    public Polarity PolarityOf(string source)
    {
        var from = Spec.Projections.Where(p => p.From == source).ToList();
        return from.Count == 0 ? Polarity.Unknown : from.All(p => p.Inhibitory) ? Polarity.Inhibitory : Polarity.Excitatory;
    }

    /// <summary>Number of recorded neurons of the spike raster's population, or null.</summary>
    public int? RecordedSpikeNeurons => Spec.Record.Spikes?.Neurons;

    /// <summary>
    /// The spike threshold of <paramref name="population"/> in mV as it changes over the protocol: one value per
    /// protocol entry (LIF v_thresh, set per phase by <c>set:</c>; Izhikevich v_peak), or null for other models.
    /// </summary>
    public double[]? Thresholds(string population)
    {
        var spec = Spec.Populations.FirstOrDefault(p => p.Name == population);
        if (spec?.Neuron.SpikeThresholdMv() is not { } current)
        {
            return null;
        }

        var result = new double[Spec.Protocol.Count];
        for (int k = 0; k < result.Length; k++)
        {
            foreach (var set in Spec.Protocol[k].Sets.Where(s => s.Population == population && spec!.Neuron.SettableParameters().Any(p => p.Name == s.Parameter && p.IsSpikeThreshold)))
            {
                current = set.Value;
            }

            result[k] = current;
        }

        return result;
    }

    /// <summary>Evaluates the <c>expect:</c> entries against summary rows (each with its protocol instance).</summary>
    public IReadOnlyList<ExpectationResult> Evaluate(IEnumerable<SummaryEntry> summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var evaluator = new ExpectationEvaluator(Spec.Protocol);
        foreach (var row in summary)
        {
            if (row.Instance is { } instance)
            {
                evaluator.Record(instance, row.Kind, row.Name, row.Metric, row.Other, row.Value);
            }
        }

        return evaluator.Evaluate(Expectations);
    }

    /// <summary>The protocol index an expectation's reference points at (−1 when none).</summary>
    public int InstanceOf(MetricRef metric) => new ExpectationEvaluator(Spec.Protocol).FindInstance(metric);

    private static IEnumerable<string> Candidates(string scenarioPath, string folder)
    {
        if (System.IO.Path.IsPathRooted(scenarioPath))
        {
            yield return scenarioPath;
            yield break;
        }

        yield return System.IO.Path.GetFullPath(scenarioPath);
        for (var dir = new DirectoryInfo(System.IO.Path.GetFullPath(folder)); dir is not null; dir = dir.Parent)
        {
            yield return System.IO.Path.Combine(dir.FullName, scenarioPath);
        }
    }
}
