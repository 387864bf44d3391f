using BenchmarkDotNet.Attributes;
using Neurotag.Core.Specs;
using Neurotag.Core.Spiking;

namespace Neurotag.Benchmarks;

/// <summary>
/// The COBA benchmark network (Vogels &amp; Abbott 2005; scenarios/coba-benchmark.yaml) built from Core spec records:
/// N LIF neurons, 80 % excitatory, p = 0.02, weights scaled by 4000/N.
/// </summary>
public static class SpikingBenchmarkNetworks
{
    /// <summary>The COBA network of <paramref name="n"/> neurons with a protocol of <paramref name="steps"/> steps at dt = 0.1 ms.</summary>
    public static SimulationSpec Coba(int n, long steps) => Coba(n, steps, _ => _);

    /// <summary>The COBA network with <paramref name="adjust"/> applied to both projections (e.g. delays).</summary>
    public static SimulationSpec Coba(int n, long steps, Func<ProjectionSpec, ProjectionSpec> adjust)
    {
        ArgumentNullException.ThrowIfNull(adjust);
        var neuron = new LifNeuronSpec(SynapseKind.Conductance, 20, -60, -50, -60, 5, 5, 10, 0, -80, 10, 20,
            new NormalDistribution(-55, 5), new NormalDistribution(40, 15), new NormalDistribution(200, 120));
        int exc = n * 4 / 5;
        var p = new ConnectivitySpec(ConnectivityRule.FixedProbability, 0.02, 0, AllowSelf: false);
        double scale = 4000.0 / n;
        ProjectionSpec Projection(string name, string from, double w, bool inhibitory) =>
            new(name, from, true, "neurons", false, p, new WeightSpec(new ConstantDistribution(w * scale), 0, w * scale), inhibitory, null, null, null);
        return new SimulationSpec("coba", null, 1, new Clock(100_000),
            [new PopulationSpec("neurons", n, neuron)],
            [new TagSpec("exc", "neurons", exc, new IndexRange(0, exc - 1), []), new TagSpec("inh", "neurons", n - exc, new IndexRange(exc, n - 1), [])],
            [], [], [adjust(Projection("ee", "exc", 6, false)), adjust(Projection("ii", "inh", 67, true))],
            [new PhaseSpec("run", 0, steps, false, [], [], false, [])],
            new RecordSpec(1000, [], true, null));
    }
}

/// <summary>
/// One step of the spiking cycle on the COBA network (<see cref="SpikingSimulator"/>'s internal Step, after a
/// 200 ms warm-up so the network is in its asynchronous state), the LIF kernel alone, and event-driven delivery
/// of one step's worth of spikes (≈ 2 % of the neurons spiking, each row ≈ 0.02·N synapses).
/// Each method runs <see cref="StepsPerInvoke"/> steps; Mean is the time of one step.
/// </summary>
[MemoryDiagnoser]
public class SpikingStepBenchmarks
{
    /// <summary>Steps per benchmark invocation.</summary>
    public const int StepsPerInvoke = 100;

    private SpikingSimulator? _simulator;
    private LifPopulation? _population;
    private SparseProjection? _projection;
    private int[] _spikes = [];
    private int[] _spikeBuffer = [];

    /// <summary>Network size.</summary>
    [Params(4000, 20000)]
    public int N { get; set; }

    /// <summary>Builds the network and runs 200 ms so the state is the benchmark's stationary one.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _simulator = new SpikingSimulator(SpikingBenchmarkNetworks.Coba(N, 1_000_000));
        for (int s = 0; s < 2000; s++)
        {
            _simulator.Step(learning: false);
        }

        _population = (LifPopulation)_simulator.Network.Populations[0];
        _projection = _simulator.Network.Projections[0];
        _spikes = [.. Enumerable.Range(0, N * 4 / 5).Where(i => i % 500 == 0)]; // 0.2 % of the rows: ~20 Hz at dt 0.1 ms
        _spikeBuffer = new int[N];
    }

    /// <summary>The whole step: LIF update, transmission through both projections, checkers excluded.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = StepsPerInvoke)]
    public void CobaStep()
    {
        var simulator = _simulator!;
        for (int s = 0; s < StepsPerInvoke; s++)
        {
            simulator.Step(learning: false);
        }
    }

    /// <summary>The LIF kernel alone (exponential Euler, threshold, reset, decay).</summary>
    [Benchmark(OperationsPerInvoke = StepsPerInvoke)]
    public int LifKernel()
    {
        var p = _population!;
        var c = p.StepConstants;
        int count = 0;
        for (int s = 0; s < StepsPerInvoke; s++)
        {
            count += SpikingKernels.LifStep(p.V, p.Ge, p.Gi, p.Refractory, in c, _spikeBuffer);
        }

        return count;
    }

    /// <summary>Event-driven delivery of a fixed spike list through the E→all projection.</summary>
    [Benchmark(OperationsPerInvoke = StepsPerInvoke)]
    public void Delivery()
    {
        var p = _projection!;
        for (int s = 0; s < StepsPerInvoke; s++)
        {
            p.Deliver(_spikes);
        }
    }
}

/// <summary>
/// The COBA step (N = 4000) with a homogeneous 2 ms delay on both projections (baseline: the ring of spike lists)
/// against per-synapse delays uniform on [1 ms, 3 ms] (NEST-style ring of future input per target: every synapse
/// writes its weight into a slot, and each step adds one slot of N floats to g). Mean is the time of one step.
/// </summary>
[MemoryDiagnoser]
public class SpikingDelayBenchmarks
{
    private SpikingSimulator? _homogeneous;
    private SpikingSimulator? _perSynapse;

    /// <summary>Builds both networks and runs 200 ms of each.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _homogeneous = new SpikingSimulator(SpikingBenchmarkNetworks.Coba(4000, 1_000_000, p => p with { DelaySteps = 20 }));
        _perSynapse = new SpikingSimulator(SpikingBenchmarkNetworks.Coba(4000, 1_000_000,
            p => p with { SynapseDelaySteps = new UniformDistribution(10, 30), MaxSynapseDelaySteps = 30 }));
        for (int s = 0; s < 2000; s++)
        {
            _homogeneous.Step(learning: false);
            _perSynapse.Step(learning: false);
        }
    }

    /// <summary>Homogeneous 2 ms delay.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = SpikingStepBenchmarks.StepsPerInvoke)]
    public void HomogeneousDelay()
    {
        for (int s = 0; s < SpikingStepBenchmarks.StepsPerInvoke; s++)
        {
            _homogeneous!.Step(learning: false);
        }
    }

    /// <summary>Per-synapse delays uniform on [1 ms, 3 ms].</summary>
    [Benchmark(OperationsPerInvoke = SpikingStepBenchmarks.StepsPerInvoke)]
    public void PerSynapseDelays()
    {
        for (int s = 0; s < SpikingStepBenchmarks.StepsPerInvoke; s++)
        {
            _perSynapse!.Step(learning: false);
        }
    }
}
