using Neurotag.Scenarios.Compilation.Competition;
using Neurotag.Scenarios.Compilation.Inputs;
using Neurotag.Scenarios.Compilation.Neurons;
using Neurotag.Scenarios.Compilation.Projections;
using Neurotag.Scenarios.Compilation.Record;
using Neurotag.Scenarios.Compilation.Rules;

namespace Neurotag.Scenarios.Compilation;

/// <summary>
/// The one table of a scenario's keys: every mapping the compiler reads, the keys it allows there (in the order its
/// "allowed keys" hints list them), which are required, and the shape of each value. The compiler checks keys
/// against these sets (<see cref="SchemaReader.CheckKeys(Yaml.YamlMappingNode, string, KeySet)"/>), and
/// <see cref="ScenarioJsonSchema"/> writes schema/scenario.schema.json from the same sets, so the two cannot drift.
/// Value shapes only feed the JSON Schema (editor completion and typo flags); the compiler checks values itself,
/// with ranges, units and cross-references.
/// </summary>
internal static class ScenarioKeys
{
    private static readonly ValueShape Quantity = ValueShape.Quantity;
    private static readonly ValueShape Number = ValueShape.Number;
    private static readonly ValueShape Integer = ValueShape.Integer;
    private static readonly ValueShape Boolean = ValueShape.Boolean;
    private static readonly ValueShape Name = ValueShape.Name;
    private static readonly ValueShape Text = ValueShape.Text;

    private static readonly ValueShape NumberOrQuantity = KeyShapes.NumberOrQuantity;

    private static readonly ValueShape ValueOrDistribution = KeyShapes.ValueOrDistribution;

    public static readonly KeySet Distribution = KeyShapes.Distribution;

    private static KeyDefinition Key(string name, ValueShape value, string description) => KeyShapes.Key(name, value, description);

    private static KeyDefinition Must(string name, ValueShape value, string description) => KeyShapes.Must(name, value, description);

    // The neuron models own their keys (Neurons/*NeuronReader.cs); they are listed here too so that this table
    // still names every key set of a scenario. A new model needs no line here: Population reads NeuronModels.
    public static readonly KeySet Homeostasis = RateNeuronReader.Homeostasis;

    public static readonly KeySet RateNeuron = NeuronModels.Find("rate")!.Keys;

    public static readonly KeySet LifNeuron = NeuronModels.Find("lif")!.Keys;

    public static readonly KeySet IzhikevichNeuron = NeuronModels.Find("izhikevich")!.Keys;

    public static readonly KeySet PoissonNeuron = NeuronModels.Find("poisson")!.Keys;

    public static readonly KeySet Population = new("population", "A population of neurons.",
        Must("size", Integer, "number of neurons"),
        Must("neuron", ValueShape.ByValue("model", [.. NeuronModels.All.Select(m => (m.Model, m.Keys))]), "the neuron model and its parameters"),
        Key("kwta", Integer, "k-winners-take-all: only the k most driven neurons are active (rate only)"));

    public static readonly KeySet Tag = new("tag", "A tag: a named set of neurons of one population.",
        Must("population", Name, "host population"),
        Key("size", Integer, "member count (or give neurons)"),
        Key("neurons", ValueShape.ListOf(Integer), "explicit members [first, last], inclusive"),
        Key("shares", ValueShape.MapOf(Number), "fraction of members drawn from another tag, e.g. { pain: 0.25 }"),
        Key("imprecision", Number, "fraction of spill-over onto non-members, in [0, 1]"));

    public static readonly KeySet TagFamily = new("tag-family", "A tag family: count independent random tags NAME.0 … NAME.(count-1).",
        Must("population", Name, "host population"),
        Must("size", Integer, "members per family member"),
        Must("count", Integer, "number of family members"),
        Key("neurons", ValueShape.ListOf(Integer), "not allowed on a family"),
        Key("shares", ValueShape.MapOf(Number), "not allowed on a family"));

