using BenchmarkDotNet.Attributes;
using Neurotag.Core.Protocol;
using Neurotag.Core.Rate;
using Neurotag.Core.Recording;

namespace Neurotag.Benchmarks;

/// <summary>
/// An offline (time-compressed) phase of 60 days on N = 4000 with decay and pruning: no activity is simulated, each
/// synapse is advanced once in closed form. The time is per call (one whole phase); ns/synapse is that over N·N.
/// Every call starts from the same weights, mask and pruning counters (restored before each iteration, which is why
/// each iteration is one call).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(OfflineConfig))]
[InvocationCount(1)]
public class OfflineFastForwardBenchmarks
{
    private const double Days = 60;
    private const double DayMs = 86_400_000;

    private RateSimulator? _simulator;
    private readonly MemoryRecordSink _sink = new();
    private float[] _weights = [];
    private float[] _mask = [];
    private int[] _belowCount = [];

    /// <summary>Population size; the projection has N·N dense slots.</summary>
    [Params(4000)]
    public int N { get; set; }

    /// <summary>Builds the network and keeps a copy of its initial synaptic state.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _simulator = new RateSimulator(BenchmarkNetworks.Offline(N, Days));
        var projection = _simulator.Network.Projections[0];
        _weights = [.. projection.Weights];
        _mask = [.. projection.Mask!];
        _belowCount = [.. projection.BelowCount!];
    }

    /// <summary>Restores the initial synaptic state (not timed).</summary>
    [IterationSetup]
    public void Restore()
    {
        var projection = _simulator!.Network.Projections[0];
        _weights.CopyTo(projection.Weights, 0);
        _mask.CopyTo(projection.Mask!, 0);
        _belowCount.CopyTo(projection.BelowCount!, 0);
    }

    /// <summary>The whole protocol (one 60-day offline phase) through <see cref="RateSimulator.Run"/>: pruning, then decay.</summary>
    [Benchmark(Baseline = true)]
    public RunResult OfflinePhase60Days() => _simulator!.Run(_sink);

    /// <summary>Only the closed-form pruning pass of the phase.</summary>
    [Benchmark]
    public long PruningOnly()
    {
        var pruning = _simulator!.Network.Prunings[0]!;
        pruning.FastForward(Days * DayMs, DayMs);
        return pruning.Pruned;
    }

    /// <summary>Only the closed-form decay of the weights.</summary>
    [Benchmark]
    public void DecayOnly() => _simulator!.Network.Rules[0].FastForward(Days * DayMs);
}
