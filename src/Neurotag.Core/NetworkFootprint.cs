using Neurotag.Core.Specs;

namespace Neurotag.Core;

/// <summary>
/// The one estimate of the bytes a network will allocate, from the spec alone, so that a network too large for the
/// machine is refused before anything is allocated. Validation (the memory limit), <c>describe</c> and the Slurm
/// <c>--mem</c> all use it. Neurons ask their model (<see cref="NeuronSpec.BytesPerNeuron"/>); synapses are counted from
/// each projection's connectivity and priced by what the projection keeps per synapse (plastic or fixed, per-synapse
/// delays, traces, masks).
/// </summary>
public sealed class NetworkFootprint
{
    /// <summary>The largest single array .NET allows (elements of a float[]).</summary>
    public const long MaxArrayElements = 0x7FFFFFC7;

    private NetworkFootprint(double unrounded, long bytes, IReadOnlyList<FootprintPart> parts)
    {
        UnroundedBytes = unrounded;
        Bytes = bytes;
        Parts = parts;
    }

    /// <summary>Estimated bytes of the network state; saturated at <see cref="long.MaxValue"/>.</summary>
    public long Bytes { get; }

    /// <summary>The estimate before it is rounded down to whole bytes (a spiking network's expected synapse counts are fractional).</summary>
    public double UnroundedBytes { get; }

    /// <summary>The populations, then the projections, with their shares (tags and recorder rings are in <see cref="Bytes"/> only).</summary>
    public IReadOnlyList<FootprintPart> Parts { get; }

