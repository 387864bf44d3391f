using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Neurotag.Scenarios.Sweeps;
using Neurotag.Scenarios.Yaml;
using static Neurotag.Scenarios.Tests.Sweeps.SweepYaml;

namespace Neurotag.Scenarios.Tests.Sweeps;

/// <summary>
/// <see cref="SweepPlan.Expand"/>: Cartesian product with the last axis fastest, seeds innermost; ids are the first
/// 10 hex digits of SHA-256 over "path=value\n" lines then "seed=N"; folders are label~value_…_seed~N.
/// </summary>
public class SweepPlanTests
{
    private static SweepAxis Axis(string path, params string[] values) =>
        new([path], [.. values.Select(v => (IReadOnlyList<YamlNodeBase>)[Set(path, v, "--grid").Value])]);

    private static SweepAxis Zip(string[] paths, params string[][] rows) =>
        new(paths, [.. rows.Select(r => (IReadOnlyList<YamlNodeBase>)[.. r.Select((v, c) => Set(paths[c], v, "--grid").Value)])]);

    /// <summary>The documented id, computed here without the production code.</summary>
    private static string ExpectedId(ulong seed, params (string Path, string Value)[] values)
    {
        string text = string.Concat(values.Select(v => v.Path + "=" + v.Value + "\n")) + "seed=" + seed.ToString(CultureInfo.InvariantCulture);
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        return string.Concat(hash.Take(5).Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Expand_TwoByThreeGridTimesTwoSeeds_LastAxisFastestSeedsInnermost()
    {
        var sweep = new SweepDefinition([Axis("a.x", "1", "2"), Axis("b.y", "p", "q", "r")], Seeds: 2);

        var points = SweepPlan.Expand(sweep, 42, []);

        (string X, string Y, ulong Seed)[] expected =
        [
            ("1", "p", 42), ("1", "p", 43),
            ("1", "q", 42), ("1", "q", 43),
            ("1", "r", 42), ("1", "r", 43),
            ("2", "p", 42), ("2", "p", 43),
            ("2", "q", 42), ("2", "q", 43),
            ("2", "r", 42), ("2", "r", 43),
        ];
        Assert.Equal(expected, points.Select(p => (p.Swept[0].Value, p.Swept[1].Value, p.Seed)));
        Assert.Equal(Enumerable.Range(0, 12), points.Select(p => p.Index));
        Assert.All(points, p => Assert.Equal(["a.x", "b.y"], p.Swept.Select(s => s.Key)));
        Assert.All(points, p => Assert.Equal(["a.x", "b.y"], p.Overrides.Select(o => o.Path)));
    }

    [Fact]
    public void Expand_Ids_AreSha256OfTheCanonicalPointText()
    {
        var sweep = new SweepDefinition([Axis("a.x", "1", "2"), Axis("b.y", "p", "q", "r")], Seeds: 2);

        var points = SweepPlan.Expand(sweep, 42, []);

        Assert.All(points, p => Assert.Equal(ExpectedId(p.Seed, ("a.x", p.Swept[0].Value), ("b.y", p.Swept[1].Value)), p.Id));
        Assert.Equal(ExpectedId(42, ("a.x", "1"), ("b.y", "p")), points[0].Id);
        Assert.Equal(ExpectedId(43, ("a.x", "2"), ("b.y", "r")), points[11].Id);
        Assert.Equal(12, points.Select(p => p.Id).Distinct(StringComparer.Ordinal).Count());
        Assert.All(points, p => Assert.Matches("^[0-9a-f]{10}$", p.Id));
    }

    [Fact]
    public void Expand_Id_DoesNotDependOnFixedOverridesOrFolderLabels()
    {
        var plain = SweepPlan.Expand(new SweepDefinition([Axis("projections.recurrent.plasticity.rate", "0.01")], 1), 7, []);
        var withSet = SweepPlan.Expand(new SweepDefinition([Axis("projections.recurrent.plasticity.rate", "0.01")], 1), 7, [Set("dt", "0.2 ms")]);

        Assert.Equal(ExpectedId(7, ("projections.recurrent.plasticity.rate", "0.01")), plain[0].Id);
        Assert.Equal(plain[0].Id, withSet[0].Id);
        Assert.Equal(["dt", "projections.recurrent.plasticity.rate"], withSet[0].Overrides.Select(o => o.Path));
        Assert.Equal(["projections.recurrent.plasticity.rate"], withSet[0].Swept.Select(s => s.Key));
    }

    [Fact]
    public void Expand_Folders_AreLabelTildeValueWithWhitespaceRemoved()
    {
        var sweep = new SweepDefinition(
            [Axis("projections.recurrent.plasticity.rate", "0.001"), Axis("protocol.healing.duration", "30 day", "1e+3 s"), Axis("populations.cortex.neuron.tau", "-5 ms")],
            Seeds: 1);

        var points = SweepPlan.Expand(sweep, 3, []);

        Assert.Equal(
            ["rate~0.001_duration~30day_tau~-5ms_seed~3", "rate~0.001_duration~1e+3s_tau~-5ms_seed~3"],
            points.Select(p => p.Folder));
        Assert.Equal("30 day", points[0].Swept[1].Value); // the value itself keeps its space
        Assert.Equal(ExpectedId(3, ("projections.recurrent.plasticity.rate", "0.001"), ("protocol.healing.duration", "30 day"), ("populations.cortex.neuron.tau", "-5 ms")), points[0].Id);
    }

    [Fact]
    public void Expand_TwoPathsEndingInRate_AreLabelledByTheShortestUnambiguousSuffix()
    {
        var sweep = new SweepDefinition(
            [Axis("projections.recurrent.plasticity.rate", "0.01"), Axis("projections.feedforward.plasticity.rate", "0.02"), Axis("dt", "0.1 ms")],
            Seeds: 1);

        var point = Assert.Single(SweepPlan.Expand(sweep, 1, []));

        Assert.Equal("recurrent.plasticity.rate~0.01_feedforward.plasticity.rate~0.02_dt~0.1ms_seed~1", point.Folder);
    }

    [Fact]
    public void Expand_PathThatIsASuffixOfAnother_KeepsBothLabelsDistinct()
    {
        // "rate" and "plasticity.rate" are both suffixes of the longer path: the short path is labelled in full.
        var sweep = new SweepDefinition([Axis("plasticity.rate", "1"), Axis("projections.p.plasticity.rate", "2")], Seeds: 1);

        var point = Assert.Single(SweepPlan.Expand(sweep, 1, []));

        Assert.Equal("plasticity.rate~1_p.plasticity.rate~2_seed~1", point.Folder);
    }

    [Fact]
    public void Expand_ZipAxis_VariesItsPathsTogether()
    {
        var sweep = new SweepDefinition(
            [Axis("a.x", "1", "2"), Zip(["b.gain", "b.threshold"], ["8", "0.4"], ["10", "0.5"])],
            Seeds: 1);

        var points = SweepPlan.Expand(sweep, 0, []);

        Assert.Equal(
            ["x~1_gain~8_threshold~0.4_seed~0", "x~1_gain~10_threshold~0.5_seed~0", "x~2_gain~8_threshold~0.4_seed~0", "x~2_gain~10_threshold~0.5_seed~0"],
            points.Select(p => p.Folder));
        Assert.Equal(ExpectedId(0, ("a.x", "2"), ("b.gain", "10"), ("b.threshold", "0.5")), points[3].Id);
    }

    [Fact]
    public void Expand_ValuesThatSanitizeToTheSameFolder_GetTheIdAppended()
    {
        var sweep = new SweepDefinition([Axis("populations.cortex.neuron.tau", "10 ms", "10ms")], Seeds: 2);

        var points = SweepPlan.Expand(sweep, 5, []);

        string id2 = ExpectedId(5, ("populations.cortex.neuron.tau", "10ms"));
        string id3 = ExpectedId(6, ("populations.cortex.neuron.tau", "10ms"));
        Assert.Equal(
            ["tau~10ms_seed~5", "tau~10ms_seed~6", "tau~10ms_seed~5_" + id2, "tau~10ms_seed~6_" + id3],
            points.Select(p => p.Folder));
    }

    [Fact]
    public void Expand_ValuesDifferingOnlyInCase_GetDistinctFoldersEvenOnCaseInsensitiveFileSystems()
    {
        var sweep = new SweepDefinition([Axis("a.x", "1e-3", "1E-3")], Seeds: 1);

        var points = SweepPlan.Expand(sweep, 0, []);

        Assert.Equal(2, points.Select(p => p.Folder).Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal("x~1e-3_seed~0", points[0].Folder);
        Assert.Equal("x~1E-3_seed~0_" + ExpectedId(0, ("a.x", "1E-3")), points[1].Folder);
    }

    [Fact]
    public void Expand_NoAxes_GivesOnePointPerSeed()
    {
        var points = SweepPlan.Expand(new SweepDefinition([], Seeds: 3), 42, []);

        Assert.Equal(["seed~42", "seed~43", "seed~44"], points.Select(p => p.Folder));
        Assert.Equal([ExpectedId(42), ExpectedId(43), ExpectedId(44)], points.Select(p => p.Id));
        Assert.All(points, p => Assert.Empty(p.Swept));
    }

    [Fact]
    public void Expand_MoreThanMaxPoints_Throws()
    {
        var values = Enumerable.Range(0, 1001).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();

        Assert.Throws<ArgumentException>(() => SweepPlan.Expand(new SweepDefinition([Axis("a.x", values)], Seeds: 1000), 0, []));

        var ten = Enumerable.Range(0, 10).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();
        var sevenAxes = Enumerable.Range(0, 7).Select(k => Axis("a.p" + k.ToString(CultureInfo.InvariantCulture), ten)).ToList();
        Assert.Throws<ArgumentException>(() => SweepPlan.Expand(new SweepDefinition(sevenAxes, Seeds: 1), 0, []));
        Assert.Throws<ArgumentException>(() => SweepPlan.Expand(new SweepDefinition([], Seeds: SweepPlan.MaxPoints + 1), 0, []));
    }

    [Theory]
    [InlineData("0/3", true, 0, 3)]
    [InlineData("2/3", true, 2, 3)]
    [InlineData("0/1", true, 0, 1)]
    [InlineData("15/16", true, 15, 16)]
    [InlineData("3/3", false, 0, 0)]
    [InlineData("4/3", false, 0, 0)]
    [InlineData("0/0", false, 0, 0)]
    [InlineData("-1/3", false, 0, 0)]
    [InlineData("1/-3", false, 0, 0)]
    [InlineData("+1/3", false, 0, 0)]
    [InlineData(" 1/3", false, 0, 0)]
    [InlineData("1/3 ", false, 0, 0)]
    [InlineData("/3", false, 0, 0)]
    [InlineData("1/", false, 0, 0)]
    [InlineData("1", false, 0, 0)]
    [InlineData("1/2/3", false, 0, 0)]
    [InlineData("a/3", false, 0, 0)]
    [InlineData("1.0/3", false, 0, 0)]
    [InlineData("", false, 0, 0)]
    public void TryParseShard_AcceptsOnlyIOverNWithIBelowN(string text, bool ok, int index, int count)
    {
        Assert.Equal(ok, SweepPlan.TryParseShard(text, out int i, out int n));
        if (ok)
        {
            Assert.Equal((index, count), (i, n));
        }
    }

    [Fact]
    public void TryParseShard_Null_IsFalse()
    {
        Assert.False(SweepPlan.TryParseShard(null!, out _, out _));
    }
}