    // The input kinds own their keys (Inputs/*InputReader.cs), listed here too; Top reads InputKinds.
    public static readonly KeySet CurrentInput = InputKinds.Find("current")!.Keys;

    public static readonly KeySet PatternsInput = InputKinds.Find("patterns")!.Keys;

    public static readonly KeySet GaussianInput = InputKinds.Find("gaussian")!.Keys;

    public static readonly KeySet PoissonInput = InputKinds.Find("poisson")!.Keys;

    public static readonly KeySet NeuronSelector = new("neurons", "A population or tag, or one neuron of it by index.",
        Key("population", Name, "population"),
        Key("tag", Name, "tag"),
        Key("index", Integer, "one neuron: index within the population, or within the tag's members"));

    public static readonly KeySet Pairing = new("pairing", "post fires within window after pre: a named synapse or two neurons.",
        Key("synapse", Name, "a named synapse (projections.P.synapses)"),
        Key("pre", ValueShape.Object(NeuronSelector), "the pre neuron { population|tag, index }"),
        Key("post", ValueShape.Object(NeuronSelector), "the post neuron { population|tag, index }"),
        Must("window", Quantity, "Δ: post within Δ after pre (0 < t_post − t_pre < Δ)"));

    public static readonly KeySet RateEvent = new("rate-event", "A population or tag rate crossing a threshold upward.",
        Key("population", Name, "population"),
        Key("tag", Name, "tag"),
        Must("above", Quantity, "threshold, e.g. 20 Hz"),
        Must("window", Quantity, "sliding window, e.g. 100 ms"));

    public static readonly KeySet Event = new("event", "What triggers a closed-loop action: exactly one of spike, pairing, rate or a schedule.",
        Key("spike", ValueShape.Object(NeuronSelector), "each spike of a population, tag or neuron"),
        Key("pairing", ValueShape.Object(Pairing), "post fires within window after pre"),
        Key("rate", ValueShape.Object(RateEvent), "rate crossing a threshold"),
        Key("at", ValueShape.AnyOf(Quantity, ValueShape.ListOf(Quantity)), "schedule: time(s) from the start of the run"),
        Key("every", Quantity, "schedule: period"),
        Key("start", Quantity, "schedule: start of the period, default 0 s"));

    public static readonly KeySet Pulse = new("pulse", "An event-driven increment of a modulator.",
        Must("on", ValueShape.Object(Event), "the triggering event"),
        Must("amount", Number, "increment of the level"),
        Key("delay", ValueShape.AnyOf(Quantity, ValueShape.Object(Distribution)), "≥ dt: a duration or { uniform | normal: [..] } of durations; default: end of the triggering step"));

    public static readonly KeySet TriggerAction = new("trigger-action", "What a trigger does: switch an input on for a while, or set parameters.",
        Key("stimulate", Name, "a spiking input (poisson or noise_current) switched on, on top of the phase's inputs"),
        Key("for", Quantity, "with stimulate: how long the input stays on"),
        Key("set", ValueShape.MapOf(NumberOrQuantity), "POP.PARAMETER: value, as a phase's set:, until the next set"));

    public static readonly KeySet Trigger = new("trigger", "A closed-loop action: an event, a delay, then a stimulus or a set (spiking).",
        Must("on", ValueShape.Object(Event), "the triggering event"),
        Key("delay", ValueShape.AnyOf(Quantity, ValueShape.Object(Distribution)), "≥ dt: a duration or { uniform | normal: [..] } of durations; default: end of the triggering step"),
        Must("then", ValueShape.Object(TriggerAction), "{ stimulate: INPUT, for: T } or { set: { POP.param: v } }"));

