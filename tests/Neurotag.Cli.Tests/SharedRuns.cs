using System.Collections.Concurrent;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Neurotag.Cli.Tests;

/// <summary>
/// Runs that many tests only read, made once per test process and shared by every test class. The first test that
/// asks for one pays for it; the others wait for it or find it done. They are plain static lazies rather than an
/// xunit collection fixture so that the classes using them do not have to share one collection and still run in
/// parallel with each other.
/// <list type="bullet">
/// <item><see cref="ChronicPain"/>: <c>run scenarios/chronic-pain.yaml --out DIR --seed S --quiet</c>, in process,
/// under the invariant culture, one run per seed. Seed 42 (<see cref="DefaultSeed"/>) is the scenario's own seed,
/// so its CSVs are those of a run without <c>--seed</c>. Used by the end-to-end margins, the contract-file check and
/// every byte-identity comparison against "a default run" (second run, one processor, comma culture, --force).</item>
/// <item><see cref="ShortChronicPainScenario"/>: chronic-pain with every simulated phase ten times shorter (the 60-day
/// offline phase and every key path unchanged), for tests of machinery rather than of the science: sweeps, shards,
/// merge, cancellation, and the software-SIMD comparison, where the full scenario took 36 s of CPU.</item>
/// <item><see cref="ShortChronicPain"/>: an in-process run of that scenario with its own seed.</item>
/// </list>
/// A shared folder must never be written to: a test that changes a run copies it first (<see cref="CopyTo"/>).
/// Each run has its own parent folder, so a test may check that nothing else (no hidden temporary folder) was left
/// beside it. Everything is deleted when the test process exits.
/// </summary>
internal static class SharedRuns
{
    public const string DefaultSeed = "42";

    private static readonly string Root = Path.Combine(Path.GetTempPath(), "neurotag-cli-tests-shared-" + Guid.NewGuid().ToString("N"));

    private static readonly ConcurrentDictionary<string, Lazy<SharedRun>> ChronicPainRuns = new(StringComparer.Ordinal);

    private static readonly Lazy<string> ShortScenario = new(WriteShortChronicPain);

    private static readonly Lazy<SharedRun> ShortRun = new(() => MakeRun("short-chronic-pain", ShortChronicPainScenario));

    static SharedRuns() => AppDomain.CurrentDomain.ProcessExit += (_, _) => DeleteRoot();

    /// <summary>The chronic-pain run with <paramref name="seed"/> (default: the scenario's own seed 42).</summary>
    public static SharedRun ChronicPain(string seed = DefaultSeed) =>
        ChronicPainRuns.GetOrAdd(seed, s => new Lazy<SharedRun>(() => MakeRun("chronic-pain-seed-" + s, CliHarness.Scenario("chronic-pain.yaml"), "--seed", s))).Value;

    /// <summary>The path of the shortened chronic-pain scenario (the file is named chronic-pain.yaml, like the original).</summary>
    public static string ShortChronicPainScenario => ShortScenario.Value;

    /// <summary>A run of <see cref="ShortChronicPainScenario"/> with its own seed.</summary>
    public static SharedRun ShortChronicPain => ShortRun.Value;

    /// <summary>Copies a shared run (or any folder) to <paramref name="destination"/>, for a test that modifies it.</summary>
    public static void CopyTo(string source, string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (string file in Directory.GetFiles(source))
        {
            File.Copy(file, Path.Combine(destination, Path.GetFileName(file)));
        }

        foreach (string dir in Directory.GetDirectories(source))
        {
            CopyTo(dir, Path.Combine(destination, Path.GetFileName(dir)));
        }
    }

    private static SharedRun MakeRun(string name, string scenario, params string[] extra)
    {
        string parent = Path.Combine(Root, name);
        Directory.CreateDirectory(parent);
        string output = Path.Combine(parent, "run");
        var saved = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
            return new SharedRun(output, CliHarness.Run(["run", scenario, "--out", output, "--quiet", .. extra]));
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }

    /// <summary>
    /// Every simulated phase of chronic-pain ten times shorter (1 s → 100 ms, the 5 s injury → 500 ms) and weights
    /// recorded every 100 ms so each phase still writes them; populations, projections, rules, the 60-day offline
    /// phase, recording and the seed are unchanged, so every path a sweep or a comparison can name still exists.
    /// </summary>
    private static string WriteShortChronicPain()
    {
        string text = File.ReadAllText(CliHarness.Scenario("chronic-pain.yaml"));
        string shorter = Regex.Replace(text, @"duration: (1|5) s(?=\s)", m => m.Groups[1].Value == "1" ? "duration: 100 ms" : "duration: 500 ms")
            .Replace("every: 1 s, histogram", "every: 100 ms, histogram", StringComparison.Ordinal);
        Assert.DoesNotMatch(@"duration: \d+ s\b", shorter); // a new phase length must be shortened here too
        Assert.Contains("duration: 500 ms", shorter, StringComparison.Ordinal);
        Assert.Contains("every: 100 ms, histogram", shorter, StringComparison.Ordinal);
        Assert.Contains("duration: 60 day", shorter, StringComparison.Ordinal);

        string folder = Path.Combine(Root, "short-scenario");
        Directory.CreateDirectory(folder);
        string path = Path.Combine(folder, "chronic-pain.yaml");
        File.WriteAllText(path, shorter);
        return path;
    }

    private static void DeleteRoot()
    {
        try
        {
            if (Directory.Exists(Root))
            {
                Directory.Delete(Root, recursive: true);
            }
        }
        catch (IOException)
        {
            // Best effort at process exit: a leftover folder in the temp directory is harmless.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}

/// <summary>A shared run: its folder (read only) and what the CLI returned.</summary>
internal sealed record SharedRun(string Folder, (int Exit, string Out, string Err) Result)
{
    /// <summary>The folder the run folder sits in, holding nothing else.</summary>
    public string Parent => Path.GetDirectoryName(Folder)!;

    /// <summary>Asserts that the run succeeded (a failed shared run fails every test that uses it, with its message).</summary>
    public string AssertOk()
    {
        Assert.True(Result.Exit == 0, $"the shared run into {Folder} exited {Result.Exit}: {Result.Err}");
        return Folder;
    }
}
