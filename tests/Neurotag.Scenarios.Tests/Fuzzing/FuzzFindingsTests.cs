namespace Neurotag.Scenarios.Tests.Fuzzing;

/// <summary>Regression tests for the defects the scenario fuzzer found, each named for what it guards.</summary>
public class FuzzFindingsTests
{
    private static readonly ScenarioOptions Options = new(MemoryLimitBytes: 1L << 30);

    /// <summary>
    /// The fuzzer's case was 2·10^9 neurons: 4·10^18 slots times the bytes per synapse overflowed a long. Populations
    /// are now capped at 10^9 (refused at the size key, see the next test), but 10^9 × 10^9 slots × 12 bytes still
    /// exceeds a long, so the largest allowed size keeps the saturating sum under test.
    /// </summary>
    [Theory]
    [InlineData(1_000_000_000)] // the largest size a population can have
    [InlineData(700_000_000)] // 4.9·10^17 slots × 20 bytes: over long.MaxValue too
    public void Load_WhenADenseProjectionOfAHugePopulationOverflowsTheMemorySum_ReportsTheProjectionInsteadOfThrowing(int size)
    {
        var result = ScenarioLoader.LoadText(HugeDenseScenario(size), "huge.yaml", Options);

        // Both errors point at the projection that needs the memory: the array limit and the memory limit.
        Assert.Equal(2, result.Errors.Count);
        Assert.All(result.Errors, e => Assert.Equal(("projections.recurrent", 5, 3), (e.Path, e.Line, e.Column)));
        Assert.Single(result.Errors, e => e.Message.Contains("exceed the largest array", StringComparison.Ordinal));
        Assert.Single(result.Errors, e => e.Message.Contains("more than the limit", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(2_000_000_000)] // the fuzzer's original case
    [InlineData(2_147_483_647)]
    public void Load_WhenAPopulationExceedsTheSizeLimit_RefusesAtTheSizeKeyInsteadOfThrowing(int size)
    {
        var result = ScenarioLoader.LoadText(HugeDenseScenario(size), "huge.yaml", Options);

        Assert.Null(result.Spec);
        var error = Assert.Single(result.Errors, e => e.Path == "populations.cortex.size");
        Assert.Equal(3, error.Line);
        Assert.Contains("exceed the limit", error.Message, StringComparison.Ordinal);
    }

    /// <summary>The fuzzer's finding, reduced: one rate population of <paramref name="size"/> neurons with a dense, pruned, plastic recurrent projection.</summary>
    private static string HugeDenseScenario(int size) => $"""
        name: huge
        populations:
          cortex: {"{"} size: {size}, neuron: {"{"} model: rate {"}"} {"}"}
        projections:
          recurrent: {"{"} from: cortex, to: cortex, weight: {"{"} init: 0.01, max: 0.05 {"}"}, pruning: {"{"} below: 0.001, for: 1 day {"}"}, plasticity: {"{"} rule: hebbian, rate: 0.01 {"}"} {"}"}
        protocol:
          - {"{"} phase: run, duration: 1 s {"}"}
        """;
}
