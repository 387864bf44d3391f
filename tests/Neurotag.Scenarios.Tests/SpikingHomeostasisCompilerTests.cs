using Neurotag.Core.Specs;

namespace Neurotag.Scenarios.Tests;

/// <summary>
/// <c>neuron.homeostasis</c> on LIF populations (spiking form of the rate side's keys): what it compiles to (target in
/// Hz, τ_h in ms), and that θ becomes a recordable state only with it. Invalid values: fixture homeostasis-spiking-bad.
/// </summary>
public class SpikingHomeostasisCompilerTests
{
    private static string Text(string homeostasis, string variable = "theta") => $$"""
        name: lif-homeostasis
        dt: 0.1 ms
        populations:
          exc:
            size: 10
            neuron: { model: lif, bias: 20 mV{{homeostasis}} }
        protocol:
          - { phase: run, duration: 10 ms }
        record:
          state: { population: exc, variable: {{variable}}, neurons: [0, 1] }
        """;

    [Fact]
    public void Lif_Homeostasis_CompilesToHzAndMs_AndMakesThetaRecordable()
    {
        var result = ScenarioLoader.LoadText(Text(", homeostasis: { target: 5 Hz, tau: 2 min }"), "h.yaml");

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var neuron = (LifNeuronSpec)Assert.Single(result.Spec!.Populations).Neuron;
        Assert.Equal(new HomeostasisSpec(5, 120_000), neuron.Homeostasis);
        Assert.Equal("theta", result.Spec.Record.State!.Variable);
        Assert.Contains(neuron.RecordableState(), s => s.Name == "theta" && s.Unit == "mV");
    }

    [Fact]
    public void Theta_WithoutHomeostasis_IsRefusedAtTheVariable()
    {
        var result = ScenarioLoader.LoadText(Text(""), "h.yaml");

        var error = Assert.Single(result.Errors);
        Assert.Equal((10, "record.state.variable"), (error.Line, error.Path));
        Assert.Contains("no state variable 'theta'", error.Message, StringComparison.Ordinal);
    }
}
