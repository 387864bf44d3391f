using Neurotag.Core.Specs;

namespace Neurotag.Scenarios.Tests;

/// <summary>
/// <c>rule: stdp_triplet</c> (Pfister &amp; Gerstner 2006): what its block compiles to (ms, defaults of the published
/// minimal visual-cortex fit), and which mistakes are reported where (file:line:col and key path).
/// </summary>
public class TripletStdpCompilerTests
{
    private const string PlasticityPath = "projections.input.plasticity";
    private const int PlasticityLine = 13;

    /// <summary>A valid spiking scenario whose only projection has <c>plasticity: PLASTICITY</c> on line 13.</summary>
    private static string Spiking(string plasticity) => $$"""
        name: triplet
        dt: 0.1 ms
        populations:
          sources: { size: 20, neuron: { model: poisson, rate: 15 Hz } }
          out: { size: 2, neuron: { model: lif } }
        modulators:
          dopamine: { baseline: 0.0 }
        projections:
          input:
            from: sources
            to: out
            weight: { init: 0.05 nS, max: 0.1 nS }
            plasticity: {{plasticity}}
        protocol:
          - { phase: run, duration: 10 ms }
        """;

    /// <summary>The same shape on rate populations (line 13 again).</summary>
    private static string Rate(string plasticity) => $$"""
        name: triplet-rate
        dt: 1 ms
        populations:
          sources: { size: 20, neuron: { model: rate, activation: linear } }
          out: { size: 2, neuron: { model: rate, activation: linear } }
        modulators:
          dopamine: { baseline: 0.0 }
        projections:
          input:
            from: sources
            to: out
            weight: { init: 0.05, max: 0.1 }
            plasticity: {{plasticity}}
        protocol:
          - { phase: run, duration: 10 ms }
        """;

    private static PlasticitySpec Compile(string plasticity)
    {
        var result = ScenarioLoader.LoadText(Spiking(plasticity), "triplet.yaml");
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        return Assert.Single(result.Spec!.Projections).Plasticity!;
    }

    [Fact]
    public void ValidBlock_CompilesEveryKey_InMilliseconds()
    {
        var p = Compile("{ rule: stdp_triplet, stdp_triplet: { tau_plus: 16.8 ms, tau_minus: 33.7 ms, tau_x: 0.101 s, tau_y: 125 ms, a2_plus: 5e-10, a3_plus: 6.2e-3, a2_minus: 7e-3, a3_minus: 2.3e-4 } }");

        Assert.Equal(PlasticityRule.StdpTriplet, p.Rule);
        Assert.Equal(new TripletStdpSpec(16.8, 33.7, 101, 125, 5e-10, 6.2e-3, 7e-3, 2.3e-4), p.Triplet);
    }

    [Fact]
    public void PartialBlock_TakesThePublishedMinimalFitForTheRest()
    {
        var p = Compile("{ rule: stdp_triplet, stdp_triplet: { tau_y: 125 ms } }");

        Assert.Equal(TripletStdpSpec.VisualCortexMinimal with { TauYMs = 125 }, p.Triplet);
    }

    [Fact]
    public void NoBlock_LeavesTheSpecNull_WhichCoreReadsAsThePublishedMinimalFit()
    {
        var p = Compile("{ rule: stdp_triplet }");

        Assert.Equal(PlasticityRule.StdpTriplet, p.Rule);
        Assert.Null(p.Triplet);
    }

    /// <summary>Each mistake is reported once, at <paramref name="at"/> on the plasticity line, with its key path.</summary>
    [Theory]
    [InlineData("{ rule: stdp_triplet, stdp_triplet: { tau_y: -5 ms } }", "-5 ms", ".stdp_triplet.tau_y", "out of range", "")]
    [InlineData("{ rule: stdp_triplet, stdp_triplet: { tau_plus: 0 ms } }", "0 ms", ".stdp_triplet.tau_plus", "out of range", "")]
    [InlineData("{ rule: stdp_triplet, stdp_triplet: { tau_minus: 20 } }", "20", ".stdp_triplet.tau_minus", "", "")]
    [InlineData("{ rule: stdp_triplet, stdp_triplet: { a3_plus: -0.01 } }", "-0.01", ".stdp_triplet.a3_plus", "out of range", "")]
    [InlineData("{ rule: stdp_triplet, stdp_triplet: { tau_why: 1 s } }", "tau_why", ".stdp_triplet.tau_why", "unknown key 'tau_why'", "did you mean 'tau_y'?")]
    [InlineData("{ rule: stdp_triplet, rate: 0.1 }", "rate:", ".rate", "'rate:' is not implemented for rule stdp_triplet", "remove 'rate:'")]
    [InlineData("{ rule: stdp_triplet, modulated_by: dopamine }", "modulated_by:", ".modulated_by", "'modulated_by:' is not implemented for rule stdp_triplet", "rule stdp only")]
    [InlineData("{ rule: stdp_triplet, decay: { tau: 1 s } }", "decay:", ".decay", "'decay:' is not implemented for rule stdp_triplet", "")]
    [InlineData("{ rule: stdp_triplet, eligibility: { tau: 1 s } }", "{ tau", ".eligibility", "with rule stdp_triplet", "")]
    [InlineData("{ rule: stdp, stdp: { a_plus: 0.01, a_minus: 0.01 }, stdp_triplet: {} }", "{} }", ".stdp_triplet", "'stdp_triplet:' only applies to rule stdp_triplet", "")]
    public void InvalidSpikingPlasticity_IsReportedAtTheNodeWithItsPath(string plasticity, string at, string path, string message, string hint) =>
        AssertSingleError(Spiking(plasticity), at, path, message, hint);

    [Fact]
    public void OnARateProjection_TheRuleIsRefusedAtTheRule() =>
        AssertSingleError(Rate("{ rule: stdp_triplet, stdp_triplet: { tau_y: 125 ms } }"), "stdp_triplet,", ".rule",
            "rule 'stdp_triplet' learns from spike timing: it needs a spiking projection", "hebbian, oja, bcm, covariance");

    private static void AssertSingleError(string text, string at, string path, string message, string hint)
    {
        string line = text.Split('\n')[PlasticityLine - 1];
        int column = line.IndexOf(at, StringComparison.Ordinal) + 1;
        Assert.True(column > 0 && line.LastIndexOf(at, StringComparison.Ordinal) + 1 == column, $"'{at}' must occur once in '{line}'");

        var result = ScenarioLoader.LoadText(text, "triplet.yaml");

        Assert.False(result.IsValid);
        var error = Assert.Single(result.Errors);
        Assert.Equal(("triplet.yaml", PlasticityLine, column, PlasticityPath + path), (error.File, error.Line, error.Column, error.Path));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Contains(hint, error.Hint, StringComparison.Ordinal);
    }
}
