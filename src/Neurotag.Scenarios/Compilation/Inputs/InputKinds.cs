namespace Neurotag.Scenarios.Compilation.Inputs;

/// <summary>The input kinds a scenario may name, in the order hints and the JSON Schema list them: the one table from <c>kind:</c> to its reader.</summary>
internal static class InputKinds
{
    public static IReadOnlyList<InputKindReader> All { get; } =
    [
        new CurrentInputReader(),
        new PatternsInputReader(),
        new GaussianInputReader(),
        new PoissonInputReader(),
        new NoiseCurrentInputReader(),
    ];

    public static InputKindReader? Find(string kind) => All.FirstOrDefault(k => k.Kind == kind);

    /// <summary>The kinds that drive <paramref name="network"/>, as a hint lists them: "'kind: current', 'patterns' or 'gaussian'".</summary>
    public static string Names(NetworkKind network, bool first)
    {
        var names = All.Where(k => k.Network == network).Select((k, i) => i == 0 && first ? $"'kind: {k.Kind}'" : $"'{k.Kind}'").ToList();
        return names.Count <= 1 ? string.Concat(names) : string.Join(", ", names[..^1]) + " or " + names[^1];
    }
}