    public static readonly KeySet Modulator = new("modulator", "A neuromodulator (threat, dopamine …).",
        Key("baseline", Number, "resting level, default 0"),
        Key("tau", Quantity, "relaxation time to baseline"),
        Key("unit", Text, "unit symbol of the level in the CSV files, default 1"),
        Key("pulses", ValueShape.ListOf(ValueShape.Object(Pulse)), "event-driven increments (spiking)"));

    public static readonly KeySet NamedSynapse = new("named-synapse", "One synapse of a projection, by its neurons or drawn from the seed.",
        Key("pre", Integer, "index within from"),
        Key("post", Integer, "index within to"),
        Key("pick", ValueShape.Choice(SynapseAddressReader.Picks.Keys), "random: one existing synapse drawn from the seed"),
        Key("weight", NumberOrQuantity, "initial weight"));

    public static readonly KeySet Connectivity = new("connectivity", "How pre and post neurons are connected.",
        Must("rule", ValueShape.Choice(ProjectionsReader.Rules.Keys), "connectivity rule"),
        Key("p", Number, "connection probability (fixed_probability)"),
        Key("k", Integer, "sources per post neuron (fixed_indegree)"),
        Key("self", Boolean, "allow i→i within one population, default false"));

    public static readonly KeySet Weight = new("weight", "Initial weights and their bounds.",
        Key("init", ValueOrDistribution, "a value, { uniform: [lo, hi] } or { normal: [mean, std] }; required unless 'file:' gives the weights"),
        Key("min", NumberOrQuantity, "lower bound, default 0"),
        Key("max", NumberOrQuantity, "upper bound, default 1 (rate)"),
        Key("signed", Boolean, "rate only: weights in [−max, max], default false"),
        Key("file", Text, "rate only: initial weights from a .csv or .npy matrix (rows: post, columns: pre), relative to the scenario"));

    public static readonly KeySet Decay = new("decay", "Passive weight decay toward the mean initial weight.",
        Must("tau", Quantity, "decay time constant, e.g. 30 day"));

    public static readonly KeySet Eligibility = new("eligibility", "A per-synapse eligibility trace (three-factor learning).",
        Must("tau", Quantity, "trace time constant, e.g. 1 s"));

    // The plasticity rules own their blocks' keys (Rules/*RuleReader.cs), listed here too; Plasticity reads PlasticityRules.
    public static readonly KeySet Bcm = PlasticityRules.Find("bcm")!.Block!;

    public static readonly KeySet Covariance = PlasticityRules.Find("covariance")!.Block!;

    public static readonly KeySet Stdp = PlasticityRules.Find("stdp")!.Block!;

    public static readonly KeySet Consolidation = new("consolidation", "Synaptic tagging and capture.",
        Must("tau_early", Quantity, "decay of early-phase weight"),
        Must("tau_resource", Quantity, "decay of the plasticity-related resource"),
        Must("tau_capture", Quantity, "capture time constant"),
        Key("threshold", Number, "early-phase level that triggers capture"),
        Key("triggered_by", Name, "modulator that triggers capture"),
        Key("trigger_level", Number, "modulator level that triggers capture"),
        Key("early_max", Number, "cap on the early-phase weight"));

    public static readonly KeySet LatePhase = new("late_phase", "Early and late phase with tag and protein thresholds (Clopath et al. 2008; Luboeinski & Tetzlaff 2021); every key defaults to the published value.",
        Key("rest", Number, "h0, rest of the early weight; default the mean initial weight"),
        Key("tau_early", Quantity, "tau_h: tau_h dh/dt = 0.1 (h0 - h) + drive; default 688.4 s"),
        Key("tau_protein", Quantity, "tau_p of the per-neuron protein amount; default 60 min"),
        Key("tau_late", Quantity, "tau_z of the late weight; default 60 min"),
        Key("tag_threshold", Number, "theta_tag in units of h0; default 0.2"),
        Key("protein_threshold", Number, "theta_pro (summed |h - h0| onto a neuron) in units of h0; default 0.5"),
        Key("protein_synthesis", Number, "alpha, protein amount while synthesis is on; default 1"));

