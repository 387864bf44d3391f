using Neurotag.Core.Specs;

namespace Neurotag.Scenarios.Tests;

/// <summary>
/// <c>plasticity.late_phase</c> (Clopath et al. 2008; Luboeinski &amp; Tetzlaff 2021): an empty block is the published
/// table; given keys are converted to ms and multiples of h0. Invalid values: fixtures late-phase-*.
/// </summary>
public class LatePhaseCompilerTests
{
    private static PlasticitySpec Compile(string block)
    {
        string text = $$"""
            name: late-phase-keys
            dt: 1 ms
            populations:
              cortex: { size: 10, neuron: { model: rate, tau: 10 ms } }
            projections:
              recurrent:
                from: cortex
                to: cortex
                weight: { init: 0.42 }
                plasticity: { rule: hebbian, rate: 0.01, late_phase: {{block}} }
            protocol:
              - { phase: run, duration: 10 ms }
            """;
        var result = ScenarioLoader.LoadText(text, "late.yaml");
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        return result.Spec!.Projections[0].Plasticity!;
    }

    [Fact]
    public void EmptyBlock_IsThePublishedTable()
    {
        var spec = Compile("{}").LatePhase;
        Assert.Equal(LatePhaseSpec.Published, spec);
        Assert.Null(spec!.Rest);
        Assert.Equal(688_400, spec.TauEarlyMs);
        Assert.Equal(3_600_000, spec.TauProteinMs);
        Assert.Equal(3_600_000, spec.TauLateMs);
        Assert.Equal(0.2, spec.TagThreshold);
        Assert.Equal(0.5, spec.ProteinThreshold);
        Assert.Equal(1.0, spec.ProteinSynthesis);
        Assert.Equal(6_884_000, spec.EarlyDecayMs, 6);
    }

    [Fact]
    public void GivenKeys_AreConverted()
    {
        var spec = Compile("{ rest: 0.3, tau_early: 10 min, tau_protein: 2 h, tau_late: 90 min, tag_threshold: 0.25, protein_threshold: 1.5, protein_synthesis: 0.8 }").LatePhase;
        Assert.Equal(new LatePhaseSpec(0.3, 600_000, 7_200_000, 5_400_000, 0.25, 1.5, 0.8), spec);
    }
}
