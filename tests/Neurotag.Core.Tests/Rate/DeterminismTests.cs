using Neurotag.Core.Rate;
using Neurotag.Core.Recording;
using Neurotag.Core.Specs;

namespace Neurotag.Core.Tests.Rate;

public sealed class DeterminismTests
{
    [Fact]
    public void Run_WithTheSameSpecAndSeed_RecordsIdenticalSamples()
    {
        var (first, firstNet) = Run(seed: 42);
        var (second, secondNet) = Run(seed: 42);

        Assert.NotEmpty(first.Tags);
        Assert.NotEmpty(first.WeightBlocks);
        Assert.Equal(first.Tags, second.Tags);
        Assert.Equal(first.Populations, second.Populations);
        Assert.Equal(first.WeightBlocks, second.WeightBlocks);
        Assert.Equal(first.WeightHistograms, second.WeightHistograms);
        Assert.Equal(first.Summary, second.Summary);
        Assert.Equal(firstNet.Projections[0].Weights, secondNet.Projections[0].Weights);
        Assert.Equal(firstNet.Populations[0].Rate, secondNet.Populations[0].Rate);
    }

    [Fact]
    public void Run_WithAnotherSeed_RecordsDifferentSamples()
    {
        var (first, _) = Run(seed: 42);
        var (other, _) = Run(seed: 43);

        Assert.NotEqual(first.Populations, other.Populations);
        Assert.NotEqual(first.Tags, other.Tags);
    }

    [Fact]
    public void Run_WithTheSameSeed_DiffersOnlyThroughNoiseWhenOnlyNoiseIsRandom()
    {
        // Fixed connectivity, constant weights, explicit tags: the seed reaches the run only through the noise, so
        // without noise two seeds agree and with noise they do not.
        static List<PopulationSample> RunNoise(ulong seed, double noise)
        {
            var (_, sink) = new SpecBuilder()
                .Seed(seed)
                .Population("p", 8, noise: noise)
                .Input("drive", "p", 1.0)
                .Phase("on", 50, inputs: ["drive"])
                .Record(5, populationRate: true)
                .Run();
            return sink.Populations;
        }

        Assert.Equal(RunNoise(1, 0), RunNoise(2, 0));
        Assert.NotEqual(RunNoise(1, 0.1), RunNoise(2, 0.1));
        Assert.Equal(RunNoise(1, 0.1), RunNoise(1, 0.1));
    }

    /// <summary>Noise, drawn tags with shares, random connectivity and weights, plasticity, normalization and pruning.</summary>
    private static (MemoryRecordSink Sink, Neurotag.Core.Rate.RateNetwork Network) Run(ulong seed)
    {
        var spec = new SpecBuilder()
            .Seed(seed)
            .Population("cortex", 40, tauMs: 10, activation: Activation.Sigmoid, gain: 2, threshold: 0.5, noise: 0.05)
            .Tag("pain", "cortex", 10)
            .Tag("bend", "cortex", 10, new TagShare("pain", 3))
            .Input("hurt", "pain", 1.0, targetIsTag: true, fraction: 0.7)
            .Input("move", "bend", 1.0, targetIsTag: true)
            .Modulator("threat", 0, 20)
            .Projection(
                "recurrent",
                "cortex",
                "cortex",
                new WeightSpec(new UniformDistribution(0.0, 0.05), 0, 1),
                connectivity: new ConnectivitySpec(ConnectivityRule.FixedProbability, 0.3, 0, false),
                plasticity: new PlasticitySpec(PlasticityRule.Hebbian, 2, 1000, "threat", 1),
                normalization: new NormalizationSpec(NormalizePer.Post, 0.5, 10),
                pruning: new PruningSpec(0.005, 20, 10))
            .Phase("injury", 100, inputs: ["hurt"], modulators: [new ModulatorLevel("threat", 1)])
            .Phase("rest", 1000, offline: true)
            .Phase("rehab", 100, inputs: ["move"])
            .Record(10, [TagMetric.Activation, TagMetric.Strength, TagMetric.Coupling, TagMetric.Ownership], populationRate: true, weights: new WeightRecordSpec("recurrent", 20, 5))
            .Build();
        var simulator = new RateSimulator(spec);
        var sink = new MemoryRecordSink();
        simulator.Run(sink);
        return (sink, simulator.Network);
    }
}
