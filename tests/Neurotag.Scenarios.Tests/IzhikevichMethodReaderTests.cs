using Neurotag.Core.Specs;

namespace Neurotag.Scenarios.Tests;

/// <summary>
/// <c>neuron: { model: izhikevich, method: … }</c>: euler is the default, izhikevich selects the published scheme, and
/// any other word is refused at the value's file:line:col with the allowed values.
/// </summary>
public sealed class IzhikevichMethodReaderTests
{
    // Line numbers below are 1-based lines of this text (raw string: the closing quotes' indentation is removed).
    private const string Scenario = """
        name: izh-method
        dt: 1 ms
        populations:
          cell:
            size: 1
            neuron:
              model: izhikevich
              bias: 10
        protocol:
          - { phase: run, duration: 100 ms }
        """;

    private const string File = "izh.yaml";

    private static string WithMethod(string method) =>
        Scenario.Replace("      bias: 10\n", "      bias: 10\n      method: " + method + "\n", StringComparison.Ordinal);

    private static IzhikevichNeuronSpec Neuron(string text)
    {
        var result = ScenarioLoader.LoadText(text, File, null);
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        return Assert.IsType<IzhikevichNeuronSpec>(result.Spec!.Populations[0].Neuron);
    }

    [Fact]
    public void NoMethod_IsEuler() => Assert.Equal(IzhikevichMethod.Euler, Neuron(Scenario).Method);

    [Theory]
    [InlineData("euler", IzhikevichMethod.Euler)]
    [InlineData("izhikevich", IzhikevichMethod.Izhikevich)]
    public void Method_IsRead(string word, IzhikevichMethod expected) => Assert.Equal(expected, Neuron(WithMethod(word)).Method);

    [Fact]
    public void UnknownMethod_IsRefusedAtTheValue_WithTheAllowedValues()
    {
        var result = ScenarioLoader.LoadText(WithMethod("rk4"), File, null);
        Assert.False(result.IsValid);
        var error = Assert.Single(result.Errors);
        // line 9 is "      method: rk4"; the value starts after "method: " (6 spaces + 8 characters), column 15.
        Assert.Equal((File, 9, 15, "populations.cell.neuron.method"), (error.File, error.Line, error.Column, error.Path));
        Assert.Contains("'rk4'", error.Message, StringComparison.Ordinal);
        Assert.Contains("euler, izhikevich", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void NearMiss_GetsADidYouMean()
    {
        var error = Assert.Single(ScenarioLoader.LoadText(WithMethod("eular"), File, null).Errors);
        Assert.Contains("did you mean 'euler'?", error.Hint, StringComparison.Ordinal);
    }
}