    public static readonly KeySet Plasticity = new("plasticity", "A learning rule on a projection.",
    [
        Must("rule", ValueShape.Choice(PlasticityRules.All.Select(r => r.Name)), "learning rule"),
        Key("rate", Number, "learning rate η, per second"),
        Key("decay", ValueShape.Object(Decay), "passive decay"),
        Key("modulated_by", Name, "modulator gating learning"),
        Key("modulation_gain", Number, "learning-rate factor 1 + g·m, default 1"),
        Key("eligibility", ValueShape.Object(Eligibility), $"eligibility trace ({string.Join(", ", PlasticityRules.WithEligibility)})"),
        .. PlasticityRules.WithBlocks.Select(r => Key(r.Name, ValueShape.Object(r.Block!), r.BlockDescription)),
        Key("consolidation", ValueShape.Object(Consolidation), "synaptic tagging and capture"),
        Key("late_phase", ValueShape.Object(LatePhase), "published early/late phase with tag and protein thresholds"),
    ]);

    // The competition mechanisms own their keys (Competition/*Reader.cs), listed here too; Competition reads CompetitionMechanisms.
    public static readonly KeySet Normalize = CompetitionMechanisms.Normalize.Keys;

    public static readonly KeySet Heterosynaptic = CompetitionMechanisms.Heterosynaptic.Keys;

    public static readonly KeySet Competition = new("competition", "Competition for shared neurons.",
        [.. CompetitionMechanisms.InBlock.Select(m => Key(m.Key, ValueShape.Object(m.Keys), m.Description))]);

    public static readonly KeySet Regrow = PruningReader.Regrow;

    public static readonly KeySet Pruning = CompetitionMechanisms.Pruning.Keys;

    public static readonly KeySet Projection = new("projection", "Synapses from one population or tag to another.",
        Must("from", Text, "pre population or tag"),
        Must("to", Text, "post population or tag"),
        Key("connectivity", ValueShape.Object(Connectivity), "connectivity, default all_to_all"),
        Must("weight", ValueShape.AnyOf(Number, Quantity, ValueShape.Object(Weight)), "a constant, or { init, min, max }"),
        Key("sign", ValueShape.Choice(ProjectionsReader.Signs.Keys), "excitatory (default) or inhibitory"),
        Key("delay", ValueShape.AnyOf(Quantity, ValueShape.Object(Distribution)), "spiking only: a delay or a per-synapse distribution"),
        Key("plasticity", ValueShape.Object(Plasticity), "learning rule"),
        Key("competition", ValueShape.Object(Competition), "competition for shared neurons"),
        Key("pruning", ValueShape.Object(Pruning), "pruning of weak synapses"),
        Key("synapses", ValueShape.MapOf(ValueShape.Object(NamedSynapse)), "spiking only: named synapses to record, trigger on or start at a weight"),
        Key("storage", ValueShape.Object(StorageReader.Keys), "rate only: weights written from a pattern set (hebbian_outer_product)"));

    public static readonly KeySet Sensitize = new("sensitize", "Shift a population's threshold or gain from this phase on.",
        Must("population", Name, "population"),
        Key("threshold", Number, "threshold shift"),
        Key("gain", Number, "gain factor, > 0"));

    public static readonly KeySet Disinhibit = new("disinhibit", "Scale an inhibitory projection from this phase on.",
        Must("projection", Name, "projection"),
        Must("factor", Number, "weight factor, ≥ 0"));

