namespace Neurotag.Core.Specs;

/// <summary>Connections from one population (or tag) to another.</summary>
/// <param name="Name">Identifier.</param>
/// <param name="From">Presynaptic population or tag.</param>
/// <param name="FromIsTag">Whether <paramref name="From"/> names a tag.</param>
/// <param name="To">Postsynaptic population or tag.</param>
/// <param name="ToIsTag">Whether <paramref name="To"/> names a tag.</param>
/// <param name="Connectivity">Which synapses exist.</param>
/// <param name="Weight">Initial weights and hard bounds.</param>
/// <param name="Inhibitory">Inhibitory projections subtract their input.</param>
/// <param name="Plasticity">Learning rule, or null for fixed weights.</param>
/// <param name="Normalization">Competition by normalization, or null.</param>
/// <param name="Pruning">Structural removal of weak synapses, or null.</param>
public sealed record ProjectionSpec(
    string Name,
    string From,
    bool FromIsTag,
    string To,
    bool ToIsTag,
    ConnectivitySpec Connectivity,
    WeightSpec Weight,
    bool Inhibitory,
    PlasticitySpec? Plasticity,
    NormalizationSpec? Normalization,
    PruningSpec? Pruning)
{
    /// <summary>
    /// Spiking projections only: homogeneous transmission delay in steps. A spike emitted at step n is added to
    /// the postsynaptic conductance at the end of step n + DelaySteps (0: before the next integration step).
    /// </summary>
    public int DelaySteps { get; init; }

    /// <summary>
    /// Spiking projections only: per-synapse delays, a distribution in steps drawn once per synapse (stream
    /// <c>delay:NAME</c>), rounded to the nearest whole step (halves up) and clipped to [0, <see cref="MaxSynapseDelaySteps"/>];
    /// null for the homogeneous <see cref="DelaySteps"/>.
    /// </summary>
    public Distribution? SynapseDelaySteps { get; init; }

    /// <summary>The longest per-synapse delay in steps (the ring of future input has this many slots plus one).</summary>
    public int MaxSynapseDelaySteps { get; init; }

    /// <summary>Heterosynaptic depression (competition among the inputs of one neuron), or null.</summary>
    public HeterosynapticSpec? Heterosynaptic { get; init; }
}

/// <summary>Connectivity rules (NEST names).</summary>
public enum ConnectivityRule
{
    /// <summary>Every pre to every post.</summary>
    AllToAll,
    /// <summary>Pre i to post i (equal sizes).</summary>
    OneToOne,
    /// <summary>Each pair independently with probability p.</summary>
    FixedProbability,
    /// <summary>Each post receives exactly k distinct pre.</summary>
    FixedIndegree,
}

/// <summary>Which synapses exist.</summary>
/// <param name="Rule">The rule.</param>
/// <param name="Probability">p for <see cref="ConnectivityRule.FixedProbability"/>.</param>
/// <param name="Indegree">k for <see cref="ConnectivityRule.FixedIndegree"/>.</param>
/// <param name="AllowSelf">Whether a neuron may connect to itself (only meaningful when pre and post are the same population).</param>
public sealed record ConnectivitySpec(ConnectivityRule Rule, double Probability, int Indegree, bool AllowSelf);

/// <summary>A scalar distribution for initial values.</summary>
public abstract record Distribution
{
    /// <summary>The distribution's mean.</summary>
    public abstract double Mean { get; }
}

/// <summary>Always <paramref name="Value"/>.</summary>
public sealed record ConstantDistribution(double Value) : Distribution
{
    /// <inheritdoc />
    public override double Mean => Value;
}

/// <summary>Uniform on [Low, High).</summary>
public sealed record UniformDistribution(double Low, double High) : Distribution
{
    /// <inheritdoc />
    public override double Mean => 0.5 * (Low + High);
}

/// <summary>Normal with the given mean and standard deviation.</summary>
public sealed record NormalDistribution(double Mu, double Sigma) : Distribution
{
    /// <inheritdoc />
    public override double Mean => Mu;
}

