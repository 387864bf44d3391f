using System.Text;

namespace Neurotag.Scenarios.Tests;

/// <summary>
/// Errors that said the wrong thing or pointed at the wrong place (issue 11, defect 8): a tab at 1:1, UTF-16 called
/// "binary", a NaN told to drop its unit, and an unbounded list of errors.
/// </summary>
public sealed class ReadableErrorsTests
{
    private const string Scenario = """
        name: readable
        populations:
          cortex:
            size: 50
            neuron: { model: rate, tau: 10 ms }
        protocol:
          - phase: run
            duration: 10 ms
        """;

    [Theory]
    [InlineData("name: x\npopulations:\n  cortex:\n\tsize: 50\n", 4, 1)]
    [InlineData("name: x\npopulations:\n  cortex:\n    size: 50\n  \tneuron: { model: rate }\n", 5, 3)]
    public void TabInTheIndentation_IsReportedAtTheTabsLineAndColumn(string text, int line, int column)
    {
        var error = Assert.Single(ScenarioLoader.LoadText(text, "tabs.yaml").Errors);

        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.Contains("tab", error.Message, StringComparison.Ordinal);
        Assert.Contains("spaces", error.Hint, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(16, false, false, "UTF-16 LE")]
    [InlineData(16, false, true, "UTF-16 LE")]
    [InlineData(16, true, false, "UTF-16 BE")]
    [InlineData(16, true, true, "UTF-16 BE")]
    [InlineData(32, false, false, "UTF-32 LE")]
    [InlineData(32, false, true, "UTF-32 LE")]
    public void Utf16Or32File_IsReportedByItsEncodingNotAsBinary(int bits, bool bigEndian, bool bom, string named)
    {
        Encoding encoding = bits == 16 ? new UnicodeEncoding(bigEndian, byteOrderMark: true) : new UTF32Encoding(bigEndian, byteOrderMark: true);
        byte[] bytes = [.. bom ? encoding.GetPreamble() : [], .. encoding.GetBytes(Scenario)];
        string file = Path.Combine(Path.GetTempPath(), $"neurotag-encoding-{Guid.NewGuid():N}.yaml");
        File.WriteAllBytes(file, bytes);
        try
        {
            var (document, errors) = ScenarioLoader.ReadDocument(file);

            Assert.Null(document);
            var error = Assert.Single(errors);
            Assert.Equal($"the file is {named} text; scenarios are UTF-8", error.Message);
            Assert.Contains("save it as UTF-8", error.Hint, StringComparison.Ordinal);
            Assert.DoesNotContain("binary", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void BinaryFileWithScatteredZeros_IsStillCalledBinary()
    {
        // An ELF header: zeros, but not every second or fourth byte.
        byte[] bytes = [0x7F, (byte)'E', (byte)'L', (byte)'F', 0x02, 0x01, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03, 0x00, 0x3E, 0x00, 0x01, 0x00, 0x00, 0x00];
        var errors = new List<Diagnostic>();

        Assert.Null(Neurotag.Scenarios.Yaml.YamlTreeLoader.DecodeText(bytes, "a.out", errors));
        Assert.Contains("binary", Assert.Single(errors).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tau: 10 ms, gain: .nan", "gain")]
    [InlineData("tau: 10 ms, gain: .inf", "gain")]
    [InlineData("tau: 10 ms, threshold: -.Inf", "threshold")]
    [InlineData("tau: 10 ms, threshold: NaN", "threshold")]
    [InlineData("tau: 10 ms, noise: .NAN", "noise")]
    [InlineData("tau: .inf", "tau")]
    [InlineData("tau: -.inf ms", "tau")]
    public void NonFiniteNumber_HintSaysNonFiniteNumbersAreNotAllowed_NotToDropAUnit(string neuronKeys, string key)
    {
        string text = Scenario.Replace("tau: 10 ms", neuronKeys, StringComparison.Ordinal);

        var error = Assert.Single(ScenarioLoader.LoadText(text, "nan.yaml").Errors);

        Assert.Equal("populations.cortex.neuron." + key, error.Path);
        Assert.Contains("not a finite number", error.Message, StringComparison.Ordinal);
        Assert.Contains("non-finite numbers (NaN, infinities) are not allowed", error.Hint, StringComparison.Ordinal);
        Assert.DoesNotContain("unit", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void NonFiniteWholeNumber_HintSaysNonFiniteNumbersAreNotAllowed()
    {
        var error = Assert.Single(ScenarioLoader.LoadText(Scenario.Replace("size: 50", "size: .inf", StringComparison.Ordinal), "nan.yaml").Errors);

        Assert.Equal("populations.cortex.size", error.Path);
        Assert.Contains("non-finite numbers (NaN, infinities) are not allowed", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void ManyErrors_ShowTheFirstHundredAndCountTheRest()
    {
        var errors = Enumerable.Range(1, 250).Select(i => new Diagnostic("a.yaml", i, 1, "k" + i, "unknown key", "")).ToList();

        var lines = Diagnostic.Lines(errors).ToList();

        Assert.Equal(Diagnostic.MaxShown + 1, lines.Count);
        Assert.Equal(errors[99].ToString(), lines[99]);
        Assert.StartsWith("… and 150 more errors", lines[^1], StringComparison.Ordinal);
        Assert.Equal(errors.Select(e => e.ToString()), Diagnostic.Lines(errors, max: 1000));
    }
}
