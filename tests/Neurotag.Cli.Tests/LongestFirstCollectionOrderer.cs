using Xunit.Abstractions;

[assembly: TestCollectionOrderer("Neurotag.Cli.Tests.LongestFirstCollectionOrderer", "Neurotag.Cli.Tests")]

namespace Neurotag.Cli.Tests;

/// <summary>
/// Starts the longest test classes first, so the long ones overlap with everything else instead of running alone at
/// the end. xunit runs at most maxParallelThreads (the processor count) classes at once, in this order; its default
/// order is by an id hash, which put the five-seed check of the scenario library (about half of this assembly's CPU)
/// last: it then ran alone for three minutes. Only the order changes, never what runs. A new class that takes more
/// than a few seconds belongs in <see cref="Longest"/>.
/// </summary>
public sealed class LongestFirstCollectionOrderer : ITestCollectionOrderer
{
    /// <summary>
    /// Classes (full names) or named collections, longest first (per-test durations: benchmarks/README.md, "Test
    /// suite time"). The "slurm" collection mostly waits for its daemons and queue, so it goes early to overlap.
    /// </summary>
    private static readonly string[] Longest =
    [
        typeof(CheckCommandTests).FullName!,
        "slurm",
        typeof(CompetitionScenarioTests).FullName!,
        typeof(SlurmCommandTests).FullName!,
        typeof(SpikingRunTests).FullName!,
        typeof(RunCommandTests).FullName!,
        typeof(SweepCommandTests).FullName!,
    ];

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.OrderBy(Rank).ThenBy(c => c.DisplayName, StringComparer.Ordinal);

    private static int Rank(ITestCollection collection)
    {
        // A class without a [Collection] is its own collection, named "Test collection for <full class name>" (some
        // xunit versions append an id after a space); a [Collection("name")] is named "name".
        string[] words = collection.DisplayName.Split(' ');
        int rank = Array.FindIndex(Longest, name => words.Contains(name, StringComparer.Ordinal));
        return rank < 0 ? Longest.Length : rank;
    }
}
