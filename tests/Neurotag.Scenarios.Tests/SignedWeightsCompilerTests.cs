using System.Globalization;
using Neurotag.Core.Rate;

namespace Neurotag.Scenarios.Tests;

/// <summary>
/// Issue #14 item 2 through the compiler: signed rate projections (bounds [−max, max]), weights loaded from CSV and
/// .npy matrices (round trip and bad files reported at file:row:col with the expected shape), and the refusals.
/// </summary>
public sealed class SignedWeightsCompilerTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("neurotag-signed-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string Scenario(string weight, string extra = "", int pre = 3, int post = 2) => $$"""
        name: signed
        dt: 1 ms
        populations:
          a: { size: {{pre}}, neuron: { model: rate, tau: 10 ms } }
          b: { size: {{post}}, neuron: { model: rate, tau: 10 ms } }
        projections:
          ab: { from: a, to: b, weight: {{weight}}{{extra}} }
        protocol:
          - { phase: run, duration: 1 ms }
        """;

    private ScenarioLoadResult Load(string text)
    {
        string path = Path.Combine(_folder, "s.yaml");
        File.WriteAllText(path, text);
        return ScenarioLoader.LoadFile(path);
    }

    private static float[] Weights(ScenarioLoadResult result)
    {
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        return new RateSimulator(result.Spec!).Network.Projections[0].Weights;
    }

    [Fact]
    public void Signed_BoundsAreMinusMaxToMax_AndDrawsAreClippedToThem()
    {
        var result = Load(Scenario("{ signed: true, max: 0.5, init: { uniform: [-1, 1] } }", pre: 40, post: 40));
        Assert.Equal(-0.5, result.Spec!.Projections[0].Weight.Min);
        var w = Weights(result);
        Assert.All(w, v => Assert.InRange(v, -0.5f, 0.5f));
        Assert.Contains(w, v => v == -0.5f); // P(uniform(−1, 1) < −0.5) = 1/4 of 1600 draws
        Assert.Contains(w, v => v < 0 && v > -0.5f);
    }

    [Theory]
    [InlineData("{ signed: true, max: 1, init: 0.0 }", ", sign: inhibitory", "sign")]
    [InlineData("{ signed: true, min: -1, max: 1, init: 0.0 }", "", "min")]
    [InlineData("{ signed: true, max: 1, init: 0.0 }", ", plasticity: { rule: bcm, rate: 0.1 }", "rule")]
    [InlineData("{ init: 0.0 }", ", storage: { rule: hebbian_outer_product, patterns: p }", "weight")]
    public void Refusals_AreReportedAtTheirKey(string weight, string extra, string key)
    {
        string text = Scenario(weight, extra).Replace("projections:", "inputs:\n  p: { target: b, kind: patterns, patterns: 1, sparsity: 0.5, amplitude: 1, hold: 1 ms }\nprojections:", StringComparison.Ordinal)
            .Replace("- { phase: run, duration: 1 ms }", "- { phase: run, duration: 1 ms, inputs: [p] }", StringComparison.Ordinal);
        var result = Load(text);
        Assert.False(result.IsValid);
        Assert.Contains(result.Errors, e => e.Path.EndsWith(key, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("{ model: rate, activation: sigmoid, update: async }", "", "update")]
    [InlineData("{ model: rate, activation: sign, update: async, noise: 0.1 }", "", "noise")]
    [InlineData("{ model: rate, activation: sign, update: async }", ", kwta: 2", "kwta")]
    public void AsyncUnits_RefuseWhatIsNotDefinedForThem(string neuron, string extra, string key)
    {
        var result = Load($$"""
            name: async
            dt: 1 ms
            populations:
              a: { size: 5, neuron: {{neuron}}{{extra}} }
            protocol:
              - { phase: run, duration: 1 ms }
            """);
        Assert.False(result.IsValid);
        Assert.Contains(result.Errors, e => e.Path.EndsWith(key, StringComparison.Ordinal));
    }

    [Fact]
    public void Csv_RoundTrip_RowsArePostColumnsArePre()
    {
        File.WriteAllText(Path.Combine(_folder, "w.csv"), "0.5,-0.25,1\n-1,0.125,0\n");
        var w = Weights(Load(Scenario("{ signed: true, max: 1, file: w.csv }")));
        Assert.Equal([0.5f, -0.25f, 1f, -1f, 0.125f, 0f], w);
    }

    [Theory]
    [InlineData(4)]
    [InlineData(8)]
    public void Npy_RoundTrip(int width)
    {
        float[] values = [0.5f, -0.25f, 1f, -1f, 0.125f, 0f];
        File.WriteAllBytes(Path.Combine(_folder, "w.npy"), Npy(values, 2, 3, width));
        Assert.Equal(values, Weights(Load(Scenario("{ signed: true, max: 1, file: w.npy }"))));
    }

    [Theory]
    [InlineData("0.5,0.25,1\n", 2, 1, "1 rows")]                  // a row missing
    [InlineData("0.5,0.25,1\n0.1,0.2\n", 2, 3, "2 columns")]      // a column missing in row 2
    [InlineData("0.5,0.25,1\n0.1,abc,0.3\n", 2, 2, "'abc'")]      // not a number
    [InlineData("0.5,0.25,1\n0.1,NaN,0.3\n", 2, 2, "finite")]     // NaN
    [InlineData("0.5,0.25,1\n0.1,-0.2,0.3\n", 2, 2, "outside")]   // unsigned projection: −0.2 < min 0
    public void Csv_BadFile_IsReportedAtFileRowColumn_WithTheExpectedShape(string content, int row, int col, string what)
    {
        File.WriteAllText(Path.Combine(_folder, "bad.csv"), content);
        var result = Load(Scenario("{ max: 1, file: bad.csv }"));
        var error = Assert.Single(result.Errors);
        Assert.Equal("bad.csv", error.File);
        Assert.Equal((row, col), (error.Line, error.Column));
        Assert.Contains(what, error.Message, StringComparison.Ordinal);
        if (what.EndsWith("rows", StringComparison.Ordinal) || what.EndsWith("columns", StringComparison.Ordinal))
        {
            Assert.Contains("2 × 3", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Npy_WrongShape_NamesTheExpectedShape()
    {
        File.WriteAllBytes(Path.Combine(_folder, "w.npy"), Npy(new float[6], 3, 2, 4));
        var error = Assert.Single(Load(Scenario("{ max: 1, file: w.npy }")).Errors);
        Assert.Equal("w.npy", error.File);
        Assert.Contains("shape (3, 2)", error.Message, StringComparison.Ordinal);
        Assert.Contains("expected 2 × 3", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A .npy file (format 1.0) written by hand from the format's specification (NEP 1).</summary>
    private static byte[] Npy(float[] values, int rows, int cols, int width)
    {
        string header = string.Create(CultureInfo.InvariantCulture, $"{{'descr': '<f{width}', 'fortran_order': False, 'shape': ({rows}, {cols}), }}");
        int total = 10 + header.Length + 1;
        header = header.PadRight(header.Length + ((64 - (total % 64)) % 64)) + "\n";
        using var stream = new MemoryStream();
        stream.Write([0x93, .. "NUMPY"u8, 1, 0]);
        stream.Write(BitConverter.GetBytes((ushort)header.Length));
        stream.Write(System.Text.Encoding.ASCII.GetBytes(header));
        foreach (float v in values)
        {
            stream.Write(width == 4 ? BitConverter.GetBytes(v) : BitConverter.GetBytes((double)v));
        }

        return stream.ToArray();
    }
}
