using System.Text;

namespace Neurotag.Scenarios.Tests;

/// <summary>
/// Every <c>Fixtures/invalid/NAME.yaml</c> must fail with exactly the diagnostics listed in <c>NAME.expected</c>:
/// one <c>LINE:COL PATH</c> line each (<c>-</c> for an empty path, <c>#</c> starts a note). The positions were read
/// off the fixture files by hand: the scalar for a bad value, the key for an unknown or duplicate key, the mapping's
/// start for a missing key or a relation between keys.
/// </summary>
public class ValidationFixtureTests
{
    private static readonly string FixtureDirectory = Path.Combine(AppContext.BaseDirectory, "Fixtures");

    private static readonly string InvalidDirectory = Path.Combine(FixtureDirectory, "invalid");

    /// <summary>A fixed limit, so that the memory checks do not depend on the machine running the tests.</summary>
    private static readonly ScenarioOptions FixtureOptions = new(MemoryLimitBytes: 1L << 30);

    /// <summary>Long enough for any honest load; an alias bomb that expanded would take far longer.</summary>
    private static readonly TimeSpan LoadTimeout = TimeSpan.FromSeconds(10);

    public static TheoryData<string> InvalidFixtures()
    {
        var data = new TheoryData<string>();
        foreach (string file in Directory.EnumerateFiles(InvalidDirectory, "*.yaml").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileNameWithoutExtension(file));
        }

