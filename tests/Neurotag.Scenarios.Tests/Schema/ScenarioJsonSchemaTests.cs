using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Neurotag.Scenarios.Compilation;

namespace Neurotag.Scenarios.Tests.Schema;

/// <summary>
/// schema/scenario.schema.json: generated from the validator's key table, committed, and checked against the
/// bundled scenarios (accepted) and the validation fixtures' unknown keys (rejected) with an independent JSON Schema
/// validator (JsonSchema.Net) on JSON converted the way YAML editors convert it.
/// </summary>
public class ScenarioJsonSchemaTests
{
    private static readonly string CommittedSchemaPath = Path.Combine(AppContext.BaseDirectory, "schema", "scenario.schema.json");

    private static readonly Lazy<JsonSchema> Schema = new(() => JsonSchema.FromText(ScenarioJsonSchema.Generate()));

    public static TheoryData<string> BundledScenarios()
    {
        var data = new TheoryData<string>();
        foreach (string file in Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "scenarios"), "*.yaml").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Fact]
    public void CommittedSchemaFile_IsExactlyTheGeneratedSchema_SoItCannotDriftFromTheValidator()
    {
        Assert.True(File.Exists(CommittedSchemaPath), "schema/scenario.schema.json is missing: run 'neurotag-cli schema > schema/scenario.schema.json'");

        string committed = File.ReadAllText(CommittedSchemaPath);

        Assert.True(
            committed == ScenarioJsonSchema.Generate(),
            "schema/scenario.schema.json differs from the generated schema: run 'dotnet run --project src/Neurotag.Cli -- schema > schema/scenario.schema.json'");
    }

    [Fact]
    public void EveryKeySetOfTheTable_IsReachableFromTheTopOfTheSchema()
    {
        // The compiler can only check keys against ScenarioKeys' sets; one the schema never reaches would leave
        // that mapping's keys out of the editors' completion.
        var declared = typeof(ScenarioKeys).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.FieldType == typeof(KeySet)).Select(f => (KeySet)f.GetValue(null)!).ToList();
        var reachable = ScenarioJsonSchema.ReachableKeySets();

        Assert.True(declared.Count >= 40, $"only {declared.Count} key sets declared");
        Assert.Empty(declared.Except(reachable).Select(k => k.Id));
        Assert.Equal(reachable.Count, reachable.Select(k => k.Id).Distinct().Count());
    }

    [Fact]
    public void Generate_IsAValidDraft07Document_WithOneDefinitionPerKeySet()
    {
        var json = JsonNode.Parse(ScenarioJsonSchema.Generate())!.AsObject();

        Assert.Equal("http://json-schema.org/draft-07/schema#", (string?)json["$schema"]);
        Assert.False((bool)json["additionalProperties"]!);
        Assert.Equal(ScenarioJsonSchema.ReachableKeySets().Count - 1, json["definitions"]!.AsObject().Count);
    }

    [Theory]
    [MemberData(nameof(BundledScenarios))]
    public void BundledScenario_IsValidAgainstTheSchema(string file)
    {
        var errors = Evaluate(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "scenarios", file)));

        Assert.True(errors.Count == 0, file + ":\n" + string.Join("\n", errors));
    }

    [Fact]
    public void ValidMinimalFixture_IsValidAgainstTheSchema()
    {
        var errors = Evaluate(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "valid-minimal.yaml")));

        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public void FixturesWithUnknownKeys_AreRejectedByTheSchema_AtEachUnknownKey()
    {
        int checkedKeys = 0;
        foreach (string path in Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures", "invalid"), "*.yaml").Order(StringComparer.Ordinal))
        {
            var unknown = ScenarioLoader.LoadFile(path, new ScenarioOptions(MemoryLimitBytes: 1L << 30)).Errors
                .Where(e => e.Message.StartsWith("unknown key", StringComparison.Ordinal)).ToList();
            if (unknown.Count == 0)
            {
                continue;
            }

            var errors = Evaluate(File.ReadAllText(path));
            foreach (var diagnostic in unknown)
            {
                string pointer = Pointer(diagnostic.Path);
                Assert.True(
                    errors.Any(e => e.StartsWith(pointer + " ", StringComparison.Ordinal)),
                    $"{Path.GetFileName(path)}: the schema does not reject {diagnostic.Path} (expected an error at {pointer}); its errors:\n{string.Join("\n", errors)}");
                checkedKeys++;
            }
        }

        Assert.True(checkedKeys >= 3, $"only {checkedKeys} unknown keys in the fixture corpus");
    }

    [Theory]
    [InlineData("name: x\npopulations: { c: { size: 10, neuron: { model: rate, tua: 10 ms } } }\nprotocol: [ { phase: a, duration: 1 s } ]\n", "/populations/c/neuron/tua")]
    [InlineData("name: x\npopulations: { c: { size: 10, neuron: { model: lif, tau: 10 ms } } }\nprotocol: [ { phase: a, duration: 1 s } ]\n", "/populations/c/neuron/tau")]
    [InlineData("name: x\npopulations: { c: { size: 10, neuron: { model: rate } } }\nprotocol: [ { repeat: 2, phases: [ { phase: a, duration: 1 s, inptus: [] } ] } ]\n", "/protocol/0/phases/0/inptus")]
    [InlineData("name: x\npopulations: { c: { size: 10, neuron: { model: rate } } }\ntags: { m: { population: c, size: 2, count: 3, imprecision: 0.1 } }\nprotocol: [ { phase: a, duration: 1 s } ]\n", "/tags/m/imprecision")]
    public void Schema_RejectsAKeyThatIsAllowedOnlyInAnotherVariant(string yaml, string location)
    {
        var errors = Evaluate(yaml);

        Assert.Contains(errors, e => e.StartsWith(location + " ", StringComparison.Ordinal));
        Assert.Contains(ScenarioLoader.LoadText(yaml, "x.yaml").Errors, e => e.Message.StartsWith("unknown key", StringComparison.Ordinal));
    }

    /// <summary>Every failing leaf of the evaluation as "POINTER KEYWORD: MESSAGE".</summary>
    private static List<string> Evaluate(string yaml)
    {
        var instance = JsonSerializer.SerializeToElement(YamlToJson.Convert(yaml));
        var result = Schema.Value.Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (result.IsValid)
        {
            return [];
        }

        return [.. (result.Details ?? []).Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} {e.Key}: {e.Value}"))];
    }

    /// <summary>A diagnostic's key path (<c>protocol[1].phases[0].foo</c>) as a JSON pointer (<c>/protocol/1/phases/0/foo</c>).</summary>
    private static string Pointer(string path) =>
        "/" + path.Replace("[", ".", StringComparison.Ordinal).Replace("]", "", StringComparison.Ordinal).Replace('.', '/');
}
