using Neurotag.Core.Specs;

namespace Neurotag.Scenarios.Tests;

/// <summary>
/// The competition keys (normalize per pre/post/both, heterosynaptic, kwta) and pruning's regrowth: what compiles to
/// which spec, with defaults. Bad values are covered by the invalid fixtures (competition-bad-values, kwta-too-large,
/// regrow-bad-values, projection-metric-without-pruning).
/// </summary>
public class CompetitionCompilerTests
{
    /// <summary>A valid scenario whose projection carries EXTRA (competition/pruning keys) and whose population KWTA.</summary>
    private static string Scenario(string extra, string kwta = "") => $$"""
        name: competition
        dt: 1 ms
        populations:
          cortex:
            size: 20
            {{kwta}}
            neuron: { model: rate, activation: linear }
        projections:
          recurrent:
            from: cortex
            to: cortex
            weight: { init: 0.01, min: 0.0, max: 0.5 }
            plasticity: { rule: hebbian, rate: 0.1 }
            {{extra}}
        protocol:
          - { phase: run, duration: 10 ms }
        """;

    private static SimulationSpec Compile(string extra, string kwta = "")
    {
        string text = Scenario(extra, kwta);
        var result = ScenarioLoader.LoadText(text, "competition.yaml");
        Assert.True(result.IsValid, string.Join("\n", result.Errors) + "\n" + text);
        return result.Spec!;
    }

    [Theory]
    [InlineData("post", NormalizePer.Post)]
    [InlineData("pre", NormalizePer.Pre)]
    [InlineData("both", NormalizePer.Both)]
    public void Normalize_PerSide_Compiles(string side, NormalizePer expected)
    {
        var p = Assert.Single(Compile($"competition: {{ normalize: {{ per: {side}, total: 2.0, every: 5 ms }} }}").Projections);

        Assert.Equal(new NormalizationSpec(expected, 2.0, 5), p.Normalization);
        Assert.Null(p.Heterosynaptic);
    }

    [Fact]
    public void Normalize_Both_TakesIterations_AndDefaultsTo20()
    {
        var explicitIterations = Assert.Single(Compile("competition: { normalize: { per: both, total: 1.0, iterations: 7 } }").Projections);
        var defaults = Assert.Single(Compile("competition: { normalize: { per: both, total: 1.0 } }").Projections);

        Assert.Equal(7, explicitIterations.Normalization!.Iterations);
        Assert.Equal(20, defaults.Normalization!.Iterations);
        Assert.Equal(10, defaults.Normalization.EverySteps);
    }

    [Fact]
    public void Heterosynaptic_CompilesAlone_AndAlongsideNormalize()
    {
        var alone = Assert.Single(Compile("competition: { heterosynaptic: { rate: 0.5 } }").Projections);
        var both = Assert.Single(Compile("competition: { heterosynaptic: { rate: 1.0 }, normalize: { total: 1.0 } }").Projections);

        Assert.Equal(new HeterosynapticSpec(0.5), alone.Heterosynaptic);
        Assert.Null(alone.Normalization);
        Assert.Equal(new HeterosynapticSpec(1.0), both.Heterosynaptic);
        Assert.Equal(NormalizePer.Post, both.Normalization!.Per);
    }

    [Fact]
    public void Regrow_True_DefaultsToTauFor_AndTheRestingWeight()
    {
        var p = Assert.Single(Compile("pruning: { below: 0.002, for: 2 day, regrow: true }").Projections);

        Assert.Equal(new RegrowthSpec(2 * 86_400_000.0, 0.01), p.Pruning!.Regrow);
    }

    [Fact]
    public void Regrow_Mapping_And_False()
    {
        var mapped = Assert.Single(Compile("pruning: { below: 0.002, for: 2 day, regrow: { tau: 12 h, weight: 0.003 } }").Projections);
        var off = Assert.Single(Compile("pruning: { below: 0.002, for: 2 day, regrow: false }").Projections);

        Assert.Equal(new RegrowthSpec(12 * 3_600_000.0, 0.003), mapped.Pruning!.Regrow);
        Assert.Null(off.Pruning!.Regrow);
    }

