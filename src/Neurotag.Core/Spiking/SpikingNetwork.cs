using Neurotag.Core.Protocol;
using Neurotag.Core.Randomness;
using Neurotag.Core.Specs;
using Neurotag.Core.Spiking.Events;
using Neurotag.Core.Spiking.Plasticity;
using Neurotag.Core.Tags;

namespace Neurotag.Core.Spiking;

/// <summary>
/// The built spiking network: populations, tags, sparse projections with their rules, Poisson inputs and
/// modulators. Every random draw comes from a named stream of the master seed (as in the rate network), so
/// the same seed builds the same network.
/// </summary>
public sealed class SpikingNetwork
{
    private SpikingNetwork(IReadOnlyList<SpikingPopulation> populations, IReadOnlyList<SpikingTag> tags, IReadOnlyList<PoissonDrive> inputs,
        IReadOnlyList<NoiseCurrentDrive> noiseInputs, IReadOnlyList<SparseProjection> projections, IReadOnlyList<ISpikingRule> rules, ModulatorState modulators)
    {
        NoiseInputs = noiseInputs;
        Populations = populations;
        Tags = tags;
        Inputs = inputs;
        Projections = projections;
        Rules = rules;
        Modulators = modulators;
    }

    /// <summary>Populations in spec order.</summary>
    public IReadOnlyList<SpikingPopulation> Populations { get; }

    /// <summary>Tags in spec order.</summary>
    public IReadOnlyList<SpikingTag> Tags { get; }

    /// <summary>Poisson inputs in spec order.</summary>
    public IReadOnlyList<PoissonDrive> Inputs { get; }

    /// <summary>Current noise inputs in spec order.</summary>
    public IReadOnlyList<NoiseCurrentDrive> NoiseInputs { get; }

    /// <summary>Projections in spec order.</summary>
    public IReadOnlyList<SparseProjection> Projections { get; }

    /// <summary>Per projection, its rule.</summary>
    public IReadOnlyList<ISpikingRule> Rules { get; }

    /// <summary>Modulator levels.</summary>
    public ModulatorState Modulators { get; }

    /// <summary>Homeostatic thresholds of the populations that have them.</summary>
    public IReadOnlyList<AdaptiveThreshold> AdaptiveThresholds { get; private init; } = [];

    /// <summary>The named synapses (<c>projections.P.synapses</c>): name → projection and synapse index.</summary>
    public IReadOnlyDictionary<string, (SparseProjection Projection, int Synapse)> NamedSynapses { get; private init; } =
        new Dictionary<string, (SparseProjection, int)>();

    /// <summary>The closed loop: modulator pulses triggered by events.</summary>
    public ModulatorPulses Pulses { get; private init; } = null!;

    /// <summary>The closed loop: stimuli and sets triggered by events (top-level <c>triggers:</c>).</summary>
    public TriggeredActions Actions { get; private init; } = null!;