        return data;
    }

    [Fact]
    public void FixtureFolder_HasAtLeast25InvalidScenarios_EachWithAnExpectedFile()
    {
        var names = Directory.EnumerateFiles(InvalidDirectory, "*.yaml").ToList();
        Assert.True(names.Count >= 25, $"only {names.Count} invalid fixtures");
        foreach (string yaml in names)
        {
            Assert.True(File.Exists(Path.ChangeExtension(yaml, ".expected")), $"{Path.GetFileName(yaml)} has no .expected file");
        }

        foreach (string expected in Directory.EnumerateFiles(InvalidDirectory, "*.expected"))
        {
            Assert.True(File.Exists(Path.ChangeExtension(expected, ".yaml")), $"{Path.GetFileName(expected)} has no .yaml file");
        }
    }

    [Theory]
    [MemberData(nameof(InvalidFixtures))]
    public async Task Load_InvalidFixture_ReportsExactlyTheExpectedLinesColumnsAndPaths(string name)
    {
        string path = Path.Combine(InvalidDirectory, name + ".yaml");
        var expected = ReadExpected(Path.Combine(InvalidDirectory, name + ".expected"));

        var result = await LoadWithTimeout(path, FixtureOptions);

        Assert.Null(result.Spec);
        Assert.False(result.IsValid);
        var actual = result.Errors.Select(Key).Order(StringComparer.Ordinal).ToList();
        Assert.True(
            expected.SequenceEqual(actual),
            $"{name}:\nexpected:\n  {string.Join("\n  ", expected)}\nactual:\n  {string.Join("\n  ", result.Errors)}");
        AssertWellFormed(result.Errors, path);
    }

    [Fact]
    public async Task Load_ValidMinimalFixture_CompilesWithoutErrors()
    {
        string path = Path.Combine(FixtureDirectory, "valid-minimal.yaml");

        var result = await LoadWithTimeout(path, FixtureOptions);

        Assert.True(result.Errors.Count == 0, string.Join("\n", result.Errors));
        Assert.True(result.IsValid);
        var spec = result.Spec!;
        Assert.Equal("valid-minimal", spec.Name);
        Assert.Equal(42UL, spec.Seed);
        Assert.Equal(50, Assert.Single(spec.Populations).Size);
        Assert.Equal(["pain", "bend"], spec.Tags.Select(t => t.Name));
        Assert.Equal(["bending"], spec.Inputs.Select(i => i.Name));
        Assert.Equal(["threat"], spec.Modulators.Select(m => m.Name));
        var projection = Assert.Single(spec.Projections);
        Assert.NotNull(projection.Plasticity);
        Assert.NotNull(projection.Normalization);
        Assert.NotNull(projection.Pruning);

        // baseline, injury, 3 × practice with 2 gaps between them, healing, probe.
        Assert.Equal(
            ["baseline", "injury", "practice", "rehab.gap", "practice", "rehab.gap", "practice", "healing", "probe"],
            spec.Protocol.Select(p => p.Name));
        Assert.NotNull(spec.Record.Weights);
    }

    [Fact]
    public async Task Load_WhenKeyIsATypo_ReportsTheKeyAndSuggestsTheNearestKey()
    {
        var error = Assert.Single((await LoadFixture("unknown-key-typo")).Errors);

        Assert.Equal((8, 7, "populations.cortex.neuron.tua"), (error.Line, error.Column, error.Path));
        Assert.Contains("unknown key 'tua'", error.Message, StringComparison.Ordinal);
        Assert.Contains("did you mean 'tau'?", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_WhenPhaseNamesUnknownInput_ReportsLineColumnAndNearestName()
    {
        var error = Assert.Single((await LoadFixture("phase-unknown-input")).Errors);

        Assert.Equal((15, 23, "protocol[1].inputs[1]"), (error.Line, error.Column, error.Path));
        Assert.Contains("'bendin'", error.Message, StringComparison.Ordinal);
        Assert.Contains("did you mean 'bending'?", error.Hint, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("tag-unknown-population", "cortx", "cortex")]
    [InlineData("share-unknown-tag", "pian", "pain")]
    [InlineData("modulated-by-unknown", "treat", "threat")]
    public async Task Load_WhenReferenceIsATypo_SuggestsTheNearestDefinedName(string fixture, string written, string meant)
    {
        var error = Assert.Single((await LoadFixture(fixture)).Errors);

        Assert.Contains($"'{written}'", error.Message, StringComparison.Ordinal);
        Assert.Contains($"did you mean '{meant}'?", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_WhenStdpHasARateWithoutEligibility_PointsToTheStdpAmplitudes()
    {
        // The fixture's second projection has the same rate with an eligibility trace: only the first is an error.
        var error = Assert.Single((await LoadFixture("stdp-rate-without-eligibility")).Errors);

        Assert.Equal((20, 7, "projections.input.plasticity.rate"), (error.Line, error.Column, error.Path));
        Assert.Contains("without 'eligibility:'", error.Message, StringComparison.Ordinal);
        Assert.Contains("rate scales the conversion of an eligibility trace; STDP's step sizes are stdp.a_plus / a_minus", error.Hint, StringComparison.Ordinal);
    }

    /// <summary>The hint of pruning without plasticity names a rule the projection can take: spiking ones reject the rate rules.</summary>
    [Theory]
    [InlineData("spiking-pruning-without-plasticity", "rule: stdp", "hebbian")]
    [InlineData("pruning-without-plasticity", "rule: hebbian", "stdp")]
    public async Task Load_WhenPruningHasNoPlasticity_HintsAtARuleThisKindOfNetworkAccepts(string fixture, string suggested, string notSuggested)
    {
        var error = Assert.Single((await LoadFixture(fixture)).Errors);

        Assert.Contains("no 'plasticity:'", error.Message, StringComparison.Ordinal);
        Assert.Contains(suggested, error.Hint, StringComparison.Ordinal);
        Assert.DoesNotContain(notSuggested, error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_WhenFileIsBinary_ReportsOneErrorAtTheFileStart()
    {
        byte[] bytes = [0x7F, (byte)'E', (byte)'L', (byte)'F', 0x02, 0x01, 0x01, 0x00, 0x00, 0x00, 0xFF, 0xD8, 0x00, (byte)'\n', 0x9C];

        var error = Assert.Single((await LoadBytes(bytes)).Errors);

        Assert.Equal((1, 1, ""), (error.Line, error.Column, error.Path));
        Assert.Contains("binary", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_WhenFileIsNotUtf8_ReportsOneErrorAtTheFileStart()
    {
        // "name: café" in Latin-1: the lone 0xE9 byte is not UTF-8.
        byte[] bytes = [.. Encoding.ASCII.GetBytes("name: caf"), 0xE9, (byte)'\n'];

        var error = Assert.Single((await LoadBytes(bytes)).Errors);

        Assert.Equal((1, 1, ""), (error.Line, error.Column, error.Path));
        Assert.Contains("UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_WhenFileIsAnAliasBomb_FailsQuicklyInsteadOfExpanding()
    {
        string text = await File.ReadAllTextAsync(Path.Combine(InvalidDirectory, "alias-bomb.yaml"));

        var task = Task.Run(() => ScenarioLoader.LoadText(text, "alias-bomb.yaml"));
        var result = await task.WaitAsync(LoadTimeout);

        var error = Assert.Single(result.Errors);
        Assert.Equal((9, 8), (error.Line, error.Column));
        Assert.Contains("alias", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Load_WhenNetworkExceedsTheMemoryLimitOption_IsRefusedAtTheLargestPartAndAcceptedUnderALargerLimit()
    {
        string path = Path.Combine(InvalidDirectory, "network-over-memory-limit.yaml");

        var refused = await LoadWithTimeout(path, new ScenarioOptions(MemoryLimitBytes: 1 << 30));
        var accepted = await LoadWithTimeout(path, new ScenarioOptions(MemoryLimitBytes: 1L << 40));

        // The projection's 4e8 slots of 8 bytes (3052 MiB) dwarf the population's 20000 x 12 bytes: the error is at its key.
        var error = Assert.Single(refused.Errors);
        Assert.Equal((9, 3, "projections.recurrent"), (error.Line, error.Column, error.Path));
        Assert.Contains("about 3052 MiB (3052 MiB of it here)", error.Message, StringComparison.Ordinal);
        Assert.True(accepted.IsValid, string.Join("\n", accepted.Errors));
    }

    [Fact]
    public async Task Load_WhenProjectionExceedsTheLargestArray_IsRefusedWhateverTheMemoryLimit()
    {
        string path = Path.Combine(InvalidDirectory, "network-too-large.yaml");

        var result = await LoadWithTimeout(path, new ScenarioOptions(MemoryLimitBytes: long.MaxValue));

        var error = Assert.Single(result.Errors);
        Assert.Equal((9, 3, "projections.recurrent"), (error.Line, error.Column, error.Path));
    }

    [Fact]
    public async Task Load_WhenSeveralThingsAreWrong_ReportsThemAllInFileOrder()
    {
        var errors = (await LoadFixture("several-errors")).Errors;

        Assert.True(errors.Count >= 4);
        Assert.Equal(errors.OrderBy(e => e.Line).ThenBy(e => e.Column), errors);
    }

    [Fact]
    public void Diagnostic_ToString_StartsWithFileLineColumnAndOmitsEmptyPathAndHint()
    {
        Assert.Equal("a.yaml:3:7: tags.pain.size: too big (hint: shrink it)", new Diagnostic("a.yaml", 3, 7, "tags.pain.size", "too big", "shrink it").ToString());
        Assert.Equal("a.yaml:1:1: the scenario is empty", new Diagnostic("a.yaml", 1, 1, "", "the scenario is empty", "").ToString());
    }

    private static List<string> ReadExpected(string path) =>
        [.. File.ReadAllLines(path)
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Order(StringComparer.Ordinal)];

    private static string Key(Diagnostic d) => $"{d.Line}:{d.Column} {(d.Path.Length == 0 ? "-" : d.Path)}";

    private static void AssertWellFormed(IReadOnlyList<Diagnostic> errors, string file)
    {
        Assert.NotEmpty(errors);
        foreach (var e in errors)
        {
            Assert.Equal(file, e.File);
            Assert.True(e.Line >= 1 && e.Column >= 1, e.ToString());
            Assert.False(string.IsNullOrWhiteSpace(e.Message) && string.IsNullOrWhiteSpace(e.Hint), "a diagnostic says nothing: " + e);
            Assert.False(string.IsNullOrWhiteSpace(e.Message), "a diagnostic without a message: " + e);
            Assert.StartsWith($"{file}:{e.Line}:{e.Column}: ", e.ToString(), StringComparison.Ordinal);
        }

        Assert.Equal(errors.OrderBy(e => e.Line).ThenBy(e => e.Column), errors);
    }

    private static Task<ScenarioLoadResult> LoadFixture(string name) =>
        LoadWithTimeout(Path.Combine(InvalidDirectory, name + ".yaml"), FixtureOptions);

    private static async Task<ScenarioLoadResult> LoadWithTimeout(string path, ScenarioOptions options)
    {
        using var cancel = new CancellationTokenSource(LoadTimeout);
        return await Task.Run(() => ScenarioLoader.LoadFile(path, options), cancel.Token).WaitAsync(cancel.Token);
    }

    private static async Task<ScenarioLoadResult> LoadBytes(byte[] bytes)
    {
        string path = Path.Combine(Path.GetTempPath(), $"neurotag-fixture-{Guid.NewGuid():N}.yaml");
        try
        {
            await File.WriteAllBytesAsync(path, bytes);
            var result = await LoadWithTimeout(path, FixtureOptions);
            AssertWellFormed(result.Errors, path);
            return result;
        }
        finally
        {
            File.Delete(path);
        }
    }
}
