using BenchmarkDotNet.Attributes;
using Neurotag.Core.Rate;
using Neurotag.Core.Rate.Drives;

namespace Neurotag.Benchmarks;

/// <summary>
/// One step of the rate cycle (<see cref="RateSimulator.Step"/>) on one population of <see cref="N"/> sigmoid neurons
/// with a dense all-to-all recurrent Hebbian projection (decay on). Each method runs
/// <see cref="StepsPerInvoke"/> steps and reports the time per step; the ns/synapse/step column is that time over
/// N·N. <see cref="Self"/> = true is <c>self: true</c> (no mask, the fastest path); false is <c>self: false</c>,
/// which builds a dense float mask that the plastic pass reads as well.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(RateStepConfig))]
public class RateStepBenchmarks
{
    /// <summary>Steps per benchmark invocation (the reported time is per step).</summary>
    public const int StepsPerInvoke = 10;

    private RateSimulator? _simulator;
    private DriveInput[] _inputs = [];

    /// <summary>Population size; the projection has N·N dense slots.</summary>
    [Params(1000, 4000)]
    public int N { get; set; }

    /// <summary>Whether self-synapses exist (true: no mask; false: masked path).</summary>
    [Params(true, false)]
    public bool Self { get; set; }

    /// <summary>Setup for the methods without normalization.</summary>
    [GlobalSetup(Targets = [nameof(StaticStep), nameof(PlasticStep)])]
    public void SetupWithoutNormalization() => Setup(normalizeEverySteps: null);

    /// <summary>Setup with normalization every 10 learning steps (typical).</summary>
    [GlobalSetup(Target = nameof(PlasticStepWithNormalizationEvery10))]
    public void SetupNormalizationEvery10() => Setup(normalizeEverySteps: 10);

    /// <summary>Setup with normalization every learning step (worst case).</summary>
    [GlobalSetup(Target = nameof(PlasticStepWithNormalizationEveryStep))]
    public void SetupNormalizationEveryStep() => Setup(normalizeEverySteps: 1);

    /// <summary>Plasticity off: gather, one dot product per row, integrate.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = StepsPerInvoke)]
    public void StaticStep() => Run(learning: false);

    /// <summary>Plasticity on: the fused Hebbian update-and-dot pass over every row, no normalization.</summary>
    [Benchmark(OperationsPerInvoke = StepsPerInvoke)]
    public void PlasticStep() => Run(learning: true);

    /// <summary>Plasticity on, per-post normalization every 10 steps (typical).</summary>
    [Benchmark(OperationsPerInvoke = StepsPerInvoke)]
    public void PlasticStepWithNormalizationEvery10() => Run(learning: true);

    /// <summary>Plasticity on, per-post normalization every step (worst case).</summary>
    [Benchmark(OperationsPerInvoke = StepsPerInvoke)]
    public void PlasticStepWithNormalizationEveryStep() => Run(learning: true);

    private void Setup(long? normalizeEverySteps)
    {
        _simulator = new RateSimulator(BenchmarkNetworks.Online(N, Self, normalizeEverySteps));
        _inputs = [.. _simulator.Network.Inputs];
        bool masked = _simulator.Network.Projections[0].Mask is not null;
        if (masked == Self)
        {
            throw new InvalidOperationException($"expected a mask exactly when self: false (self: {Self}, mask: {masked})");
        }
    }

    private void Run(bool learning)
    {
        var simulator = _simulator!;
        var inputs = _inputs;
        for (int s = 0; s < StepsPerInvoke; s++)
        {
            simulator.Step(inputs, learning);
        }
    }
}
