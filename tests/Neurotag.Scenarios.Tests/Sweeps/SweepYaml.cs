using Neurotag.Scenarios.Sweeps;
using Neurotag.Scenarios.Yaml;

namespace Neurotag.Scenarios.Tests.Sweeps;

/// <summary>Small helpers shared by the sweep tests: parse YAML, walk a tree, build overrides.</summary>
internal static class SweepYaml
{
    public static string FixturePath => Path.Combine(AppContext.BaseDirectory, "Fixtures", "valid-minimal.yaml");

    /// <summary>Parses <paramref name="text"/>, failing the test on any YAML error.</summary>
    public static YamlNodeBase Parse(string text, string file = "test.yaml")
    {
        var errors = new List<Diagnostic>();
        var root = YamlTreeLoader.Load(text, file, errors);
        Assert.Empty(errors);
        Assert.NotNull(root);
        return root;
    }

    /// <summary>The valid-minimal fixture, read as the CLI reads a scenario.</summary>
    public static ScenarioDocument Fixture()
    {
        var (document, errors) = ScenarioLoader.ReadDocument(FixturePath);
        Assert.Empty(errors);
        Assert.NotNull(document);
        return document;
    }

    /// <summary>Follows mapping keys (strings) and list indices (ints) from <paramref name="root"/>; null when a step is missing.</summary>
    public static YamlNodeBase? Node(YamlNodeBase root, params object[] steps)
    {
        YamlNodeBase? node = root;
        foreach (object step in steps)
        {
            node = (node, step) switch
            {
                (YamlMappingNode m, string key) => m[key],
                (YamlSequenceNode q, int i) when i < q.Items.Count => q.Items[i],
                _ => null,
            };
            if (node is null)
            {
                return null;
            }
        }

        return node;
    }

    /// <summary>The text of the scalar at <paramref name="steps"/>.</summary>
    public static string Scalar(YamlNodeBase root, params object[] steps) =>
        Assert.IsType<YamlScalarNode>(Node(root, steps)).Value;

    /// <summary>An override whose value is parsed from <paramref name="valueText"/> as the command line does.</summary>
    public static ParameterOverride Set(string path, string valueText, string origin = "--set")
    {
        var errors = new List<Diagnostic>();
        var value = ParameterOverride.ParseValue(valueText, $"{origin} {path}", errors);
        Assert.Empty(errors);
        return new ParameterOverride(path, value!);
    }
}