    public static readonly KeySet Phase = new("phase", "A phase of the protocol.",
        Must("phase", Name, "phase name"),
        Must("duration", Quantity, "length, a whole number of steps"),
        Key("inputs", ValueShape.ListOf(Name), "inputs on in this phase"),
        Key("modulators", ValueShape.MapOf(Number), "modulator levels set at phase start"),
        Key("plasticity", Boolean, "off freezes learning, default true"),
        Key("set", ValueShape.MapOf(NumberOrQuantity), "POP.PARAMETER from this phase on: a number (rate threshold, gain) or a quantity (spiking v_thresh, rate, bias)"),
        Key("offline", Boolean, "no activity simulated; decay in closed form"),
        Key("sensitize", ValueShape.AnyOf(ValueShape.Object(Sensitize), ValueShape.ListOf(ValueShape.Object(Sensitize))), "threshold / gain shifts"),
        Key("disinhibit", ValueShape.AnyOf(ValueShape.Object(Disinhibit), ValueShape.ListOf(ValueShape.Object(Disinhibit))), "inhibitory projection scaling"));

    public static readonly KeySet Repeat = new("repeat", "A repeated block of phases.",
        Must("repeat", Integer, "repetitions"),
        Key("name", Name, "block name, default repeat"),
        Key("gap", Quantity, "offline phase between repetitions"),
        Must("phases", ValueShape.ListOf(ValueShape.Object(Phase)), "the body"));

    public static readonly KeySet RecordWeights = new("record-weights", "Weight statistics of one or more projections.",
        Must("projection", ValueShape.AnyOf(Name, ValueShape.ListOf(Name)), "a projection, or a list of projections"),
        Key("every", Quantity, "interval, default 1 s"),
        Key("stats", Boolean, "must be true"),
        Key("histogram", Integer, "histogram bins"));

    public static readonly KeySet RecordSpikes = new("record-spikes", "Spike times of a spiking population.",
        Must("population", Name, "population"),
        Key("neurons", Integer, "how many neurons (the first N), default all"));

    public static readonly KeySet RecordState = new("record-state", "A state variable of some neurons.",
        Must("population", Name, "population"),
        Must("variable", ValueShape.Choice(SpikingRecordReader.StateVariables), "state variable"),
        Key("neurons", ValueShape.ListOf(Integer), "[first, last], default [0, 9]"),
        Key("every", Quantity, "interval, default every step"));

    public static readonly KeySet Record = new("record", "What to write.",
        Key("every", Quantity, "sampling interval, default 10 ms"),
        Key("tags", ValueShape.ListOf(ValueShape.Choice(RecordReader.Metrics.Keys)), "tag metrics"),
        Key("populations", ValueShape.ListOf(ValueShape.Choice(RecordReader.PopulationMetrics.Keys)), "population metrics"),
        Key("weights", ValueShape.Object(RecordWeights), "weight statistics"),
        Key("spikes", ValueShape.Object(RecordSpikes), "spike times (spiking)"),
        Key("state", ValueShape.Object(RecordState), "state variables (spiking)"),
        Key("active_above", NumberOrQuantity, "rate above which a neuron counts as active: a number (rate), a frequency (spiking)"),
        Key("window", Quantity, "sliding rate window (spiking)"),
        Key("modulators", ValueShape.ListOf(Name), "modulator levels (spiking)"),
        Key("synapses", ValueShape.ListOf(Name), "weights of named synapses (spiking)"),
        Key("size_above", Number, "weight above which a synapse is strong, for the tag metric size (rate)"),
        Key("save_weights", Boolean, "rate only: write every projection's final weights to weights/PROJECTION.csv"));

    public static readonly KeySet Bound = new("bound", "A bound relative to another phase's measurement.",
        Key("phase", Name, "phase measured"),
        Key("metric", Text, "metric measured, default the expectation's"),
        Key("rep", Integer, "repetition index"),
        Key("after", Name, "the phase after this phase or repeat block"),
        Key("by", Number, "margin, default 0"));

    private static readonly ValueShape BoundShape = ValueShape.AnyOf(Number, ValueShape.Object(Bound));

