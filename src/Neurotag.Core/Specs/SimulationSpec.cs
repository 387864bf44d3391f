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

    /// <summary>Whether this is a spiking network (every population spiking or Poisson); otherwise a rate network.</summary>
    public bool IsSpiking => Populations.Count > 0 && Populations.All(p => p.Neuron is not RateNeuronSpec);
}

/// <summary>
/// The integer clock (Brian2 habit: time is a step count, never <c>t += dt</c>). The step is kept as a whole
/// number of nanoseconds so that <c>t_ms = step · dt</c> prints as the decimal the user expects (0.3, not 0.30000000000000004).
/// </summary>
/// <param name="DtNanoseconds">The step in nanoseconds; positive.</param>
public readonly record struct Clock(long DtNanoseconds)
{
    /// <summary>The step in milliseconds.</summary>
    public double DtMs => DtNanoseconds / 1e6;

    /// <summary>
    /// Time in ms at the start of step <paramref name="step"/>; exact to the nanosecond while step · dt fits in a
    /// long (292 years), beyond that to the double nearest the whole milliseconds plus the rest. The product is
    /// taken in 128 bits: in 64 bits it wrapped around to negative times for long offline phases (110 000 days at
    /// dt = 0.1 ms).
    /// </summary>
    public double TimeMs(long step)
    {
        Int128 nanoseconds = (Int128)step * DtNanoseconds;
        if (nanoseconds >= long.MinValue && nanoseconds <= long.MaxValue)
        {
            return (long)nanoseconds / 1e6;
        }

        // Whole milliseconds and the rest apart: both convert exactly (the milliseconds up to 2^53), so a day count
        // stays a round number of milliseconds instead of picking up the rounding of one 64-bit-plus product.
        return (double)(nanoseconds / 1_000_000) + ((double)(nanoseconds % 1_000_000) / 1e6);
    }
}
