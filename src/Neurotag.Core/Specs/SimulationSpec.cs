namespace Neurotag.Core.Specs;

/// <summary>
/// A fully validated, unit-normalised description of one run. The scenario compiler builds it; the core trusts it.
/// Internal units (fixed for the whole core): time in ms (and integer steps), voltage in mV, conductance in nS,
/// current in pA, capacitance in pF, rates of spiking populations in Hz. Rate-network rates, weights and learning
/// rates are dimensionless, except that learning rates are per second of simulated time.
/// </summary>
/// <param name="Name">Scenario name (an identifier).</param>
/// <param name="Description">Optional free text.</param>
/// <param name="Seed">The master seed; every random stream is derived from it by name.</param>
/// <param name="Clock">The integration step.</param>
/// <param name="Populations">Neuron groups, in file order.</param>
/// <param name="Tags">Neurotags: named, possibly overlapping sets of neurons of one population.</param>
/// <param name="Inputs">External drives.</param>
/// <param name="Modulators">Global scalar signals that gate plasticity.</param>
/// <param name="Projections">Connections between populations or tags.</param>
/// <param name="Protocol">The flattened protocol: every phase instance in run order.</param>
/// <param name="Record">What to record and how often.</param>
public sealed record SimulationSpec(
    string Name,
    string? Description,
    ulong Seed,
    Clock Clock,
    IReadOnlyList<PopulationSpec> Populations,
    IReadOnlyList<TagSpec> Tags,
    IReadOnlyList<InputSpec> Inputs,
    IReadOnlyList<ModulatorSpec> Modulators,
    IReadOnlyList<ProjectionSpec> Projections,
    IReadOnlyList<PhaseSpec> Protocol,
    RecordSpec Record)
{
    /// <summary>Total number of steps the protocol spans, offline phases included.</summary>
    public long TotalSteps => Protocol.Sum(p => p.Steps);

    /// <summary>Steps that are actually integrated (offline phases excluded).</summary>
    public long SimulatedSteps => Protocol.Where(p => !p.Offline).Sum(p => p.Steps);

    /// <summary>Poisson spike inputs onto spiking populations (the compiler keeps rate and spiking scenarios apart).</summary>
    public IReadOnlyList<PoissonInputSpec> PoissonInputs { get; init; } = [];

    /// <summary>Current noise inputs onto spiking populations.</summary>
    public IReadOnlyList<NoiseCurrentInputSpec> NoiseCurrentInputs { get; init; } = [];

    /// <summary>Closed-loop actions (top-level <c>triggers:</c>, spiking only): stimuli and sets triggered by events.</summary>
    public IReadOnlyList<TriggerSpec> Triggers { get; init; } = [];

    /// <summary>Whether this is a spiking network (every population spiking or Poisson); otherwise a rate network.</summary>
    public bool IsSpiking => Populations.Count > 0 && Populations.All(p => p.Neuron is not RateNeuronSpec);
}
