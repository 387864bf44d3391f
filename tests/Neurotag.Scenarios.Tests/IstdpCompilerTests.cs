using Neurotag.Core.Specs;

namespace Neurotag.Scenarios.Tests;

/// <summary>
/// <c>rule: istdp</c> (Vogels et al. 2011): what its block compiles to (η in nS, ρ₀ in Hz, τ in ms, α), and which
/// mistakes are reported where (file:line:col and key path).
/// </summary>
public class IstdpCompilerTests
{
    private const string PlasticityPath = "projections.ie.plasticity";
    private const int PlasticityLine = 13;

    /// <summary>A valid spiking scenario whose only projection (inhibitory unless <paramref name="sign"/>) has <c>plasticity: PLASTICITY</c> on line 13.</summary>
    private static string Spiking(string plasticity, string sign = "inhibitory") => $$"""
        name: istdp
        dt: 0.1 ms
        populations:
          inh: { size: 20, neuron: { model: poisson, rate: 15 Hz } }
          exc: { size: 2, neuron: { model: lif } }
        modulators:
          dopamine: { baseline: 0.0 }
        projections:
          ie:
            from: inh
            to: exc
            weight: { init: 0 nS, max: 100 nS }
            plasticity: {{plasticity}}
            sign: {{sign}}
        protocol:
          - { phase: run, duration: 10 ms }
        """;

    private static PlasticitySpec Compile(string plasticity)
    {
        var result = ScenarioLoader.LoadText(Spiking(plasticity), "istdp.yaml");
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        return Assert.Single(result.Spec!.Projections).Plasticity!;
    }

    [Fact]
    public void ValidBlock_CompilesEveryKey_InInternalUnits()
    {
        var p = Compile("{ rule: istdp, istdp: { eta: 10 pS, target: 3 Hz, tau: 0.02 s } }");

        Assert.Equal(PlasticityRule.Istdp, p.Rule);
        Assert.Equal(new InhibitoryStdpSpec(0.01, 3, 20), p.InhibitoryStdp);
        Assert.Equal(0.12, p.InhibitoryStdp!.Alpha, 1e-12); // α = 2·ρ₀·τ = 2 · 3 Hz · 20 ms
    }

    [Fact]
    public void Tau_DefaultsToThePapers20Ms_AndABareEtaIsInTheInternalWeightUnit()
    {
        var p = Compile("{ rule: istdp, istdp: { eta: 0.01, target: 5 Hz } }");

        Assert.Equal(new InhibitoryStdpSpec(0.01, 5, 20), p.InhibitoryStdp);
    }

    /// <summary>Each mistake is reported once, at <paramref name="at"/> on the plasticity line, with its key path.</summary>
    [Theory]
    [InlineData("{ rule: istdp }", "{ rule", ".istdp", "istdp", "eta: 0.01 nS")]
    [InlineData("{ rule: istdp, istdp: { target: 3 Hz } }", "{ target", ".istdp.eta", "eta", "")]
    [InlineData("{ rule: istdp, istdp: { eta: 0.01 nS } }", "{ eta", ".istdp.target", "target", "")]
    [InlineData("{ rule: istdp, istdp: { eta: 0.01 nS, target: 3 ms } }", "3 ms", ".istdp.target", "", "")]
    [InlineData("{ rule: istdp, istdp: { eta: 0.01 nS, target: 0 Hz } }", "0 Hz", ".istdp.target", "out of range", "")]
    [InlineData("{ rule: istdp, istdp: { eta: 0.01 mV, target: 3 Hz } }", "0.01 mV", ".istdp.eta", "", "")]
    [InlineData("{ rule: istdp, istdp: { eta: -1 nS, target: 3 Hz } }", "-1 nS", ".istdp.eta", "", "")]
    [InlineData("{ rule: istdp, istdp: { eta: 0.01 nS, target: 3 Hz, tau: -2 ms } }", "-2 ms", ".istdp.tau", "out of range", "")]
    [InlineData("{ rule: istdp, istdp: { eta: 0.01 nS, target: 3 Hz, rho: 1 } }", "rho", ".istdp.rho", "unknown key 'rho'", "")]
    [InlineData("{ rule: istdp, rate: 0.1, istdp: { eta: 0.01 nS, target: 3 Hz } }", "rate:", ".rate", "'rate:' is not implemented for rule istdp", "istdp.eta")]
    [InlineData("{ rule: istdp, modulated_by: dopamine, istdp: { eta: 0.01 nS, target: 3 Hz } }", "modulated_by:", ".modulated_by", "'modulated_by:' is not implemented for rule istdp", "")]
    [InlineData("{ rule: stdp, stdp: { a_plus: 0.01, a_minus: 0.01 }, istdp: {} }", "{} }", ".istdp", "'istdp:' only applies to rule istdp", "")]
    public void InvalidPlasticity_IsReportedAtTheNodeWithItsPath(string plasticity, string at, string path, string message, string hint) =>
        AssertSingleError(Spiking(plasticity), at, path, message, hint);

    [Fact]
    public void OnAnExcitatoryProjection_TheRuleIsRefusedAtTheRule() =>
        AssertSingleError(Spiking("{ rule: istdp, istdp: { eta: 0.01 nS, target: 3 Hz } }", "excitatory"), "istdp,", ".rule",
            "rule 'istdp' (Vogels et al. 2011) is inhibitory plasticity: it needs an inhibitory projection", "sign: inhibitory");

    private static void AssertSingleError(string text, string at, string path, string message, string hint)
    {
        string line = text.Split('\n')[PlasticityLine - 1];
        int column = line.IndexOf(at, StringComparison.Ordinal) + 1;
        Assert.True(column > 0 && line.LastIndexOf(at, StringComparison.Ordinal) + 1 == column, $"'{at}' must occur once in '{line}'");

        var result = ScenarioLoader.LoadText(text, "istdp.yaml");

        Assert.False(result.IsValid);
        var error = Assert.Single(result.Errors);
        Assert.Equal(("istdp.yaml", PlasticityLine, column, PlasticityPath + path), (error.File, error.Line, error.Column, error.Path));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Contains(hint, error.Hint, StringComparison.Ordinal);
    }
}
