using System.Globalization;

namespace Neurotag.Cli.Tests;

/// <summary>
/// A small rate scenario for tests of the run machinery (signals, full disks, provenance), where the science does not
/// matter and speed does: 200 neurons, 1.2 s of model time (a fraction of a second of CPU). Its practice duration
/// can be made long, for a run that is still in progress when a test signals it.
/// </summary>
internal static class TinyScenario
{
    /// <summary>The path of the practice phase's duration, for <c>--set</c> and sweep axes.</summary>
    public const string Duration = "protocol.practice.duration";

    /// <summary>The learning rate, for <c>--set</c> and sweep axes: different values give different CSVs.</summary>
    public const string Rate = "projections.recurrent.plasticity.rate";

    /// <summary>Writes the scenario into <paramref name="folder"/>; returns its path.</summary>
    /// <param name="folder">An existing folder.</param>
    /// <param name="practice">The practice phase's duration, e.g. <c>1 s</c> or <c>2000 s</c> (a run that takes minutes).</param>
    /// <param name="sweep">A <c>sweep:</c> section's YAML lines (indented by two spaces), or null.</param>
    public static string Write(string folder, string practice = "1 s", string? sweep = null)
    {
        string path = Path.Combine(folder, "tiny.yaml");
        string text = string.Create(CultureInfo.InvariantCulture, $$"""
            name: tiny
            seed: 3
            dt: 1 ms
            populations:
              cortex:
                size: 200
                neuron: { model: rate, tau: 10 ms, activation: sigmoid, gain: 10.0, threshold: 0.5 }
            tags:
              group: { population: cortex, size: 40 }
            inputs:
              drive: { target: group, kind: current, amplitude: 1.0 }
              background: { target: cortex, kind: gaussian, mean: 0.0, std: 0.06, correlation: 0.1, tau: 20 ms }
            projections:
              recurrent:
                from: cortex
                to: cortex
                connectivity: { rule: all_to_all }
                weight: { init: 0.001, min: 0.0, max: 0.08 }
                plasticity: { rule: hebbian, rate: 0.012 }
            protocol:
              - phase: practice
                duration: {{practice}}
                inputs: [drive, background]
              - phase: probe
                duration: 200 ms
                inputs: [background]
                plasticity: off
            record:
              every: 10 ms
              tags: [activation, strength]

            """);
        if (sweep is not null)
        {
            text += "sweep:\n" + sweep.TrimEnd() + "\n";
        }

        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>The CSV files of a run folder, name → bytes.</summary>
    public static SortedDictionary<string, byte[]> Csvs(string runFolder) =>
        new(Directory.GetFiles(runFolder, "*.csv").ToDictionary(f => Path.GetFileName(f), File.ReadAllBytes), StringComparer.Ordinal);

    /// <summary>Every hidden temporary the tool may leave under <paramref name="folder"/> (staging, lock, aside, temp files).</summary>
    public static string[] Temporaries(string folder) =>
        [.. Directory.GetFileSystemEntries(folder, "*", SearchOption.AllDirectories)
            .Where(p => Path.GetFileName(p) is var n && (n.Contains(".tmp-", StringComparison.Ordinal) || n.Contains(".old-", StringComparison.Ordinal)))];
}
