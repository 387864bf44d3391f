using System.Globalization;
using Neurotag.Core.Randomness;
using Neurotag.Core.Specs;
using Neurotag.Core.Spiking;

namespace Neurotag.Core.Tests.Spiking.AdEx;

/// <summary>
/// The AdEx parameter sets and the Brian2 2.5.1 reference files of tests/Neurotag.Core.Tests/Fixtures/adex (see its
/// README: parameters, equations, Brian2's step semantics), and a runner for one AdExPopulation.
/// </summary>
internal static class AdExReference
{
    /// <summary>The eight sets of Naud et al. (2008) Table 1 as in the fixture README (C, g_L, E_L, V_T, Δ_T, a, τ_w, b, V_r, I).</summary>
    public static readonly IReadOnlyDictionary<string, AdExNeuronSpec> Naud = new Dictionary<string, AdExNeuronSpec>(StringComparer.Ordinal)
    {
        ["tonic"] = Set(200, 10, -70, -50, 2, 2, 30, 0, -58, 500),
        ["adapting"] = Set(200, 12, -70, -50, 2, 2, 300, 60, -58, 500),
        ["initial-burst"] = Set(130, 18, -58, -50, 2, 4, 150, 120, -50, 400),
        ["regular-bursting"] = Set(200, 10, -58, -50, 2, 2, 120, 100, -46, 210),
        ["delayed-accelerating"] = Set(200, 12, -70, -50, 2, -10, 300, 0, -58, 300),
        ["delayed-regular-bursting"] = Set(100, 10, -65, -50, 2, -10, 90, 30, -47, 110),
        ["transient"] = Set(100, 10, -65, -50, 2, 10, 90, 100, -47, 180),
        ["irregular"] = Set(100, 12, -60, -50, 2, -11, 130, 30, -48, 160),
    };

    /// <summary>Brette &amp; Gerstner (2005) regular-spiking set, V_r = E_L, with the COBA fixture's synapses and 500 pA bias.</summary>
    public static readonly AdExNeuronSpec BretteGerstner = Set(281, 30, -70.6, -50.4, 2, 4, 144, 80.5, -70.6, 500);

    /// <summary>A set with the COBA fixture's synapses (τ_e 5, τ_i 10 ms, E_e 0, E_i −80 mV), starting at v = E_L, w = 0, g = 0.</summary>
    public static AdExNeuronSpec Set(double c, double gL, double eL, double vT, double deltaT, double a, double tauW, double b, double vR, double bias) =>
        new(c, gL, eL, vT, deltaT, a, tauW, b, vR, bias, TauEMs: 5, TauIMs: 10, EExc: 0, EInh: -80,
            new ConstantDistribution(eL), new ConstantDistribution(0), new ConstantDistribution(0), new ConstantDistribution(0));

    /// <summary>One population of <paramref name="size"/> identical neurons.</summary>
    public static AdExPopulation Population(AdExNeuronSpec neuron, double dtMs, int size = 1) =>
        new(new PopulationSpec("adex", size, neuron), 0, dtMs, new RandomSource(1));

    /// <summary>
    /// Runs one neuron for <paramref name="steps"/> steps (steps 1 … steps) and returns its spike steps;
    /// <paramref name="afterStep"/> runs after each step (where the projections would deliver).
    /// </summary>
    public static List<long> SpikeSteps(AdExPopulation population, long steps, Action<long>? afterStep = null)
    {
        var spikes = new List<long>();
        for (long k = 1; k <= steps; k++)
        {
            population.Step(k);
            if (population.SpikeCount > 0)
            {
                spikes.Add(k);
            }

            afterStep?.Invoke(k);
        }

        return spikes;
    }

    /// <summary>The <c>step</c> column of a Brian2 spike file (the step n whose START stamps the spike).</summary>
    public static List<long> Brian2Steps(string file) =>
        Lines(file).Select(l => long.Parse(l.Split(',')[1], CultureInfo.InvariantCulture)).ToList();

    /// <summary>The rows of a fixture file without its header.</summary>
    public static IEnumerable<string> Lines(string file) =>
        File.ReadAllLines(Path.Combine(Directory(), file)).Skip(1).Where(l => l.Length > 0);

    /// <summary>The file-name suffix of a step: 0.1 → "0.1".</summary>
    public static string DtName(double dtMs) => dtMs.ToString(CultureInfo.InvariantCulture);

    private static string Directory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "neurotag-cli.sln")))
            {
                return Path.Combine(dir.FullName, "tests", "Neurotag.Core.Tests", "Fixtures", "adex");
            }
        }

        throw new InvalidOperationException($"no neurotag-cli.sln above {AppContext.BaseDirectory}");
    }
}