    [Fact]
    public void Kwta_OnARatePopulation_Compiles()
    {
        var spec = Compile("", kwta: "kwta: 5");

        Assert.Equal(5, Assert.Single(spec.Populations).Kwta);
    }

    [Fact]
    public void ProjectionMetrics_CompileForAPrunedProjection()
    {
        string text = Scenario("pruning: { below: 0.002, for: 2 day }") + """

            expect:
              - { phase: run, metric: projection.recurrent.synapses, above: 0 }
              - { phase: run, metric: projection.recurrent.pruned, below: 1 }
              - { phase: run, metric: projection.recurrent.regrown, below: 1 }
            """;
        var result = ScenarioLoader.LoadText(text, "competition.yaml");

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal(["synapses", "pruned", "regrown"], result.Expectations!.Select(e => e.Subject.Metric));
    }

    [Theory]
    [InlineData("", ScalingForm.Quadratic)]
    [InlineData(", form: quadratic", ScalingForm.Quadratic)]
    [InlineData(", form: multiplicative", ScalingForm.Multiplicative)]
    public void Scaling_Compiles_QuadraticByDefault(string form, ScalingForm expected)
    {
        var p = Assert.Single(Compile($"competition: {{ scaling: {{ target: 0.1, tau: 20 s{form} }} }}").Projections);

        Assert.Equal(new ScalingSpec(expected, 0.1, 20_000), p.Scaling);
    }

    [Fact]
    public void Scope_DefaultsToProjection_AndReadsNeuron()
    {
        var defaults = Assert.Single(Compile("competition: { normalize: { total: 1.0 }, heterosynaptic: { rate: 1 } }").Projections);
        var neuron = Assert.Single(Compile("competition: { normalize: { total: 1.0, scope: neuron }, heterosynaptic: { rate: 1, scope: neuron } }").Projections);

        Assert.Equal(CompetitionScope.Projection, defaults.Normalization!.Scope);
        Assert.Equal(CompetitionScope.Projection, defaults.Heterosynaptic!.Scope);
        Assert.Equal(CompetitionScope.Neuron, neuron.Normalization!.Scope);
        Assert.Equal(CompetitionScope.Neuron, neuron.Heterosynaptic!.Scope);
    }

    [Theory]
    [InlineData("magnitude", PruneBy.Magnitude)]
    [InlineData("random", PruneBy.Random)]
    public void Pruning_ByRank_CompilesWithFractionAndPhase_AndItsFractionCanBeExpected(string by, PruneBy expected)
    {
        string text = Scenario($"pruning: {{ by: {by}, fraction: 0.8, at: run }}") + """

            expect:
              - { phase: run, metric: projection.recurrent.pruned_fraction, above: 0.79 }
            """;
        var result = ScenarioLoader.LoadText(text, "competition.yaml");

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var pruning = Assert.Single(result.Spec!.Projections).Pruning!;
        Assert.Equal((expected, 0.8, "run"), (pruning.By, pruning.Fraction, pruning.AtPhase));
    }

    [Fact]
    public void PrunedFraction_OnPruningByLevel_IsRejected()
    {
        string text = Scenario("pruning: { below: 0.002, for: 2 day }") + """

            expect:
              - { phase: run, metric: projection.recurrent.pruned_fraction, above: 0 }
            """;
        var result = ScenarioLoader.LoadText(text, "competition.yaml");

        Assert.False(result.IsValid);
        Assert.Contains(result.Errors, e => e.Message.Contains("pruned_fraction", StringComparison.Ordinal));
    }

    [Fact]
    public void RecordWeights_TakesAListOfProjections_InOrder()
    {
        string text = Scenario("") + """

            record:
              weights: { projection: [recurrent], every: 5 ms }
            """;
        var result = ScenarioLoader.LoadText(text, "competition.yaml");

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal(["recurrent"], result.Spec!.Record.Weights!.Projections);
    }
}
