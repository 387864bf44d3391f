using Neurotag.Core.Specs;

namespace Neurotag.Scenarios.Compilation.Rules;

/// <summary>
/// The plasticity rules a scenario may name, in the order hints and the JSON Schema list them: the one table from
/// <c>plasticity.rule</c> to its reader. A new rule is one line here (and, in Core, one line in its network's rule
/// factory: RateNetwork.CreateRule or SpikingNetwork).
/// </summary>
internal static class PlasticityRules
{
    public static IReadOnlyList<PlasticityRuleReader> All { get; } =
    [
        new HebbianRuleReader(),
        new OjaRuleReader(),
        new BcmRuleReader(),
        new CovarianceRuleReader(),
        new StdpRuleReader(),
        new TripletStdpRuleReader(),
        new IstdpRuleReader(),
    ];

    /// <summary>The rules of <paramref name="kind"/> by name (an unknown rule's hint lists the rate rules, as format v1's always did).</summary>
    public static IReadOnlyDictionary<string, PlasticityRule> ByName(NetworkKind kind) =>
        All.Where(r => r.Network == kind).ToDictionary(r => r.Name, r => r.Rule, StringComparer.Ordinal);

    public static PlasticityRuleReader? Find(string name) => All.FirstOrDefault(r => r.Name == name);

    /// <summary>The rule names of <paramref name="kind"/>, joined with ", ".</summary>
    public static string Names(NetworkKind kind) => string.Join(", ", All.Where(r => r.Network == kind).Select(r => r.Name));

    /// <summary>The rules with their own block, in the order the schema and the "allowed keys" hints list them: spiking rules first.</summary>
    public static IEnumerable<PlasticityRuleReader> WithBlocks =>
        All.Where(r => r.Block is not null).OrderBy(r => r.Network == NetworkKind.Spiking ? 0 : 1);

    /// <summary>The names of the rules that implement <c>eligibility:</c>, as a list: "hebbian, stdp".</summary>
    public static IEnumerable<string> WithEligibility => All.Where(r => r.TakesEligibility).Select(r => r.Name);

    /// <summary>The example a projection of <paramref name="kind"/> without plasticity is given: its first rule's.</summary>
    public static string Example(NetworkKind kind) => All.First(r => r.Network == kind).Example;
}
