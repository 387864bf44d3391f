using Neurotag.Core.Specs;

namespace Neurotag.Scenarios.Tests;

/// <summary>
/// The keys of tagging and capture (<c>plasticity.consolidation</c>), homeostasis, imprecision and the
/// <c>sensitize</c>/<c>disinhibit</c> phase actions: what they compile to (units normalised to ms). Their invalid
/// values are covered by the fixtures consolidation-*, homeostasis-bad, imprecision-bad and sensitize-disinhibit-bad.
/// </summary>
public class MemoryMechanismsCompilerTests
{
    private const string Text = """
        name: memory-keys
        dt: 1 ms
        populations:
          cortex:
            size: 100
            neuron: { model: rate, tau: 10 ms, homeostasis: { target: 0.1, tau: 1 h } }
        tags:
          pain: { population: cortex, size: 20, imprecision: 0.1 }
        inputs:
          noci: { target: pain, kind: current, amplitude: 1.0 }
        modulators:
          threat: { baseline: 0.0 }
        projections:
          recurrent:
            from: cortex
            to: cortex
            weight: { init: 0.01, min: 0.0, max: 1.0 }
            plasticity:
              rule: hebbian
              rate: 0.01
              consolidation: { tau_early: 2 h, tau_resource: 1 h, tau_capture: 90 min, threshold: 0.5, triggered_by: threat, trigger_level: 0.7, early_max: 0.02 }
          inhibition:
            from: cortex
            to: cortex
            sign: inhibitory
            weight: { init: 0.01 }
        protocol:
          - phase: injury
            duration: 10 ms
            inputs: [noci]
            sensitize: { population: cortex, threshold: -0.2, gain: 1.5 }
          - phase: later
            duration: 10 ms
            disinhibit: [ { projection: inhibition, factor: 0.5 } ]
        record:
          populations: [gain]
        expect:
          - { phase: later, metric: population.cortex.threshold, below: 0.5 }
        """;

    private static SimulationSpec Compile()
    {
        var result = ScenarioLoader.LoadText(Text, "memory.yaml");
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        return result.Spec!;
    }

    [Fact]
    public void Consolidation_CompilesToMilliseconds()
    {
        var c = Compile().Projections[0].Plasticity!.Consolidation;

        Assert.Equal(new ConsolidationSpec(7_200_000, 3_600_000, 5_400_000, 0.5, "threat", 0.7, 0.02), c);
    }

    [Fact]
    public void Consolidation_DefaultsToNoSaturation_AndTriggerLevelOneHalf()
    {
        var result = ScenarioLoader.LoadText(Text.Replace(", threshold: 0.5, triggered_by: threat, trigger_level: 0.7, early_max: 0.02", ", triggered_by: threat", StringComparison.Ordinal), "memory.yaml");
        Assert.True(result.IsValid, string.Join("\n", result.Errors));

        Assert.Equal(new ConsolidationSpec(7_200_000, 3_600_000, 5_400_000, null, "threat", 0.5, null), result.Spec!.Projections[0].Plasticity!.Consolidation);
    }

    [Fact]
    public void Homeostasis_Imprecision_AndPhaseActions_Compile()
    {
        var spec = Compile();

        Assert.Equal(new HomeostasisSpec(0.1, 3_600_000), ((RateNeuronSpec)spec.Populations[0].Neuron).Homeostasis);
        Assert.Equal(0.1, spec.Tags[0].Imprecision);
        Assert.Equal([new Sensitization("cortex", -0.2, 1.5)], spec.Protocol[0].Sensitizations);
        Assert.Empty(spec.Protocol[0].Disinhibitions);
        Assert.Equal([new Disinhibition("inhibition", 0.5)], spec.Protocol[1].Disinhibitions);
        Assert.True(spec.Record.PopulationIntrinsics);
        Assert.False(spec.Record.PopulationRate);
    }
}
