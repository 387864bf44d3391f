using Neurotag.Core.Specs;

namespace Neurotag.Scenarios.Tests;

/// <summary>
/// The plasticity rules beyond Hebbian (oja, bcm, covariance), the eligibility trace of the Hebbian rule, and their keys: what compiles to which
/// <see cref="PlasticitySpec"/>, and which mistakes are reported where (file:line:col and key path).
/// </summary>
public class PlasticityRulesCompilerTests
{
    private const string PlasticityPath = "projections.recurrent.plasticity";

    /// <summary>A valid scenario whose only projection has <c>plasticity: PLASTICITY</c> on line 12.</summary>
    private static string Scenario(string plasticity) => $$"""
        name: plasticity-rules
        dt: 1 ms
        populations:
          cortex:
            size: 20
            neuron: { model: rate, activation: linear }
        modulators:
          threat: { baseline: 0.0 }
        projections:
          recurrent:
            from: cortex
            to: cortex
            weight: { init: 0.01, min: 0.0, max: 1.0 }
            plasticity: {{plasticity}}
        protocol:
          - { phase: run, duration: 10 ms }
        """;

    private const int PlasticityLine = 14;

    private static PlasticitySpec Compile(string plasticity)
    {
        string text = Scenario(plasticity);
        var result = ScenarioLoader.LoadText(text, "rules.yaml");
        Assert.True(result.IsValid, string.Join("\n", result.Errors) + "\n" + text);
        return Assert.Single(result.Spec!.Projections).Plasticity!;
    }

    [Fact]
    public void Oja_CompilesWithTheSharedKeys()
    {
        var p = Compile("{ rule: oja, rate: 0.5, decay: { tau: 2 s }, modulated_by: threat, modulation_gain: 3 }");

        Assert.Equal(new PlasticitySpec(PlasticityRule.Oja, 0.5, 2_000, "threat", 3), p);
    }

    [Fact]
    public void Bcm_CompilesItsBlock_InMilliseconds()
    {
        var p = Compile("{ rule: bcm, rate: 0.1, bcm: { tau_theta: 0.2 s, theta_init: 0.25 } }");

        Assert.Equal(PlasticityRule.Bcm, p.Rule);
        Assert.Equal(0.1, p.Rate);
        Assert.Equal(200, p.BcmTauThetaMs);
        Assert.Equal(0.25, p.BcmThetaInit);
    }

    [Fact]
    public void Bcm_WithoutItsBlock_DefaultsToOneSecondAndAThetaStartedFromActivity()
    {
        var p = Compile("{ rule: bcm, rate: 0.1 }");

        Assert.Equal(1_000, p.BcmTauThetaMs);
        Assert.Null(p.BcmThetaInit);
    }

    [Theory]
    [InlineData("{ rule: covariance, rate: 0.1, covariance: { tau_mean: 2 min } }", 120_000)]
    [InlineData("{ rule: covariance, rate: 0.1, covariance: {} }", 1_000)]
    [InlineData("{ rule: covariance, rate: 0.1 }", 1_000)]
    public void Covariance_CompilesItsMeanTimeConstant(string plasticity, double tauMeanMs)
    {
        var p = Compile(plasticity);

        Assert.Equal(PlasticityRule.Covariance, p.Rule);
        Assert.Equal(tauMeanMs, p.CovarianceTauMeanMs);
    }

    [Theory]
    [InlineData("{ rule: hebbian, rate: 0.5, modulated_by: threat, modulation_gain: 2, eligibility: { tau: 1 s } }", 1_000)]
    [InlineData("{ rule: hebbian, rate: 0.5, modulated_by: threat, modulation_gain: 2, eligibility: { tau: 250 ms }, decay: { tau: 2 s } }", 250)]
    public void Eligibility_OnHebbianWithAModulator_CompilesItsTimeConstant_InMilliseconds(string plasticity, double tauMs)
    {
        var p = Compile(plasticity);

        Assert.Equal(PlasticityRule.Hebbian, p.Rule);
        Assert.Equal("threat", p.ModulatedBy);
        Assert.Equal(2, p.ModulationGain);
        Assert.Equal(tauMs, p.EligibilityTauMs);
    }

