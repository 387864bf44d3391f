using Neurotag.Core.Specs;

namespace Neurotag.Benchmarks;

/// <summary>
/// The networks the benchmarks run, built directly from the Core spec records (no YAML, no compiler): one rate
/// population of <c>n</c> sigmoid neurons with a dense all-to-all recurrent projection onto itself.
/// </summary>
public static class BenchmarkNetworks
{
    /// <summary>The integration step: 0.1 ms.</summary>
    public static readonly Clock Clock = new(100_000);

    /// <summary>Name of the only population.</summary>
    public const string Population = "E";

    /// <summary>Name of the recurrent projection.</summary>
    public const string Projection = "EE";

    /// <summary>
    /// An online network for the step benchmarks: Hebbian rule with passive decay (τ = 10 s), weights drawn
    /// uniformly on [0, 2/n) so the summed input stays O(1) at every n, bounds [0, 1], and a constant drive onto
    /// 10 % of the neurons. Noise is 0 so the step cost is the synaptic cost plus a small O(n) neuron update.
    /// </summary>
    /// <param name="n">Population size.</param>
    /// <param name="allowSelf"><c>self: true</c> (no mask: the fastest path) or <c>self: false</c> (a dense float mask).</param>
    /// <param name="normalizeEverySteps">Per-post normalization interval in learning steps, or null for none.</param>
    public static SimulationSpec Online(int n, bool allowSelf, long? normalizeEverySteps)
    {
        var normalization = normalizeEverySteps is { } every ? new NormalizationSpec(NormalizePer.Post, 1.0, every) : null;
        var plasticity = new PlasticitySpec(PlasticityRule.Hebbian, Rate: 0.01, DecayTauMs: 10_000, ModulatedBy: null, ModulationGain: 0);
        return Spec(n, allowSelf, plasticity, normalization, pruning: null, protocol: []);
    }

    /// <summary>
    /// An offline network: decay τ = 1 day and pruning of synapses below half the resting weight for 12 h (checked
    /// every second online), with one offline phase of <paramref name="days"/> days as the whole protocol. About
    /// one synapse in ten is pruned by a 60-day phase, so both branches of the closed form are taken.
    /// </summary>
    /// <param name="n">Population size.</param>
    /// <param name="days">Length of the offline phase.</param>
    public static SimulationSpec Offline(int n, double days)
    {
        const double DayMs = 86_400_000;
        var plasticity = new PlasticitySpec(PlasticityRule.Hebbian, Rate: 0.01, DecayTauMs: DayMs, ModulatedBy: null, ModulationGain: 0);
        double rest = 1.0 / n;
        var pruning = new PruningSpec(Below: 0.5 * rest, ForMs: 0.5 * DayMs, CheckEverySteps: 10_000);
        long steps = (long)Math.Round(days * DayMs / Clock.DtMs);
        var phase = new PhaseSpec("offline", 0, steps, Offline: true, Inputs: [], Modulators: [], Plasticity: false, Sets: []);
        return Spec(n, allowSelf: false, plasticity, normalization: null, pruning, protocol: [phase]);
    }

    private static SimulationSpec Spec(
        int n,
        bool allowSelf,
        PlasticitySpec plasticity,
        NormalizationSpec? normalization,
        PruningSpec? pruning,
        IReadOnlyList<PhaseSpec> protocol)
    {
        var population = new PopulationSpec(Population, n, new RateNeuronSpec(TauMs: 10, Activation.Sigmoid, Gain: 1, Threshold: 0.5, Noise: 0));
        var projection = new ProjectionSpec(
            Projection,
            From: Population,
            FromIsTag: false,
            To: Population,
            ToIsTag: false,
            new ConnectivitySpec(ConnectivityRule.AllToAll, Probability: 0, Indegree: 0, AllowSelf: allowSelf),
            new WeightSpec(new UniformDistribution(0, 2.0 / n), Min: 0, Max: 1),
            Inhibitory: false,
            plasticity,
            normalization,
            pruning);
        var drive = new InputSpec("cue", Population, TargetIsTag: false, Amplitude: 1.0, Fraction: 0.1);
        return new SimulationSpec(
            Name: "benchmark",
            Description: null,
            Seed: 20240601,
            Clock,
            Populations: [population],
            Tags: [],
            Inputs: [drive],
            Modulators: [],
            Projections: [projection],
            Protocol: protocol,
            Record: new RecordSpec(EverySteps: 1000, TagMetrics: [], PopulationRate: false, Weights: null));
    }
}
