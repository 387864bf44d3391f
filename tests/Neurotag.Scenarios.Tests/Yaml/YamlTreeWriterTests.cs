using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Tests.Yaml;

/// <summary>
/// The scenario copy in a run folder (issue #11, defect 9) is the YAML tree written back by <see cref="YamlTreeWriter"/>:
/// it must load into the same tree — same keys in order, same values, and unquoted exactly where the source was
/// (a quoted "1" is a string, a plain 1 a number), a null still a null — or the copy would not run the same scenario.
/// </summary>
public sealed class YamlTreeWriterTests
{
    /// <summary>The repository's bundled scenarios (found from the test's output folder upwards).</summary>
    public static TheoryData<string> BundledScenarios()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "neurotag-cli.sln")))
        {
            dir = dir.Parent;
        }

        Assert.NotNull(dir);
        var data = new TheoryData<string>();
        foreach (string file in Directory.GetFiles(Path.Combine(dir.FullName, "scenarios"), "*.yaml").Order(StringComparer.Ordinal))
        {
            data.Add(file);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BundledScenarios))]
    public void Write_ThenLoad_GivesTheSameTree_ForEveryBundledScenario(string file)
    {
        var (document, errors) = ScenarioLoader.ReadDocument(file);
        Assert.Empty(errors);

        AssertRoundTrips(document!.Root);
    }

    [Fact]
    public void Write_ThenLoad_KeepsQuotingAndAwkwardScalars()
    {
        string text = """
            plain-number: 1
            quoted-number: "1"
            single-quoted: 'x'
            with-colon: "a: b"
            with-hash: "a # b"
            dash-first: "- x"
            line-break: "two\nlines"
            trailing-space: "x "
            empty-quoted: ""
            nothing:
            tilde: ~
            unicode: "µs → ∞"
            unit: 20 ms
            flow: { a: [1, 2, "3"], b: { c: d } }
            list:
              - phase: one
                duration: 1 s
              - [x, "y"]
            anchored: &a { k: v }
            alias: *a
            """;
        var errors = new List<Diagnostic>();
        var root = YamlTreeLoader.Load(text, "t.yaml", errors);
        Assert.Empty(errors);

        AssertRoundTrips(root!);
    }

    private static void AssertRoundTrips(YamlNodeBase root)
    {
        string written = YamlTreeWriter.Write(root);
        var errors = new List<Diagnostic>();
        var again = YamlTreeLoader.Load(written, "copy.yaml", errors);
        Assert.True(errors.Count == 0, string.Join("\n", errors) + "\n" + written);
        AssertSameTree(root, again!, "");
        Assert.DoesNotContain("\r", written, StringComparison.Ordinal);
    }

    private static void AssertSameTree(YamlNodeBase expected, YamlNodeBase actual, string path)
    {
        switch (expected)
        {
            case YamlScalarNode e:
                var a = Assert.IsType<YamlScalarNode>(actual);
                Assert.True(e.Value == a.Value || (e.IsNull && a.IsNull), $"{path}: '{e.Value}' became '{a.Value}'");
                Assert.True(e.Plain == a.Plain, $"{path}: plain {e.Plain} became {a.Plain}");
                break;
            case YamlSequenceNode e:
                var q = Assert.IsType<YamlSequenceNode>(actual);
                Assert.Equal(e.Items.Count, q.Items.Count);
                for (int i = 0; i < e.Items.Count; i++)
                {
                    AssertSameTree(e.Items[i], q.Items[i], $"{path}[{i}]");
                }

                break;
            case YamlMappingNode e:
                var m = Assert.IsType<YamlMappingNode>(actual);
                Assert.Equal(e.Entries.Select(x => x.Key.Value), m.Entries.Select(x => x.Key.Value));
                for (int i = 0; i < e.Entries.Count; i++)
                {
                    AssertSameTree(e.Entries[i].Key, m.Entries[i].Key, $"{path}.{e.Entries[i].Key.Value}(key)");
                    AssertSameTree(e.Entries[i].Value, m.Entries[i].Value, $"{path}.{e.Entries[i].Key.Value}");
                }

                break;
            default:
                Assert.Fail($"{path}: unexpected node {expected.GetType().Name}");
                break;
        }
    }
}