    [Fact]
    public void Eligibility_WhenAbsent_IsNull()
    {
        Assert.Null(Compile("{ rule: hebbian, rate: 0.5, modulated_by: threat }").EligibilityTauMs);
    }

    /// <summary>
    /// Each mistake is reported at the offending node: <paramref name="at"/> is the text the diagnostic points to (its
    /// first character gives the column on the plasticity line).
    /// </summary>
    [Theory]
    [InlineData("{ rule: ojaa, rate: 0.1 }", "ojaa", ".rule", "unknown plasticity rule 'ojaa'", "did you mean 'oja'?")]
    [InlineData("{ rule: stdp, stdp: { a_plus: 0.01, a_minus: 0.0105 } }", "stdp,", ".rule", "rule 'stdp' learns from spike timing: it needs a spiking projection", "hebbian, oja, bcm, covariance")]
    [InlineData("{ rule: hebbian, rate: 0.1, bcm: { tau_theta: 1 s } }", "{ tau_theta", ".bcm", "'bcm:' only applies to rule bcm", "rule: bcm")]
    [InlineData("{ rule: bcm, rate: 0.1, covariance: { tau_mean: 1 s } }", "{ tau_mean", ".covariance", "'covariance:' only applies to rule covariance", "")]
    [InlineData("{ rule: oja, rate: 0.1, bcm: {} }", "{}", ".bcm", "'bcm:' only applies to rule bcm", "")]
    [InlineData("{ rule: bcm, rate: 0.1, bcm: { tau_thetta: 1 s } }", "tau_thetta", ".bcm.tau_thetta", "unknown key 'tau_thetta'", "did you mean 'tau_theta'?")]
    [InlineData("{ rule: bcm, rate: 0.1, bcm: { tau_theta: 0 s } }", "0 s", ".bcm.tau_theta", "out of range", "")]
    [InlineData("{ rule: bcm, rate: 0.1, bcm: { tau_theta: 100 } }", "100", ".bcm.tau_theta", "", "")]
    [InlineData("{ rule: bcm, rate: 0.1, bcm: { tau_theta: 5 mV } }", "5 mV", ".bcm.tau_theta", "", "")]
    [InlineData("{ rule: bcm, rate: 0.1, bcm: { theta_init: -0.5 } }", "-0.5", ".bcm.theta_init", "out of range", "")]
    [InlineData("{ rule: bcm, rate: 0.1, bcm: 1 s }", "1 s", ".bcm", "expected a mapping", "")]
    [InlineData("{ rule: covariance, rate: 0.1, covariance: { tau_mean: -5 ms } }", "-5 ms", ".covariance.tau_mean", "out of range", "")]
    [InlineData("{ rule: covariance, rate: 0.1, covariance: { tau: 1 s } }", "tau:", ".covariance.tau", "unknown key 'tau'", "")]
    [InlineData("{ rule: oja, rate: 0.1, oja: { alpha: 1 } }", "oja:", ".oja", "unknown key 'oja'", "")]
    [InlineData("{ rule: oja, rate: 0.1, eligibility: { tau: 1 s } }", "{ tau", ".eligibility", "'eligibility:' with rule oja is part of scenario format v1 but not implemented", "rule: hebbian")]
    [InlineData("{ rule: bcm, rate: 0.1, modulated_by: threat, eligibility: { tau: 1 s } }", "{ tau", ".eligibility", "with rule bcm", "rule: hebbian")]
    [InlineData("{ rule: covariance, rate: 0.1, modulated_by: threat, eligibility: { tau: 1 s } }", "{ tau", ".eligibility", "with rule covariance", "rule: hebbian")]
    [InlineData("{ rule: hebbian, rate: 0.1, eligibility: { tau: 1 s } }", "{ tau", ".eligibility", "'eligibility:' needs 'modulated_by:'", "add 'modulated_by:")]
    [InlineData("{ rule: hebbian, rate: 0.1, modulated_by: threat, eligibility: { tau: 0 s } }", "0 s", ".eligibility.tau", "out of range", "")]
    [InlineData("{ rule: hebbian, rate: 0.1, modulated_by: threat, eligibility: { tau: -2 s } }", "-2 s", ".eligibility.tau", "out of range", "")]
    [InlineData("{ rule: hebbian, rate: 0.1, modulated_by: threat, eligibility: { tau: 5 mV } }", "5 mV", ".eligibility.tau", "", "")]
    [InlineData("{ rule: hebbian, rate: 0.1, modulated_by: threat, eligibility: { tau: 100 } }", "100", ".eligibility.tau", "", "")]
    [InlineData("{ rule: hebbian, rate: 0.1, modulated_by: threat, eligibility: {} }", "{}", ".eligibility.tau", "missing required key 'tau'", "tau: 1 s")]
    [InlineData("{ rule: hebbian, rate: 0.1, modulated_by: threat, eligibility: 1 s }", "1 s", ".eligibility", "expected a mapping", "")]
    [InlineData("{ rule: bcm, rate: 0.1, stdp: { tau_plus: 20 ms } }", "{ tau_plus", ".stdp", "'stdp:' only applies to rule stdp", "rule: stdp")]
    public void InvalidPlasticity_IsReportedAtTheNodeWithItsPath(string plasticity, string at, string path, string message, string hint)
    {
        string text = Scenario(plasticity);
        string line = text.Split('\n')[PlasticityLine - 1];
        int column = line.IndexOf(at, StringComparison.Ordinal) + 1;
        Assert.True(column > 0 && line.LastIndexOf(at, StringComparison.Ordinal) + 1 == column, $"'{at}' must occur once in '{line}'");

        var result = ScenarioLoader.LoadText(text, "rules.yaml");

        Assert.False(result.IsValid);
        var error = Assert.Single(result.Errors);
        Assert.Equal(("rules.yaml", PlasticityLine, column, PlasticityPath + path), (error.File, error.Line, error.Column, error.Path));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Contains(hint, error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Eligibility_WithAMisspelledTau_ReportsTheUnknownKeyAndTheMissingOne()
    {
        var result = ScenarioLoader.LoadText(Scenario("{ rule: hebbian, rate: 0.1, modulated_by: threat, eligibility: { tua: 1 s } }"), "rules.yaml");

        Assert.Equal(
            [PlasticityPath + ".eligibility.tau", PlasticityPath + ".eligibility.tua"],
            result.Errors.Select(e => e.Path).Order(StringComparer.Ordinal));
        Assert.Contains(result.Errors, e => e.Hint.Contains("did you mean 'tau'?", StringComparison.Ordinal));
    }

    [Fact]
    public void Eligibility_WithoutAModulatorAndWithABadTau_ReportsBoth()
    {
        var result = ScenarioLoader.LoadText(Scenario("{ rule: hebbian, rate: 0.1, eligibility: { tau: 0 s } }"), "rules.yaml");

        Assert.Equal(
            [PlasticityPath + ".eligibility", PlasticityPath + ".eligibility.tau"],
            result.Errors.Select(e => e.Path).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void InvalidPlasticity_WithSeveralMistakes_ReportsEveryOneOfThem()
    {
        var result = ScenarioLoader.LoadText(Scenario("{ rule: bmc, rate: -1, covariance: { tau_mean: 0 ms } }"), "rules.yaml");

        Assert.Equal(
            [PlasticityPath + ".rule", PlasticityPath + ".rate", PlasticityPath + ".covariance.tau_mean"],
            result.Errors.Select(e => e.Path));
    }
}