    /// <summary>The footprint of <paramref name="spec"/>.</summary>
    /// <param name="spec">The run.</param>
    /// <param name="sizeOf">Size of each population or tag by name; by default the spec's.</param>
    public static NetworkFootprint Of(SimulationSpec spec, Func<string, long>? sizeOf = null)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var tags = spec.Tags.ToDictionary(t => t.Name, StringComparer.Ordinal);
        sizeOf ??= SizesOf(spec);
        string PopulationOf(string name) => tags.TryGetValue(name, out var t) ? t.Population : name;
        return spec.IsSpiking ? Sparse(spec, sizeOf, PopulationOf) : Dense(spec, sizeOf);
    }

    /// <summary>Dense slots (pre × post) of a projection; saturated at <see cref="long.MaxValue"/>.</summary>
    public static long SynapseSlots(ProjectionSpec projection, Func<string, long> sizeOf)
    {
        ArgumentNullException.ThrowIfNull(projection);
        ArgumentNullException.ThrowIfNull(sizeOf);
        return Saturate((Int128)sizeOf(projection.From) * sizeOf(projection.To));
    }

    /// <summary>Estimated bytes of one dense (rate-network) projection: its weights and their per-synapse extras; saturated.</summary>
    public static long DenseProjectionBytes(ProjectionSpec projection, Func<string, long> sizeOf)
    {
        ArgumentNullException.ThrowIfNull(projection);
        long synapses = SynapseSlots(projection, sizeOf);
        bool mask = projection.Connectivity.Rule != ConnectivityRule.AllToAll || !projection.Connectivity.AllowSelf || projection.Pruning is not null;
        bool trace = projection.Plasticity?.EligibilityTauMs is not null // the eligibility trace: one float per synapse
            || projection.Plasticity?.Consolidation is not null; // or the early (tag) component of tagging and capture
        bool snapshot = projection.Heterosynaptic is not null; // heterosynaptic depression keeps the step's starting weights
        long latePhase = projection.Plasticity?.LatePhase is not null ? 2 * sizeof(double) : 0; // early h and late z, in double
        long perSynapse = sizeof(float) + (mask ? sizeof(float) : 0) + (trace ? sizeof(float) : 0) + (snapshot ? sizeof(float) : 0) + (projection.Pruning is not null ? sizeof(int) : 0) + latePhase;
        return Saturate((Int128)synapses * perSynapse);
    }

    /// <summary>The expected synapses of a sparse projection: its connectivity rule applied to the endpoint sizes.</summary>
    public static double ExpectedSynapses(ProjectionSpec projection, Func<string, long> sizeOf)
    {
        ArgumentNullException.ThrowIfNull(projection);
        ArgumentNullException.ThrowIfNull(sizeOf);
        double pairs = (double)sizeOf(projection.From) * sizeOf(projection.To);
        return projection.Connectivity.Rule switch
        {
            ConnectivityRule.FixedProbability => pairs * projection.Connectivity.Probability,
            ConnectivityRule.FixedIndegree => (double)sizeOf(projection.To) * projection.Connectivity.Indegree,
            ConnectivityRule.OneToOne => sizeOf(projection.To),
            _ => pairs,
        };
    }

    /// <summary>A rate network: dense projections, in 128-bit integers so absurd sizes saturate instead of overflowing.</summary>
    private static NetworkFootprint Dense(SimulationSpec spec, Func<string, long> sizeOf)
    {
        Int128 bytes = 0;
        var parts = new List<FootprintPart>();
        foreach (var population in spec.Populations)
        {
            long perNeuron = population.Neuron.BytesPerNeuron();
            bytes += (Int128)population.Size * perNeuron;
            parts.Add(new FootprintPart(true, population.Name, population.Size * (double)perNeuron));
        }

        foreach (var tag in spec.Tags)
        {
            bytes += (Int128)tag.Size * sizeof(int); // the sorted member indices
        }

        foreach (var projection in spec.Projections)
        {
            long projectionBytes = DenseProjectionBytes(projection, sizeOf);
            bytes += projectionBytes;
            parts.Add(new FootprintPart(false, projection.Name, projectionBytes, SynapseSlots(projection, sizeOf)));
        }

        long total = Saturate(bytes);
        return new NetworkFootprint(total, total, parts);
    }

    /// <summary>A spiking network: sparse projections at their expected synapse counts, in doubles (saturated at the end).</summary>
    private static NetworkFootprint Sparse(SimulationSpec spec, Func<string, long> sizeOf, Func<string, string> populationOf)
    {
        var parts = spec.Populations.Select(p => new FootprintPart(true, p.Name, p.Size * (double)p.Neuron.BytesPerNeuron())).ToList();
        double bytes = parts.Sum(p => p.Bytes);
        foreach (var p in spec.Projections)
        {
            double before = bytes;
            double synapses = ExpectedSynapses(p, sizeOf);
            bytes = AddSparseProjection(bytes, p, synapses, sizeOf, populationOf);
            parts.Add(new FootprintPart(false, p.Name, bytes - before, synapses));
        }

        // Tag members (4 bytes each), and the recorder's membership masks (one byte per neuron of the population):
        // one per tag, and with coupling recorded one per pair of tags an excitatory projection connects.
        var tagsPerPopulation = spec.Tags.GroupBy(t => t.Population).ToDictionary(g => g.Key, g => (double)g.Count(), StringComparer.Ordinal);
        foreach (var tag in spec.Tags)
        {
            bytes += (tag.Size * 4.0) + sizeOf(tag.Population);
            if (spec.Record.TagMetrics.Contains(TagMetric.Coupling))
            {
                bytes += spec.Projections.Where(p => !p.Inhibitory && populationOf(p.From) == tag.Population).Select(p => populationOf(p.To)).Distinct(StringComparer.Ordinal)
                    .Sum(to => tagsPerPopulation.GetValueOrDefault(to) * sizeOf(to));
            }
        }

        if (spec.Record.WindowSteps is { } window)
        {
            bytes += (spec.Populations.Count + spec.Tags.Count) * window * 4.0; // one count ring per windowed series
        }

        return new NetworkFootprint(bytes, (long)Math.Min(bytes, long.MaxValue), parts);
    }

    /// <summary>
    /// Adds a sparse projection to <paramref name="bytes"/>: pre, post, weight and the transposed index (4 bytes each) per synapse, plus the 2-byte post
    /// copy fixed projections deliver from, or the column-ordered pre index STDP reads; and the delay ring, which spans
    /// whole populations even when an endpoint is a tag (SparseProjection indexes populations).
    /// </summary>
    private static double AddSparseProjection(double bytes, ProjectionSpec p, double synapses, Func<string, long> sizeOf, Func<string, string> populationOf)
    {
        // Added to the running total term by term, in the order validation always has, so its figures are unchanged to the last bit.
        bytes += (synapses * (p.Plasticity is null ? 18 : 20)) + ((p.DelaySteps + 1.0) * sizeOf(populationOf(p.From)) * 4);
        if (p.SynapseDelaySteps is not null)
        {
            // The per-synapse delay and the ring of future input (one float per post per slot; plastic
            // projections queue synapse ids instead, bounded by the synapses in flight) or per-synapse trace.
            bytes += (synapses * 4) + (p.Plasticity is null ? (p.MaxSynapseDelaySteps + 1.0) * sizeOf(populationOf(p.To)) * 4 : synapses * 16);
        }

        return bytes;
    }

    private static Func<string, long> SizesOf(SimulationSpec spec)
    {
        var sizes = spec.Populations.ToDictionary(p => p.Name, p => (long)p.Size, StringComparer.Ordinal);
        foreach (var tag in spec.Tags)
        {
            sizes[tag.Name] = tag.Size;
        }

        return name => sizes[name];
    }

    private static long Saturate(Int128 value) => value > long.MaxValue ? long.MaxValue : (long)value;
}