    public static readonly KeySet Versus = new("versus", "The other condition of an effect: another phase, tag or metric, or another scenario's.",
        Key("phase", Name, "phase measured, default the expectation's"),
        Key("metric", Text, "metric measured, default the expectation's"),
        Key("rep", Integer, "repetition index"),
        Key("after", Name, "the phase after this phase or repeat block"),
        Key("scenario", Text, "another scenario file (relative to this one) whose seeds give the other condition"));

    public static readonly KeySet Effect = new("effect", "An effect between two conditions, tested across seeds.",
        Must("versus", ValueShape.Object(Versus), "the other condition"),
        Key("as", ValueShape.Choice(["difference", "ratio"]), "difference (default) or ratio of the means"),
        Key("test", ValueShape.Choice(["welch", "mann_whitney"]), "Welch's t (default) or Mann-Whitney U"),
        Key("sided", ValueShape.Choice(["greater", "less", "two_sided"]), "the alternative, default greater"),
        Key("alpha", Number, "significance level, default 0.05"),
        Key("margin", Number, "least difference (default 0) or least ratio (default 1)"),
        Key("min_d", Number, "least Cohen's d"));

    public static readonly KeySet Expectation = new("expectation", "A regression assertion checked by neurotag-cli check.",
        Must("phase", Name, "phase whose mean is measured"),
        Must("metric", Text, "e.g. tag.pain.activation"),
        Key("rep", Integer, "repetition index"),
        Key("after", Name, "the phase after this phase or repeat block"),
        Key("above", BoundShape, "a number or { phase, by }"),
        Key("below", BoundShape, "a number or { phase, by }"),
        Key("between", ValueShape.ListOf(Number), "[low, high]"),
        Key("over_seeds", Integer, "judge the distribution over this many seeds (at least 2): the mean's 95 % CI inside the bound"),
        Key("fraction", Number, "with over_seeds: the least fraction of seeds that meet the bound"),
        Key("effect", ValueShape.Object(Effect), "with over_seeds: an effect against another condition"));

    public static readonly KeySet Sweep = new("sweep", "A parameter × seed sweep for neurotag-cli sweep.",
        Key("seeds", Integer, "replicates per point"),
        Key("grid", ValueShape.MapOf(ValueShape.ListOf(ValueShape.AnyOf(Number, Text, Boolean))), "PATH: [values] (Cartesian product)"),
        Key("zip", ValueShape.MapOf(ValueShape.ListOf(ValueShape.AnyOf(Number, Text, Boolean))), "PATH: [values] (varied together)"));

    public static readonly KeySet Top = new("scenario", "A neurotag-cli scenario (format v1, docs/scenario-reference.md).",
        Must("name", Name, "scenario name"),
        Key("description", Text, "shown by describe"),
        Key("seed", Integer, "master seed, default 1"),
        Key("dt", Quantity, "integration step, default 0.1 ms"),
        Must("populations", ValueShape.MapOf(ValueShape.Object(Population)), "populations by name"),
        Key("tags", ValueShape.MapOf(ValueShape.ByPresence("count", TagFamily, Tag)), "tags by name"),
        Key("inputs", ValueShape.MapOf(ValueShape.ByValue("kind", [.. InputKinds.All.Select(k => (k.Kind, k.Keys))])), "inputs by name"),
        Key("modulators", ValueShape.MapOf(ValueShape.Object(Modulator)), "modulators by name"),
        Key("projections", ValueShape.MapOf(ValueShape.Object(Projection)), "projections by name"),
        Must("protocol", ValueShape.ListOf(ValueShape.ByPresence("repeat", Repeat, Phase)), "phases and repeat blocks, in order"),
        Key("triggers", ValueShape.ListOf(ValueShape.Object(Trigger)), "closed-loop actions: stimuli and sets triggered by events (spiking)"),
        Key("record", ValueShape.Object(Record), "what to write"),
        Key("expect", ValueShape.ListOf(ValueShape.Object(Expectation)), "assertions for check"),
        Key("sweep", ValueShape.Object(Sweep), "a sweep for neurotag-cli sweep"));
}

