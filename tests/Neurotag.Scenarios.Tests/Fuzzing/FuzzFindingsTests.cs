namespace Neurotag.Scenarios.Tests.Fuzzing;

/// <summary>Regression tests for the defects the scenario fuzzer found, each named for what it guards.</summary>
public class FuzzFindingsTests
{
    private static readonly ScenarioOptions Options = new(MemoryLimitBytes: 1L << 30);

    [Theory]
    [InlineData(2_000_000_000)] // the fuzzer's case: 4·10^18 slots, times the bytes per synapse, overflowed a long
    [InlineData(2_147_483_647)] // the largest size a population can have
    public void Load_WhenADenseProjectionOfAHugePopulationOverflowsTheMemorySum_ReportsTheProjectionInsteadOfThrowing(int size)
    {
        string yaml = $"""
            name: huge
            populations:
              cortex: {"{"} size: {size}, neuron: {"{"} model: rate {"}"} {"}"}
            projections:
              recurrent: {"{"} from: cortex, to: cortex, weight: {"{"} init: 0.01, max: 0.05 {"}"}, pruning: {"{"} below: 0.001, for: 1 day {"}"}, plasticity: {"{"} rule: hebbian, rate: 0.01 {"}"} {"}"}
            protocol:
              - {"{"} phase: run, duration: 1 s {"}"}
            """;

        var result = ScenarioLoader.LoadText(yaml, "huge.yaml", Options);

        Assert.Equal(2, result.Errors.Count);
        var projection = Assert.Single(result.Errors, e => e.Path == "projections.recurrent");
        Assert.Equal((5, 3), (projection.Line, projection.Column));
        Assert.Contains("exceed the largest array", projection.Message, StringComparison.Ordinal);
        var total = Assert.Single(result.Errors, e => e.Path.Length == 0);
        Assert.Contains("more than the limit", total.Message, StringComparison.Ordinal);
    }
}
