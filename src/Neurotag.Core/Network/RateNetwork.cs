using Neurotag.Core.Plasticity;
using Neurotag.Core.Randomness;
using Neurotag.Core.Simulation;
using Neurotag.Core.Specs;

namespace Neurotag.Core.Network;

/// <summary>A constant drive onto a fixed subset of one population's neurons.</summary>
/// <param name="Name">Input name.</param>
/// <param name="Population">Target population.</param>
/// <param name="Neurons">Driven neurons (population indices).</param>
/// <param name="Amplitude">Added input.</param>
public sealed record DriveInput(string Name, RatePopulation Population, int[] Neurons, float Amplitude);

/// <summary>
/// The built rate network: state arrays, tags, projections and the rules that act on them. Built once from a
/// validated spec; every random draw comes from a named stream of the master seed, so the network is the same
/// for the same seed whatever else changes.
/// </summary>
public sealed class RateNetwork
{
    private RateNetwork(
        IReadOnlyList<RatePopulation> populations,
        IReadOnlyList<Tag> tags,
        IReadOnlyList<DriveInput> inputs,
        IReadOnlyList<DenseProjection> projections,
        ModulatorState modulators)
    {
        Populations = populations;
        Tags = tags;
        Inputs = inputs;
        Projections = projections;
        Modulators = modulators;
    }

    /// <summary>Populations in spec order.</summary>
    public IReadOnlyList<RatePopulation> Populations { get; }

    /// <summary>Tags in spec order.</summary>
    public IReadOnlyList<Tag> Tags { get; }

    /// <summary>External drives in spec order.</summary>
    public IReadOnlyList<DriveInput> Inputs { get; }

    /// <summary>Projections in spec order.</summary>
    public IReadOnlyList<DenseProjection> Projections { get; }

    /// <summary>Modulator levels.</summary>
    public ModulatorState Modulators { get; }

    /// <summary>Per projection, the rule that propagates and learns.</summary>
    internal IProjectionRule[] Rules { get; private set; } = [];

    /// <summary>Per projection, its normalization or null.</summary>
    internal SynapticNormalization?[] Normalizations { get; private set; } = [];

    /// <summary>Homeostatic threshold adaptation of the populations that have it.</summary>
    internal ThresholdHomeostasis[] Homeostases { get; private set; } = [];

    /// <summary>Per projection, its pruning or null.</summary>
    internal Pruning?[] Prunings { get; private set; } = [];

    /// <summary>Builds the network of <paramref name="spec"/>.</summary>
    public static RateNetwork Build(SimulationSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        double dtMs = spec.Clock.DtMs;
        var populations = spec.Populations
            .Select((p, i) => new RatePopulation(p, i, dtMs, RandomSource.ForName(spec.Seed, "noise:" + p.Name)))
            .ToList();
        var byName = populations.ToDictionary(p => p.Name, StringComparer.Ordinal);
        var tags = TagImprecision.Apply(TagMembership.Draw(spec.Tags, byName, spec.Seed), spec.Tags, spec.Seed);
        var tagByName = tags.ToDictionary(t => t.Name, StringComparer.Ordinal);

        (RatePopulation Population, int[] Neurons) Resolve(string name, bool isTag) =>
            isTag ? (tagByName[name].Population, tagByName[name].Members) : (byName[name], Enumerable.Range(0, byName[name].Size).ToArray());

        var inputs = new List<DriveInput>();
        foreach (var input in spec.Inputs)
        {
            var (population, neurons) = Resolve(input.Target, input.TargetIsTag);
            int count = (int)Math.Round(input.Fraction * neurons.Length);
            var pick = new int[count];
            RandomSource.ForName(spec.Seed, "input:" + input.Name).SampleWithoutReplacement(neurons.Length, pick);
            var driven = pick.Select(k => neurons[k]);
            if (input.TargetIsTag && tagByName[input.Target].Spill is { Length: > 0 } spill)
            {
                // Imprecision: the same fraction of the tag's spill set, from a stream of its own (the member draw is unchanged).
                var spillPick = new int[(int)Math.Round(input.Fraction * spill.Length)];
                RandomSource.ForName(spec.Seed, "spill:" + input.Name).SampleWithoutReplacement(spill.Length, spillPick);
                driven = driven.Concat(spillPick.Select(k => spill[k]));
            }

            inputs.Add(new DriveInput(input.Name, population, driven.ToArray(), (float)input.Amplitude));
        }

        var modulators = new ModulatorState(spec.Modulators, dtMs);
        var projections = new List<DenseProjection>();
        var rules = new List<IProjectionRule>();
        var normalizations = new List<SynapticNormalization?>();
        var prunings = new List<Pruning?>();
        foreach (var p in spec.Projections)
        {
            var (pre, preNeurons) = Resolve(p.From, p.FromIsTag);
            var (post, postNeurons) = Resolve(p.To, p.ToIsTag);
            var projection = new DenseProjection(p, pre, preNeurons, post, postNeurons);
            Connectivity.Build(projection, RandomSource.ForName(spec.Seed, "connect:" + p.Name), RandomSource.ForName(spec.Seed, "weight:" + p.Name));
            projections.Add(projection);
            rules.Add(CreateRule(projection, p.Plasticity, modulators, dtMs));
            normalizations.Add(p.Normalization is { } n ? new SynapticNormalization(projection, n) : null);
            prunings.Add(p.Pruning is { } pr ? new Pruning(projection, pr, dtMs) : null);
        }

        var homeostases = populations
            .Where(p => ((RateNeuronSpec)spec.Populations[p.Index].Neuron).Homeostasis is not null)
            .Select(p => new ThresholdHomeostasis(p, ((RateNeuronSpec)spec.Populations[p.Index].Neuron).Homeostasis!, dtMs))
            .ToArray();
        return new RateNetwork(populations, tags, inputs, projections, modulators)
        {
            Homeostases = homeostases,
            Rules = [.. rules],
            Normalizations = [.. normalizations],
            Prunings = [.. prunings],
        };
    }

    /// <summary>The rule object of a projection's plasticity spec (a static rule without plasticity).</summary>
    private static IProjectionRule CreateRule(DenseProjection projection, PlasticitySpec? plasticity, ModulatorState modulators, double dtMs) =>
        plasticity?.Rule switch
        {
            null => new StaticRule(projection),
            PlasticityRule.Hebbian when plasticity.Consolidation is not null => new ConsolidatingHebbianRule(projection, plasticity, modulators, dtMs),
            PlasticityRule.Hebbian when plasticity.EligibilityTauMs is not null => new EligibilityHebbianRule(projection, plasticity, modulators, dtMs),
            PlasticityRule.Hebbian => new HebbianRule(projection, plasticity, modulators, dtMs),
            PlasticityRule.Oja => new OjaRule(projection, plasticity, modulators, dtMs),
            PlasticityRule.Bcm => new BcmRule(projection, plasticity, modulators, dtMs),
            PlasticityRule.Covariance => new CovarianceRule(projection, plasticity, modulators, dtMs),
            _ => throw new ArgumentOutOfRangeException(nameof(plasticity), plasticity.Rule, "unknown plasticity rule"),
        };
}