/// <summary>Initial weights and hard bounds. Initial draws are clipped to [Min, Max].</summary>
public sealed record WeightSpec(Distribution Init, double Min, double Max);

/// <summary>Plasticity rules (equations, discretisation and citations: docs/models.md).</summary>
public enum PlasticityRule
{
    /// <summary>dw/dt = η · x · y (Hebb 1949; Dayan &amp; Abbott 2001, eq. 8.3).</summary>
    Hebbian,

    /// <summary>dw_i/dt = η · (x_i·y − y²·w_i) (Oja 1982): converges to the unit-norm leading eigenvector of ⟨x xᵀ⟩.</summary>
    Oja,

    /// <summary>
    /// dw_i/dt = η · x_i · y · (y − θ), τ_θ dθ/dt = y² − θ per postsynaptic neuron (Bienenstock, Cooper &amp; Munro 1982,
    /// in the form of Intrator &amp; Cooper 1992).
    /// </summary>
    Bcm,

    /// <summary>
    /// dw_i/dt = η · (x_i − ⟨x_i⟩) · (y − ⟨y⟩), running means with time constant τ_mean (Sejnowski 1977; Dayan &amp;
    /// Abbott 2001, §8.2).
    /// </summary>
    Covariance,

    /// <summary>
    /// Spike-timing-dependent plasticity with pre/post traces, spiking projections only (Song, Miller &amp; Abbott 2000;
    /// nomenclature of Morrison, Diesmann &amp; Gerstner 2008). Parameters in <see cref="PlasticitySpec.Stdp"/>.
    /// </summary>
    Stdp,
    /// <summary>Triplet STDP (Pfister &amp; Gerstner 2006), spiking only; parameters in <see cref="PlasticitySpec.Triplet"/>.</summary>
    StdpTriplet,
}

/// <summary>
/// A learning rule with optional passive decay and three-factor modulation:
/// <c>dw/dt = η · (1 + g·m(t)) · F(x, y, w) − (w − w_rest)/τ_decay</c>, where F is the rule's term
/// (<see cref="PlasticityRule"/>), η is per second and w_rest is the mean of the initial weight distribution.
/// A Hebbian rule with <see cref="EligibilityTauMs"/> replaces the learning term by η·g·m(t)·e (see there).
/// </summary>
/// <param name="Rule">The rule.</param>
/// <param name="Rate">η, per second of simulated time.</param>
/// <param name="DecayTauMs">τ_decay in ms, or null for no decay.</param>
/// <param name="ModulatedBy">Modulator m, or null.</param>
/// <param name="ModulationGain">g.</param>
public sealed record PlasticitySpec(PlasticityRule Rule, double Rate, double? DecayTauMs, string? ModulatedBy, double ModulationGain)
{
    /// <summary>Default of <see cref="BcmTauThetaMs"/> and <see cref="CovarianceTauMeanMs"/>: 1 s.</summary>
    public const double DefaultAveragingTauMs = 1000;

    /// <summary>BCM only: τ_θ in ms (&gt; 0), the time constant of the sliding threshold θ ≈ ⟨y²⟩.</summary>
    public double BcmTauThetaMs { get; init; } = DefaultAveragingTauMs;

    /// <summary>
    /// BCM only: the initial θ of every postsynaptic neuron (≥ 0), or null to start it at y² of the first learning
    /// step (the threshold's steady state for the activity at that moment).
    /// </summary>
    public double? BcmThetaInit { get; init; }

    /// <summary>Covariance only: τ_mean in ms (&gt; 0), the time constant of the running means ⟨x⟩ and ⟨y⟩.</summary>
    public double CovarianceTauMeanMs { get; init; } = DefaultAveragingTauMs;

    /// <summary>
    /// Hebbian only: τ_e in ms (&gt; 0) of a per-synapse eligibility trace, or null for none. With a trace the rule is
    /// three-factor in the strict sense (Izhikevich 2007; Frémaux &amp; Gerstner 2016): coincidences charge the trace,
    /// <c>τ_e de/dt = −e + x·y</c>, and only the modulator converts it into weight change,
    /// <c>dw/dt = η·g·m(t)·e − (w − w_rest)/τ_decay</c> (no "1 +": without a modulator signal nothing is learned).
    /// Requires <see cref="ModulatedBy"/>.
    /// </summary>
    public double? EligibilityTauMs { get; init; }