    /// <summary>Builds the network of <paramref name="spec"/>.</summary>
    public static SpikingNetwork Build(SimulationSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        double dtMs = spec.Clock.DtMs;
        var populations = spec.Populations.Select((p, i) => Create(p, i, dtMs, RandomSource.ForName(spec.Seed, "init:" + p.Name))).ToList();
        var byName = populations.ToDictionary(p => p.Name, StringComparer.Ordinal);
        var members = TagMembership.DrawMembers(spec.Tags, populations.ToDictionary(p => p.Name, p => p.Size, StringComparer.Ordinal), spec.Seed);
        var tags = spec.Tags.Select(t => new SpikingTag(t.Name, byName[t.Population], members[t.Name])).ToList();
        var tagByName = tags.ToDictionary(t => t.Name, StringComparer.Ordinal);

        (SpikingPopulation Population, int[] Neurons) Resolve(string name, bool isTag) =>
            isTag ? (tagByName[name].Population, tagByName[name].Members) : (byName[name], Enumerable.Range(0, byName[name].Size).ToArray());

        var inputs = new List<PoissonDrive>();
        foreach (var input in spec.PoissonInputs)
        {
            var (population, neurons) = Resolve(input.Target, input.TargetIsTag);
            int count = (int)Math.Round(input.Fraction * neurons.Length);
            var pick = new int[count];
            RandomSource.ForName(spec.Seed, "input:" + input.Name).SampleWithoutReplacement(neurons.Length, pick);
            inputs.Add(new PoissonDrive(input, population, [.. pick.Select(k => neurons[k])], dtMs, RandomSource.ForName(spec.Seed, "poisson:" + input.Name)));
        }

        // Stream names of their own ("noise-pick:", "noise:"), so adding a noise input shifts no other draw.
        var noiseInputs = new List<NoiseCurrentDrive>();
        foreach (var input in spec.NoiseCurrentInputs)
        {
            var (population, neurons) = Resolve(input.Target, input.TargetIsTag);
            int count = (int)Math.Round(input.Fraction * neurons.Length);
            var pick = new int[count];
            RandomSource.ForName(spec.Seed, "noise-pick:" + input.Name).SampleWithoutReplacement(neurons.Length, pick);
            noiseInputs.Add(new NoiseCurrentDrive(input, population, [.. pick.Select(k => neurons[k])], RandomSource.ForName(spec.Seed, "noise:" + input.Name)));
        }

        var modulators = new ModulatorState(spec.Modulators, dtMs);
        var projections = new List<SparseProjection>();
        var rules = new List<ISpikingRule>();
        var named = new Dictionary<string, (SparseProjection, int)>(StringComparer.Ordinal);
        foreach (var p in spec.Projections)
        {
            var (pre, preNeurons) = Resolve(p.From, p.FromIsTag);
            var (post, postNeurons) = Resolve(p.To, p.ToIsTag);
            var projection = SparseConnectivity.Build(p, pre, preNeurons, post, postNeurons,
                RandomSource.ForName(spec.Seed, "connect:" + p.Name), RandomSource.ForName(spec.Seed, "weight:" + p.Name),
                RandomSource.ForName(spec.Seed, "delay:" + p.Name));
            projections.Add(projection);
            // Before the rule is built: an initial weight of a named synapse is the weight the rule starts from.
            foreach (var (name, synapse) in SynapseAddressing.Resolve(projection, preNeurons, postNeurons, spec.Seed))
            {
                named[name] = (projection, synapse);
            }

            // The compiler rejects rate rules on spiking projections; STDP, triplet STDP and inhibitory STDP are the spiking rules.
            rules.Add(p.Plasticity switch
            {
                null => new StaticSpikingRule(projection),
                { Rule: PlasticityRule.Stdp } => new StdpRule(projection, modulators, dtMs),
                { Rule: PlasticityRule.StdpTriplet } => new TripletStdpRule(projection, dtMs),
                { Rule: PlasticityRule.Istdp } => new InhibitoryStdpRule(projection, dtMs),
                _ => throw new NotSupportedException($"projection '{p.Name}': rule {p.Plasticity.Rule} is not available for spiking projections"),
            });
        }

        // Homeostasis (LIF only; the compiler refuses it on other spiking models).
        var thresholds = populations.OfType<LifPopulation>().Where(p => p.Theta is not null)
            .Select(p => new AdaptiveThreshold(p, p.Theta!, p.Neuron.Homeostasis!, dtMs)).ToList();
        return new SpikingNetwork(populations, tags, inputs, noiseInputs, projections, rules, modulators)
        {
            AdaptiveThresholds = thresholds,
            NamedSynapses = named,
            Pulses = ModulatorPulses.Build(spec, modulators, Resolve, named),
            Actions = TriggeredActions.Build(spec, populations, inputs, noiseInputs, Resolve, named),
        };
    }

    private static SpikingPopulation Create(PopulationSpec spec, int index, double dtMs, RandomSource rng) => spec.Neuron switch
    {
        LifNeuronSpec => new LifPopulation(spec, index, dtMs, rng),
        IzhikevichNeuronSpec => new IzhikevichPopulation(spec, index, dtMs, rng),
        PoissonNeuronSpec => new PoissonPopulation(spec, index, dtMs, rng),
        AdExNeuronSpec => new AdExPopulation(spec, index, dtMs, rng),
        _ => throw new ArgumentOutOfRangeException(nameof(spec), spec.Neuron.GetType().Name, "not a spiking neuron model"),
    };
}
