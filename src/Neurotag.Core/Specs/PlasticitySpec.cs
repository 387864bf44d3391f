namespace Neurotag.Core.Specs;

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

    /// <summary>
    /// Hebbian only: the published early/late phase with tag and protein thresholds (Clopath et al. 2008; Luboeinski
    /// &amp; Tetzlaff 2021), or null. Not together with <see cref="Consolidation"/>. See <see cref="LatePhaseSpec"/>.
    /// </summary>
    public LatePhaseSpec? LatePhase { get; init; }

    /// <summary>STDP only: traces, amplitudes, weight dependence and pairing (required with <see cref="PlasticityRule.Stdp"/>).</summary>
    public StdpSpec? Stdp { get; init; }

    /// <summary>Triplet STDP only: traces and amplitudes; null means <see cref="TripletStdpSpec.VisualCortexMinimal"/>.</summary>
    public TripletStdpSpec? Triplet { get; init; }

    /// <summary>Inhibitory STDP only: η, ρ₀ and τ_STDP (required with <see cref="PlasticityRule.Istdp"/>).</summary>
    public InhibitoryStdpSpec? InhibitoryStdp { get; init; }
}
