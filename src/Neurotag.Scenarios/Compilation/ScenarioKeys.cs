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

    /// <summary>A plain number, or a quantity in a synaptic unit (spiking weights: nS, mV, pA; Izhikevich takes numbers).</summary>
    private static readonly ValueShape NumberOrQuantity = ValueShape.AnyOf(Number, Quantity);

    private static KeyDefinition Key(string name, ValueShape value, string description) => new(name, value, description, Required: false);

    private static KeyDefinition Must(string name, ValueShape value, string description) => new(name, value, description, Required: true);

    public static readonly KeySet Distribution = new("distribution", "A random distribution: exactly one of uniform or normal.",
        Key("uniform", ValueShape.ListOf(NumberOrQuantity), "[low, high]"),
        Key("normal", ValueShape.ListOf(NumberOrQuantity), "[mean, std]"));

    /// <summary>A constant value (number or quantity) or a distribution.</summary>
    private static readonly ValueShape ValueOrDistribution = ValueShape.AnyOf(Number, Quantity, ValueShape.Object(Distribution));

    public static readonly KeySet Homeostasis = new("homeostasis", "Threshold homeostasis of a rate population.",
        Must("target", Number, "target mean rate"),
        Must("tau", Quantity, "time constant, e.g. 1 h"));

    public static readonly KeySet RateNeuron = new("neuron-rate", "A rate neuron (model: rate).",
        Must("model", ValueShape.Choice("rate"), "neuron model"),
        Key("tau", Quantity, "rate time constant, default 10 ms"),
        Key("activation", ValueShape.Choice(ScenarioCompiler.Activations.Keys), "transfer function, default sigmoid"),
        Key("gain", Number, "slope, > 0, default 1.0"),
        Key("threshold", Number, "threshold θ, default 0.0"),
        Key("noise", Number, "stationary std of OU noise on the rate, default 0"),
        Key("homeostasis", ValueShape.Object(Homeostasis), "threshold homeostasis"));

    public static readonly KeySet LifNeuron = new("neuron-lif", "A leaky integrate-and-fire neuron (model: lif).",
        Must("model", ValueShape.Choice("lif"), "neuron model"),
        Key("synapse", ValueShape.Choice(ScenarioCompiler.SynapseKinds.Keys), "conductance (COBA, default) or current (CUBA)"),
        Key("tau_m", Quantity, "membrane time constant, default 20 ms"),
        Key("v_rest", Quantity, "resting potential, default -60 mV"),
        Key("v_thresh", Quantity, "threshold, default -50 mV"),
        Key("v_reset", Quantity, "reset potential, default v_rest"),
        Key("t_ref", Quantity, "refractory period, default 0 ms"),
        Key("tau_e", Quantity, "excitatory synaptic time constant, default 5 ms"),
        Key("tau_i", Quantity, "inhibitory synaptic time constant, default 10 ms"),
        Key("e_exc", Quantity, "excitatory reversal potential, default 0 mV"),
        Key("e_inh", Quantity, "inhibitory reversal potential, default -80 mV"),
        Key("g_leak", Quantity, "leak conductance, default 10 nS"),
        Key("bias", Quantity, "constant drive in mV, default 0 mV"),
        Key("v_init", ValueOrDistribution, "initial membrane potential"),
        Key("ge_init", ValueOrDistribution, "initial excitatory conductance (or current)"),
        Key("gi_init", ValueOrDistribution, "initial inhibitory conductance (or current)"));

    public static readonly KeySet IzhikevichNeuron = new("neuron-izhikevich", "An Izhikevich neuron (model: izhikevich).",
        Must("model", ValueShape.Choice("izhikevich"), "neuron model"),
        Key("a", Number, "recovery time scale, default 0.02"),
        Key("b", Number, "recovery sensitivity, default 0.2"),
        Key("c", Quantity, "reset potential, default -65 mV"),
        Key("d", Number, "recovery jump after a spike, default 8"),
        Key("v_peak", Quantity, "spike cutoff, default 30 mV"),
        Key("bias", Number, "constant input current (model units), default 0"),
        Key("tau_e", Quantity, "excitatory synaptic time constant, default 5 ms"),
        Key("tau_i", Quantity, "inhibitory synaptic time constant, default 10 ms"),
        Key("v_init", ValueOrDistribution, "initial membrane potential, default c"),
        Key("u_init", ValueOrDistribution, "initial recovery variable, default b·v"));

    public static readonly KeySet PoissonNeuron = new("neuron-poisson", "A Poisson spike source (model: poisson).",
        Must("model", ValueShape.Choice("poisson"), "neuron model"),
        Must("rate", Quantity, "firing rate, e.g. 15 Hz"),
        Key("correlation", Number, "pairwise count correlation in [0, 1], default 0"));

    public static readonly KeySet Population = new("population", "A population of neurons.",
        Must("size", Integer, "number of neurons"),
        Must("neuron", ValueShape.ByValue("model", ("rate", RateNeuron), ("lif", LifNeuron), ("izhikevich", IzhikevichNeuron), ("poisson", PoissonNeuron)), "the neuron model and its parameters"),
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

    public static readonly KeySet CurrentInput = new("input-current", "A constant drive (kind: current).",
        Must("target", Text, "tag, family member or population"),
        Must("kind", ValueShape.Choice("current"), "input kind"),
        Must("amplitude", Number, "added input"),
        Key("fraction", Number, "fraction of the target driven, in (0, 1], default 1"));

    public static readonly KeySet PatternsInput = new("input-patterns", "A set of patterns shown one at a time (kind: patterns).",
        Must("target", Text, "tag, family member or population"),
        Must("kind", ValueShape.Choice("patterns"), "input kind"),
        Must("patterns", ValueShape.AnyOf(Integer, Text, ValueShape.ListOf(Text)), "a number of random patterns, a tag or family name, or a list of tags"),
        Key("sparsity", Number, "fraction of the target in each random pattern"),
        Must("amplitude", Number, "added input"),
        Key("fraction", Number, "fraction of each pattern driven, in (0, 1], default 1"),
        Must("hold", Quantity, "length of each presentation"),
        Key("order", ValueShape.Choice(ScenarioCompiler.PatternOrders.Keys), "cycle (default) or random"),
        Key("gap", Quantity, "blank interval after each presentation, default 0"));

    public static readonly KeySet GaussianInput = new("input-gaussian", "Correlated Ornstein-Uhlenbeck noise (kind: gaussian).",
        Must("target", Text, "tag, family member or population"),
        Must("kind", ValueShape.Choice("gaussian"), "input kind"),
        Key("mean", Number, "mean added input, default 0"),
        Must("std", Number, "stationary standard deviation of each channel"),
        Key("correlation", Number, "correlation between channels, in [0, 1], default 0"),
        Must("tau", Quantity, "correlation time"),
        Key("fraction", Number, "fraction of the target driven, in (0, 1], default 1"));

    public static readonly KeySet PoissonInput = new("input-poisson", "Poisson spike trains onto a spiking population (kind: poisson).",
        Must("target", Text, "tag or population"),
        Must("kind", ValueShape.Choice("poisson"), "input kind"),
        Must("rate", Quantity, "rate of each train, e.g. 15 Hz"),
        Must("weight", NumberOrQuantity, "synaptic weight in the target's unit"),
        Key("fraction", Number, "fraction of the target driven, in (0, 1], default 1"),
        Key("sign", ValueShape.Choice(ScenarioCompiler.Signs.Keys), "excitatory (default) or inhibitory"),
        Key("correlation", Number, "pairwise count correlation in [0, 1], default 0"));

    public static readonly KeySet Modulator = new("modulator", "A neuromodulator (threat, dopamine …).",
        Key("baseline", Number, "resting level, default 0"),
        Key("tau", Quantity, "relaxation time to baseline"));

    public static readonly KeySet Connectivity = new("connectivity", "How pre and post neurons are connected.",
        Must("rule", ValueShape.Choice(ScenarioCompiler.Rules.Keys), "connectivity rule"),
        Key("p", Number, "connection probability (fixed_probability)"),
        Key("k", Integer, "sources per post neuron (fixed_indegree)"),
        Key("self", Boolean, "allow i→i within one population, default false"));

    public static readonly KeySet Weight = new("weight", "Initial weights and their bounds.",
        Must("init", ValueOrDistribution, "a value, { uniform: [lo, hi] } or { normal: [mean, std] }"),
        Key("min", NumberOrQuantity, "lower bound, default 0"),
        Key("max", NumberOrQuantity, "upper bound, default 1 (rate)"));

    public static readonly KeySet Decay = new("decay", "Passive weight decay toward the mean initial weight.",
        Must("tau", Quantity, "decay time constant, e.g. 30 day"));

    public static readonly KeySet Eligibility = new("eligibility", "A per-synapse eligibility trace (three-factor learning).",
        Must("tau", Quantity, "trace time constant, e.g. 1 s"));

    public static readonly KeySet Bcm = new("bcm", "BCM sliding threshold (rule: bcm).",
        Key("tau_theta", Quantity, "time constant of θ, default 1 s"),
        Key("theta_init", Number, "initial θ, default y² of the first learning step"));

    public static readonly KeySet Covariance = new("covariance", "Running means of the covariance rule (rule: covariance).",
        Key("tau_mean", Quantity, "time constant of the running means, default 1 s"));

    public static readonly KeySet Stdp = new("stdp", "Spike-timing-dependent plasticity (rule: stdp).",
        Key("tau_plus", Quantity, "LTP window, default 20 ms"),
        Key("tau_minus", Quantity, "LTD window, default 20 ms"),
        Must("a_plus", Number, "LTP amplitude in units of weight.max"),
        Must("a_minus", Number, "LTD amplitude in units of weight.max"),
        Key("mode", ValueShape.Choice(ScenarioCompiler.StdpModes.Keys), "additive (default) or multiplicative"),
        Key("pairing", ValueShape.Choice(ScenarioCompiler.StdpPairings.Keys), "all (default) or nearest"));

    public static readonly KeySet Consolidation = new("consolidation", "Synaptic tagging and capture.",
        Must("tau_early", Quantity, "decay of early-phase weight"),
        Must("tau_resource", Quantity, "decay of the plasticity-related resource"),
        Must("tau_capture", Quantity, "capture time constant"),
        Key("threshold", Number, "early-phase level that triggers capture"),
        Key("triggered_by", Name, "modulator that triggers capture"),
        Key("trigger_level", Number, "modulator level that triggers capture"),
        Key("early_max", Number, "cap on the early-phase weight"));

    public static readonly KeySet Plasticity = new("plasticity", "A learning rule on a projection.",
        Must("rule", ValueShape.Choice([.. ScenarioCompiler.PlasticityRules.Keys, "stdp"]), "learning rule"),
        Key("rate", Number, "learning rate η, per second"),
        Key("decay", ValueShape.Object(Decay), "passive decay"),
        Key("modulated_by", Name, "modulator gating learning"),
        Key("modulation_gain", Number, "learning-rate factor 1 + g·m, default 1"),
        Key("eligibility", ValueShape.Object(Eligibility), "eligibility trace (hebbian, stdp)"),
        Key("stdp", ValueShape.Object(Stdp), "STDP parameters (rule: stdp)"),
        Key("bcm", ValueShape.Object(Bcm), "BCM parameters (rule: bcm)"),
        Key("covariance", ValueShape.Object(Covariance), "covariance parameters (rule: covariance)"),
        Key("consolidation", ValueShape.Object(Consolidation), "synaptic tagging and capture"));

    public static readonly KeySet Normalize = new("normalize", "Synaptic normalization.",
        Key("per", ValueShape.Choice(ScenarioCompiler.NormalizeSides.Keys), "post (default), pre or both"),
        Must("total", NumberOrQuantity, "target sum"),
        Key("every", Quantity, "interval, default 10 ms"),
        Key("iterations", Integer, "most Sinkhorn rounds (per: both), default 20"));

    public static readonly KeySet Heterosynaptic = new("heterosynaptic", "Heterosynaptic depression.",
        Must("rate", Number, "h in [0, 100]"));

    public static readonly KeySet Competition = new("competition", "Competition for shared neurons.",
        Key("normalize", ValueShape.Object(Normalize), "synaptic normalization"),
        Key("heterosynaptic", ValueShape.Object(Heterosynaptic), "heterosynaptic depression"));

    public static readonly KeySet Regrow = new("regrow", "Regrowth of pruned synapses.",
        Key("tau", Quantity, "refill time constant, default pruning.for"),
        Key("weight", Number, "weight of a regrown synapse"));

    public static readonly KeySet Pruning = new("pruning", "Removal of weak synapses.",
        Must("below", NumberOrQuantity, "weight threshold"),
        Must("for", Quantity, "time below threshold before removal"),
        Key("regrow", ValueShape.AnyOf(Boolean, ValueShape.Object(Regrow)), "true, false or { tau, weight }"),
        Key("every", Quantity, "online check interval, default 100 ms"));

    public static readonly KeySet Projection = new("projection", "Synapses from one population or tag to another.",
        Must("from", Text, "pre population or tag"),
        Must("to", Text, "post population or tag"),
        Key("connectivity", ValueShape.Object(Connectivity), "connectivity, default all_to_all"),
        Must("weight", ValueShape.AnyOf(Number, Quantity, ValueShape.Object(Weight)), "a constant, or { init, min, max }"),
        Key("sign", ValueShape.Choice(ScenarioCompiler.Signs.Keys), "excitatory (default) or inhibitory"),
        Key("delay", ValueShape.AnyOf(Quantity, ValueShape.Object(Distribution)), "spiking only: a delay or a per-synapse distribution"),
        Key("plasticity", ValueShape.Object(Plasticity), "learning rule"),
        Key("competition", ValueShape.Object(Competition), "competition for shared neurons"),
        Key("pruning", ValueShape.Object(Pruning), "pruning of weak synapses"));

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
        Key("set", ValueShape.MapOf(Number), "POP.threshold / POP.gain from this phase on"),
        Key("offline", Boolean, "no activity simulated; decay in closed form"),
        Key("sensitize", ValueShape.AnyOf(ValueShape.Object(Sensitize), ValueShape.ListOf(ValueShape.Object(Sensitize))), "threshold / gain shifts"),
        Key("disinhibit", ValueShape.AnyOf(ValueShape.Object(Disinhibit), ValueShape.ListOf(ValueShape.Object(Disinhibit))), "inhibitory projection scaling"));

    public static readonly KeySet Repeat = new("repeat", "A repeated block of phases.",
        Must("repeat", Integer, "repetitions"),
        Key("name", Name, "block name, default repeat"),
        Key("gap", Quantity, "offline phase between repetitions"),
        Must("phases", ValueShape.ListOf(ValueShape.Object(Phase)), "the body"));

    public static readonly KeySet RecordWeights = new("record-weights", "Weight statistics of one projection.",
        Must("projection", Name, "projection"),
        Key("every", Quantity, "interval, default 1 s"),
        Key("stats", Boolean, "must be true"),
        Key("histogram", Integer, "histogram bins"));

    public static readonly KeySet RecordSpikes = new("record-spikes", "Spike times of a spiking population.",
        Must("population", Name, "population"),
        Key("neurons", Integer, "how many neurons (the first N), default all"));

    public static readonly KeySet RecordState = new("record-state", "A state variable of some neurons.",
        Must("population", Name, "population"),
        Must("variable", ValueShape.Choice(ScenarioCompiler.StateVariables.Keys), "state variable"),
        Key("neurons", ValueShape.ListOf(Integer), "[first, last], default [0, 9]"),
        Key("every", Quantity, "interval, default every step"));

    public static readonly KeySet Record = new("record", "What to write.",
        Key("every", Quantity, "sampling interval, default 10 ms"),
        Key("tags", ValueShape.ListOf(ValueShape.Choice(ScenarioCompiler.Metrics.Keys)), "tag metrics"),
        Key("populations", ValueShape.ListOf(ValueShape.Choice(ScenarioCompiler.PopulationMetrics.Keys)), "population metrics"),
        Key("weights", ValueShape.Object(RecordWeights), "weight statistics"),
        Key("spikes", ValueShape.Object(RecordSpikes), "spike times (spiking)"),
        Key("state", ValueShape.Object(RecordState), "state variables (spiking)"),
        Key("active_above", NumberOrQuantity, "rate above which a neuron counts as active: a number (rate), a frequency (spiking)"),
        Key("window", Quantity, "sliding rate window (spiking)"));

    public static readonly KeySet Bound = new("bound", "A bound relative to another phase's measurement.",
        Key("phase", Name, "phase measured"),
        Key("metric", Text, "metric measured, default the expectation's"),
        Key("rep", Integer, "repetition index"),
        Key("after", Name, "the phase after this phase or repeat block"),
        Key("by", Number, "margin, default 0"));

    private static readonly ValueShape BoundShape = ValueShape.AnyOf(Number, ValueShape.Object(Bound));

    public static readonly KeySet Expectation = new("expectation", "A regression assertion checked by neurotag-cli check.",
        Must("phase", Name, "phase whose mean is measured"),
        Must("metric", Text, "e.g. tag.pain.activation"),
        Key("rep", Integer, "repetition index"),
        Key("after", Name, "the phase after this phase or repeat block"),
        Key("above", BoundShape, "a number or { phase, by }"),
        Key("below", BoundShape, "a number or { phase, by }"),
        Key("between", ValueShape.ListOf(Number), "[low, high]"));

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
        Key("inputs", ValueShape.MapOf(ValueShape.ByValue("kind", ("current", CurrentInput), ("patterns", PatternsInput), ("gaussian", GaussianInput), ("poisson", PoissonInput))), "inputs by name"),
        Key("modulators", ValueShape.MapOf(ValueShape.Object(Modulator)), "modulators by name"),
        Key("projections", ValueShape.MapOf(ValueShape.Object(Projection)), "projections by name"),
        Must("protocol", ValueShape.ListOf(ValueShape.ByPresence("repeat", Repeat, Phase)), "phases and repeat blocks, in order"),
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