    /// <summary>
    /// Hebbian only: synaptic tagging and capture (early and late weight components and a per-neuron resource), or
    /// null for plain Hebbian learning. See <see cref="ConsolidationSpec"/>.
    /// </summary>
    public ConsolidationSpec? Consolidation { get; init; }

    /// <summary>STDP only: traces, amplitudes, weight dependence and pairing (required with <see cref="PlasticityRule.Stdp"/>).</summary>
    public StdpSpec? Stdp { get; init; }
    /// <summary>Triplet STDP only: traces and amplitudes; null means <see cref="TripletStdpSpec.VisualCortexMinimal"/>.</summary>
    public TripletStdpSpec? Triplet { get; init; }
}

/// <summary>Which side of a synapse normalization conserves.</summary>
public enum NormalizePer
{
    /// <summary>Each postsynaptic neuron's summed incoming weight.</summary>
    Post,

    /// <summary>Each presynaptic neuron's summed outgoing weight.</summary>
    Pre,

    /// <summary>
    /// Both: alternating post and pre scaling (Sinkhorn 1964), ending with a post pass; see
    /// <see cref="NormalizationSpec.Iterations"/>.
    /// </summary>
    Both,
}

/// <summary>
/// Competition for shared neurons by synaptic normalization (von der Malsburg 1973; Miller &amp; MacKay 1994):
/// every <see cref="EverySteps"/> steps each postsynaptic neuron's incoming weights are scaled multiplicatively so
/// that they sum to <see cref="Total"/>.
/// </summary>
public sealed record NormalizationSpec(NormalizePer Per, double Total, long EverySteps)
{
    /// <summary>Default of <see cref="Iterations"/>.</summary>
    public const int DefaultIterations = 20;

    /// <summary>
    /// <see cref="NormalizePer.Both"/> only: the most post/pre scaling rounds per event (Sinkhorn–Knopp). Iteration
    /// stops earlier once every pre (column) sum is within 1e-5 relative of its target after a post pass.
    /// </summary>
    public int Iterations { get; init; } = DefaultIterations;
}

/// <summary>
/// Heterosynaptic depression (Lynch, Dunwiddie &amp; Gribkoff 1977; Chistiakova et al. 2014): after each learning
/// step, the summed potentiation P_j of postsynaptic neuron j's inputs is taken back from all its inputs in
/// proportion to their weight, <c>w_ij ← w_ij − h·P_j·w_ij/Σ_k w_kj</c>. With h = 1 the row sum is conserved.
/// </summary>
/// <param name="Rate">h (≥ 0), the fraction of the potentiation redistributed as depression.</param>
public sealed record HeterosynapticSpec(double Rate);

/// <summary>
/// Structural LTD: a synapse whose weight has stayed below <see cref="Below"/> for at least <see cref="ForMs"/>
/// is removed (its weight set to 0 and frozen). Checked every <see cref="CheckEverySteps"/> steps online and in
/// closed form during offline phases.
/// </summary>
public sealed record PruningSpec(double Below, double ForMs, long CheckEverySteps)
{
    /// <summary>
    /// Regrowth of pruned capacity (Deger, Helias, Rotter &amp; Diesmann 2012), or null (pruned synapses never return).
    /// </summary>
    public RegrowthSpec? Regrow { get; init; }
}

/// <summary>
/// Pruned synapses regrow at random (seeded) vacant locations of the projection with weight <see cref="Weight"/>:
/// each vacancy (capacity of the original connectivity minus existing synapses) is refilled with probability
/// <c>1 − e^{−Δt/τ}</c> per pruning check (Δt the check interval) and per offline interval (Δt its length).
/// </summary>
/// <param name="TauMs">τ in ms (&gt; 0): mean time for a vacancy to be refilled.</param>
/// <param name="Weight">Initial weight of a regrown synapse (within the projection's bounds).</param>
public sealed record RegrowthSpec(double TauMs, double Weight);
