using System.Collections.Concurrent;
using System.Globalization;
using CsCheck;
using Xunit.Abstractions;

namespace Neurotag.Scenarios.Tests.Fuzzing;

/// <summary>
/// Property: every mutation of every bundled scenario is either valid or rejected with diagnostics that carry
/// file:line:col; never an exception, never a hang. Seeded and deterministic: case I uses the generator seeded with
/// FUZZ_SEED + I on scenario I mod (number of scenarios), so a failure replays from its numbers. The suite runs a
/// short form; <c>benchmarks/fuzz-scenarios.sh</c> runs a long one (FUZZ_ITERATIONS, FUZZ_SEED). Failing cases are
/// saved for Fixtures/fuzz/, which <see cref="FuzzFixture_IsValidOrRejectedWithPositions"/> replays.
/// </summary>
public class ScenarioFuzzTests(ITestOutputHelper output)
{
    /// <summary>The short form: 125 cases per bundled scenario (about 10 s on 2 cores).</summary>
    private const int DefaultIterations = 2000;

    private const ulong DefaultSeed = 20_261_207;

    private static readonly string FuzzFixtureDirectory = Path.Combine(AppContext.BaseDirectory, "Fixtures", "fuzz");

    public static TheoryData<string> FuzzFixtures()
    {
        var data = new TheoryData<string>();
        foreach (string file in Directory.EnumerateFiles(FuzzFixtureDirectory, "*.yaml").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Fact]
    public void MutatedBundledScenarios_AreValidOrRejectedWithPositions_NeverAnInternalErrorOrAHang()
    {
        int iterations = int.TryParse(Environment.GetEnvironmentVariable("FUZZ_ITERATIONS"), CultureInfo.InvariantCulture, out int n) && n > 0 ? n : DefaultIterations;
        ulong seed = ulong.TryParse(Environment.GetEnvironmentVariable("FUZZ_SEED"), CultureInfo.InvariantCulture, out ulong s) ? s : DefaultSeed;
        var scenarios = Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "scenarios"), "*.yaml").Order(StringComparer.Ordinal)
            .Select(f => (Name: Path.GetFileName(f), Text: File.ReadAllText(f))).ToList();
        Assert.True(scenarios.Count >= 10, $"only {scenarios.Count} bundled scenarios found");
        string work = Directory.CreateTempSubdirectory("neurotag-fuzz-").FullName;
        string saved = Path.Combine(Path.GetTempPath(), "neurotag-fuzz-failures");
        var failures = new ConcurrentQueue<string>();
        int valid = 0, rejected = 0;
        try
        {
            Parallel.For(0, iterations, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, (i, loop) =>
            {
                var (name, text) = scenarios[i % scenarios.Count];
                var mutations = ScenarioMutator.Mutations.Generate(new PCG(1, seed + (ulong)i), null, out _);
                string path = Path.Combine(work, i.ToString(CultureInfo.InvariantCulture) + "-" + name);
                var (outcome, failure) = FuzzHarness.Check(ScenarioMutator.Apply(text, mutations), path);
                if (failure is null)
                {
                    Interlocked.Increment(ref outcome == FuzzOutcome.Valid ? ref valid : ref rejected);
                    File.Delete(path);
                    return;
                }

                // Keep the fewest mutations that still fail (not for hangs: each try would take the whole timeout).
                var minimal = failure.StartsWith("hang", StringComparison.Ordinal) ? mutations : Shrink(text, mutations, path);
                var bytes = ScenarioMutator.Apply(text, minimal);
                string why = FuzzHarness.Check(bytes, path).Failure ?? failure;
                Directory.CreateDirectory(saved);
                string keep = Path.Combine(saved, $"{Path.GetFileNameWithoutExtension(name)}-{seed}-{i}.yaml");
                File.WriteAllBytes(keep, bytes);
                failures.Enqueue($"case {i} (FUZZ_SEED={seed}) on {name}: {ScenarioMutator.Describe(minimal)}\n  saved as {keep}\n  {why}");
                if (failures.Count >= 5 || failure.StartsWith("hang", StringComparison.Ordinal))
                {
                    loop.Stop();
                }
            });
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }

        output.WriteLine($"{iterations} cases from seed {seed}: {valid} valid, {rejected} rejected with positions, {failures.Count} failures");
        Assert.True(failures.IsEmpty, $"{failures.Count} failing cases (copy the saved files to tests/Neurotag.Scenarios.Tests/Fixtures/fuzz/ once fixed):\n" + string.Join("\n", failures));

        // The mutations must reach the compiler, not only the YAML parser: some mutants stay valid, and most do not.
        Assert.True(valid > iterations / 50 && rejected > iterations / 4, $"{valid} valid and {rejected} rejected of {iterations}: the mutations are too weak or too strong");
    }

    [Theory]
    [MemberData(nameof(FuzzFixtures))]
    public void FuzzFixture_IsValidOrRejectedWithPositions(string file)
    {
        string path = Path.Combine(Directory.CreateTempSubdirectory("neurotag-fuzz-replay-").FullName, file);
        try
        {
            var (_, failure) = FuzzHarness.Check(File.ReadAllBytes(Path.Combine(FuzzFixtureDirectory, file)), path);

            Assert.True(failure is null, failure);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    private static Mutation[] Shrink(string text, Mutation[] mutations, string path)
    {
        var current = mutations.ToList();
        for (int j = current.Count - 1; j >= 0 && current.Count > 1; j--)
        {
            var without = current.Where((_, k) => k != j).ToList();
            if (FuzzHarness.Check(ScenarioMutator.Apply(text, without), path).Failure is not null)
            {
                current = without;
            }
        }

        return [.. current];
    }
}