/// <summary>One allowed key of a mapping.</summary>
/// <param name="Name">The key as written in YAML.</param>
/// <param name="Value">The shape of its value (for the JSON Schema).</param>
/// <param name="Description">One line for editors' hover text.</param>
/// <param name="Required">Whether every such mapping must have it (keys required only in some cases are not).</param>
internal sealed record KeyDefinition(string Name, ValueShape Value, string Description, bool Required);

/// <summary>The keys allowed in one kind of mapping.</summary>
internal sealed class KeySet
{
    public KeySet(string id, string description, params KeyDefinition[] keys)
    {
        Id = id;
        Description = description;
        Keys = keys;
        Names = [.. keys.Select(k => k.Name)];
    }

    /// <summary>The name of its definition in the JSON Schema (<c>#/$defs/ID</c>).</summary>
    public string Id { get; }

    public string Description { get; }

    public IReadOnlyList<KeyDefinition> Keys { get; }

    /// <summary>The allowed key names, in table order.</summary>
    public string[] Names { get; }
}

/// <summary>The shape of a value, as the JSON Schema describes it.</summary>
internal abstract record ValueShape
{
    public static readonly ValueShape Number = new ScalarShape("number", null);
    public static readonly ValueShape Integer = new ScalarShape("integer", null);
    public static readonly ValueShape Text = new ScalarShape("string", null);

    /// <summary>An identifier: a lowercase letter followed by lowercase letters, digits, '_' or '-'.</summary>
    public static readonly ValueShape Name = new ScalarShape("string", "^[a-z][a-z0-9_-]*$");

    /// <summary>A number with a unit, e.g. "20 ms" (a bare number is an error for quantities).</summary>
    public static readonly ValueShape Quantity = new ScalarShape("string", @"^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*\S+\s*$");

    /// <summary>true/false, or on/off/yes/no (YAML 1.1 words, read as text by YAML 1.2 tools).</summary>
    public static readonly ValueShape Boolean = new BooleanShape();

    public static ValueShape Choice(params IEnumerable<string> values) => new ChoiceShape([.. values]);

    public static ValueShape Object(KeySet keys) => new ObjectShape(keys);

    public static ValueShape ListOf(ValueShape item) => new ListShape(item);

    /// <summary>A mapping from names (or paths) the user chooses to values of one shape.</summary>
    public static ValueShape MapOf(ValueShape value) => new MapShape(value);

    public static ValueShape AnyOf(params ValueShape[] options) => new AnyOfShape(options);

    /// <summary>A mapping whose allowed keys depend on the value of <paramref name="key"/> (neuron model, input kind).</summary>
    public static ValueShape ByValue(string key, params (string Value, KeySet Keys)[] cases) => new ByValueShape(key, cases);

    /// <summary>A mapping whose allowed keys depend on whether <paramref name="key"/> is present (tag family, repeat block).</summary>
    public static ValueShape ByPresence(string key, KeySet present, KeySet absent) => new ByPresenceShape(key, present, absent);
}

internal sealed record ScalarShape(string JsonType, string? Pattern) : ValueShape;

internal sealed record BooleanShape : ValueShape;

internal sealed record ChoiceShape(IReadOnlyList<string> Values) : ValueShape;

internal sealed record ObjectShape(KeySet Keys) : ValueShape;

internal sealed record ListShape(ValueShape Item) : ValueShape;

internal sealed record MapShape(ValueShape Value) : ValueShape;

internal sealed record AnyOfShape(IReadOnlyList<ValueShape> Options) : ValueShape;

internal sealed record ByValueShape(string Key, IReadOnlyList<(string Value, KeySet Keys)> Cases) : ValueShape;

internal sealed record ByPresenceShape(string Key, KeySet Present, KeySet Absent) : ValueShape;
