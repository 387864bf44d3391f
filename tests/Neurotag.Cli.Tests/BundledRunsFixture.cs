namespace Neurotag.Cli.Tests;

/// <summary>
/// Every bundled scenario run once with <c>neurotag-cli run</c> (its own seed) into a temp folder, shared by every
/// test class in the <see cref="BundledRunsGroup"/>, so tests that read real run folders (the strict CSV reader,
/// figures) pay for the library once. Two runs at a time: the library takes about a minute of CPU in all.
/// </summary>
public sealed class BundledRunsFixture : IDisposable
{
    private readonly TempFolder _temp = new();

    public BundledRunsFixture()
    {
        var scenarios = Directory.GetFiles(System.IO.Path.Combine(AppContext.BaseDirectory, "scenarios"), "*.yaml").Order(StringComparer.Ordinal).ToArray();
        var results = new (string Name, string Folder, int Exit, string Err)[scenarios.Length];
        Parallel.For(0, scenarios.Length, new ParallelOptions { MaxDegreeOfParallelism = 2 }, k =>
        {
            string name = System.IO.Path.GetFileNameWithoutExtension(scenarios[k]);
            string folder = _temp.Sub(name);
            var (exit, _, err) = CliHarness.Run("run", scenarios[k], "--out", folder, "--quiet");
            results[k] = (name, folder, exit, err);
        });
        Runs = results;
    }

    /// <summary>Scenario name (file name without .yaml), run folder, exit code and stderr, in file-name order.</summary>
    public IReadOnlyList<(string Name, string Folder, int Exit, string Err)> Runs { get; }

    public void Dispose() => _temp.Dispose();
}

/// <summary>The test classes sharing one <see cref="BundledRunsFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class BundledRunsGroup : ICollectionFixture<BundledRunsFixture>
{
    public const string Name = "bundled scenario runs";
}
