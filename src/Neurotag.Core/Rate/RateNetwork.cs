using Neurotag.Core.Protocol;
using Neurotag.Core.Randomness;
using Neurotag.Core.Rate.Drives;
using Neurotag.Core.Rate.Plasticity;
using Neurotag.Core.Specs;

namespace Neurotag.Core.Rate;

/// <summary>
/// The built rate network: state arrays, tags, projections and the rules that act on them. Built once from a
/// validated spec; every random draw comes from a named stream of the master seed, so the network is the same
/// for the same seed whatever else changes.
/// </summary>
public sealed class RateNetwork
{
    private RateNetwork(
        IReadOnlyList<RatePopulation> populations,
        IReadOnlyList<RateTag> tags,
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
    public IReadOnlyList<RateTag> Tags { get; }

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

    /// <summary>Per projection, its heterosynaptic depression or null (null too when its scope is the neuron).</summary>
    internal HeterosynapticDepression?[] Heterosynaptics { get; private set; } = [];

    /// <summary>Storage rules written at the start of a phase (those written at build are already applied).</summary>
    internal OuterProductStorage[] Storages { get; private set; } = [];

    /// <summary>Per projection, its synaptic scaling or null.</summary>
    internal SynapticScaling?[] Scalings { get; private set; } = [];

    /// <summary>Normalization pools with <c>scope: neuron</c>, one per postsynaptic population that has one.</summary>
    internal NeuronNormalization[] NeuronNormalizations { get; private set; } = [];

    /// <summary>Heterosynaptic pools with <c>scope: neuron</c>, one per postsynaptic population that has one.</summary>
    internal NeuronHeterosynaptic[] NeuronHeterosynaptics { get; private set; } = [];

    /// <summary>Builds the network of <paramref name="spec"/>.</summary>
    public static RateNetwork Build(SimulationSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        double dtMs = spec.Clock.DtMs;
        var populations = spec.Populations
            .Select((p, i) => new RatePopulation(p, i, dtMs, RandomSource.ForName(spec.Seed, "noise:" + p.Name), RandomSource.ForName(spec.Seed, "update:" + p.Name)))
            .ToList();
        var byName = populations.ToDictionary(p => p.Name, StringComparer.Ordinal);
        var tags = TagImprecision.Apply(RateTag.Draw(spec.Tags, byName, spec.Seed), spec.Tags, spec.Seed);
        var tagByName = tags.ToDictionary(t => t.Name, StringComparer.Ordinal);

        (RatePopulation Population, int[] Neurons) Resolve(string name, bool isTag) =>
            isTag ? (tagByName[name].Population, tagByName[name].Members) : (byName[name], Enumerable.Range(0, byName[name].Size).ToArray());

        var spills = tags.Where(t => t.Spill.Length > 0).ToDictionary(t => t.Name, t => t.Spill, StringComparer.Ordinal);
        var inputs = spec.Inputs.Select(input => DriveFactory.Create(input, Resolve, spills, spec.Seed, dtMs)).ToList();

        var modulators = new ModulatorState(spec.Modulators, dtMs);
        var projections = new List<DenseProjection>();
        var rules = new List<IProjectionRule>();
        var normalizations = new List<SynapticNormalization?>();
        var prunings = new List<Pruning?>();
        var heterosynaptics = new List<HeterosynapticDepression?>();
        var scalings = new List<SynapticScaling?>();
        var storages = new List<OuterProductStorage>();
        foreach (var p in spec.Projections)
        {
            var (pre, preNeurons) = Resolve(p.From, p.FromIsTag);
            var (post, postNeurons) = Resolve(p.To, p.ToIsTag);
            var projection = new DenseProjection(p, pre, preNeurons, post, postNeurons);
            Connectivity.Build(projection, RandomSource.ForName(spec.Seed, "connect:" + p.Name), RandomSource.ForName(spec.Seed, "weight:" + p.Name));
            projections.Add(projection);
            if (p.Storage is { } storage)
            {
                var stored = new OuterProductStorage(projection, storage, (PatternsDrive)inputs.First(i => i.Name == storage.Patterns));
                if (storage.AtPhase is null)
                {
                    stored.Write();
                }
                else
                {
                    storages.Add(stored);
                }
            }

            rules.Add(CreateRule(projection, p.Plasticity, modulators, dtMs));
            normalizations.Add(p.Normalization is { Scope: CompetitionScope.Projection } n ? new SynapticNormalization(projection, n) : null);
            prunings.Add(p.Pruning is { } pr ? new Pruning(projection, pr, dtMs, RandomSource.ForName(spec.Seed, "regrow:" + p.Name), RandomSource.ForName(spec.Seed, "prune:" + p.Name)) : null);
            heterosynaptics.Add(p.Heterosynaptic is { Scope: CompetitionScope.Projection } h ? new HeterosynapticDepression(projection, h) : null);
            scalings.Add(p.Scaling is { } sc ? new SynapticScaling(projection, sc, dtMs) : null);
        }

        foreach (var population in populations)
        {
            population.SetRecurrent([.. projections.Where(p => ReferenceEquals(p.Pre, population) && ReferenceEquals(p.Post, population))]);
        }

        // Scope neuron: one pool per postsynaptic population, its members in spec order (the compiler checked that
        // they agree on their parameters, so the first member's spec stands for the pool).
        var neuronNormalizations = projections
            .Where(p => p.Spec.Normalization is { Scope: CompetitionScope.Neuron })
            .GroupBy(p => p.Post.Index)
            .Select(g => new NeuronNormalization([.. g], g.First().Spec.Normalization!))
            .ToArray();
        var neuronHeterosynaptics = projections
            .Where(p => p.Spec.Heterosynaptic is { Scope: CompetitionScope.Neuron })
            .GroupBy(p => p.Post.Index)
            .Select(g => new NeuronHeterosynaptic([.. g], g.First().Spec.Heterosynaptic!))
            .ToArray();

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
            Heterosynaptics = [.. heterosynaptics],
            Scalings = [.. scalings],
            Storages = [.. storages],
            NeuronNormalizations = neuronNormalizations,
            NeuronHeterosynaptics = neuronHeterosynaptics,
        };
    }

    /// <summary>The rule object of a projection's plasticity spec (a static rule without plasticity).</summary>
    private static IProjectionRule CreateRule(DenseProjection projection, PlasticitySpec? plasticity, ModulatorState modulators, double dtMs) =>
        plasticity?.Rule switch
        {
            null => new StaticRule(projection),
            PlasticityRule.Hebbian when plasticity.LatePhase is not null => new LatePhaseHebbianRule(projection, plasticity, modulators, dtMs),
            PlasticityRule.Hebbian when plasticity.Consolidation is not null => new ConsolidatingHebbianRule(projection, plasticity, modulators, dtMs),
            PlasticityRule.Hebbian when plasticity.EligibilityTauMs is not null => new EligibilityHebbianRule(projection, plasticity, modulators, dtMs),
            PlasticityRule.Hebbian => new HebbianRule(projection, plasticity, modulators, dtMs),
            PlasticityRule.Oja => new OjaRule(projection, plasticity, modulators, dtMs),
            PlasticityRule.Bcm => new BcmRule(projection, plasticity, modulators, dtMs),
            PlasticityRule.Covariance => new CovarianceRule(projection, plasticity, modulators, dtMs),
            _ => throw new ArgumentOutOfRangeException(nameof(plasticity), plasticity.Rule, "unknown plasticity rule"),
        };
}
