using Neurotag.Core.Rate;
using Neurotag.Core.Recording;
using Neurotag.Core.Specs;

namespace Neurotag.Core.Tests.Rate.Plasticity;

public sealed class NormalizationTests
{
    [Fact]
    public void Normalization_AfterEveryEvent_EachPostNeuronsIncomingWeightsSumToTotal()
    {
        const double total = 1.5;
        const long every = 4;
        var spec = new SpecBuilder()
            .Population("pre", 12, tauMs: 5)
            .Population("post", 5, tauMs: 5, activation: Activation.Sigmoid)
            .Input("drive", "pre", 1.0, fraction: 0.5)
            .Projection(
                "ff",
                "pre",
                "post",
                new WeightSpec(new UniformDistribution(0.05, 0.25), 0, 10),
                connectivity: new ConnectivitySpec(ConnectivityRule.FixedProbability, 0.6, 0, false),
                plasticity: new PlasticitySpec(PlasticityRule.Hebbian, 20, null, null, 0),
                normalization: new NormalizationSpec(NormalizePer.Post, total, every))
            .Phase("learn", 200, inputs: ["drive"])
            .Build();
        var simulator = new RateSimulator(spec);
        var inputs = simulator.Network.Inputs.ToArray();
        var projection = simulator.Network.Projections[0];

        for (long step = 1; step <= 40; step++)
        {
            simulator.Step(inputs, learning: true);
            if (step % every != 0)
            {
                continue;
            }

            for (int j = 0; j < projection.PostCount; j++)
            {
                // Sum in double of float weights; the float rescaling of ≤ 12 terms is exact to a few ulps (≤ 1e-6 relative).
                double sum = 0;
                for (int i = 0; i < projection.PreCount; i++)
                {
                    sum += projection.Weights[(j * projection.PreCount) + i];
                }

                Assert.True(Math.Abs(sum - total) <= 1e-6 * total, $"step {step}, post {j}: Σw = {sum:R}");
            }
        }

        // Learning happened between events: the weights are no longer a scaled copy of the initial draw.
        Assert.True(projection.Weights.Max() > 0.3, $"max weight {projection.Weights.Max()}");
    }

    [Fact]
    public void Normalization_KeepsAbsentSynapsesAbsent_EvenWhenTheLowerBoundIsPositive()
    {
        // Regression: rescaling followed by a clamp to [min, max] must not give absent synapses (mask 0) the weight min.
        var spec = new SpecBuilder()
            .Population("pre", 8, tauMs: 5)
            .Population("post", 3, tauMs: 5, activation: Activation.Sigmoid)
            .Input("drive", "pre", 1.0)
            .Projection(
                "ff",
                "pre",
                "post",
                new WeightSpec(new ConstantDistribution(0.2), 0.05, 1),
                connectivity: new ConnectivitySpec(ConnectivityRule.FixedIndegree, 0, 4, false),
                plasticity: new PlasticitySpec(PlasticityRule.Hebbian, 1, null, null, 0),
                normalization: new NormalizationSpec(NormalizePer.Post, 1.0, 1))
            .Phase("learn", 3, inputs: ["drive"])
            .Phase("probe", 3, inputs: ["drive"], plasticity: false)
            .Build();
        var simulator = new RateSimulator(spec);
        var projection = simulator.Network.Projections[0];

        simulator.Run(new MemoryRecordSink());

        for (long k = 0; k < projection.Weights.LongLength; k++)
        {
            if (!projection.Exists(k))
            {
                Assert.Equal(0f, projection.Weights[k]);
            }
        }

        // With indegree 4 and total 1, every existing synapse holds 0.25 (symmetric growth).
        for (int j = 0; j < projection.PostCount; j++)
        {
            double sum = 0;
            for (int i = 0; i < projection.PreCount; i++)
            {
                sum += projection.Weights[(j * projection.PreCount) + i];
            }

            Assert.Equal(1.0, sum, 1e-6);
        }
    }

    [Fact]
    public void Normalization_WhenOneInputIsMoreActive_ItWinsTheSharedNeuron()
    {
        // One population of 6 sigmoid units: tag A = {0..3}, tag B = {2..5}, sharing {2, 3}. A's input is strong, B's
        // weak, so A's exclusive members {0, 1} fire more than B's {4, 5}. Hebbian growth is proportional to the
        // presynaptic rate; normalization conserves each neuron's incoming total, so the shared neurons' synapses
        // from A grow and those from B must shrink below their initial value.
        const double w0 = 0.2; // 5 incoming synapses per neuron (no self) · 0.2 = total 1.0: the initial state is normalized
        var spec = new SpecBuilder()
            .Population("cortex", 6, tauMs: 10, activation: Activation.Sigmoid, gain: 2, threshold: 1)
            .TagRange("A", "cortex", 0, 3)
            .TagRange("B", "cortex", 2, 5)
            .Input("strong", "A", 2.0, targetIsTag: true)
            .Input("weak", "B", 0.5, targetIsTag: true)
            .Projection(
                "recurrent",
                "cortex",
                "cortex",
                new WeightSpec(new ConstantDistribution(w0), 0, 1),
                plasticity: new PlasticitySpec(PlasticityRule.Hebbian, 5, null, null, 0),
                normalization: new NormalizationSpec(NormalizePer.Post, 1.0, 10))
            .Phase("learn", 1000, inputs: ["strong", "weak"])
            .Record(100, [TagMetric.Ownership])
            .Build();
        var simulator = new RateSimulator(spec);
        var sink = new MemoryRecordSink();

        simulator.Run(sink);

        var p = simulator.Network.Projections[0];
        double W(int post, int pre) => p.Weights[(post * 6) + pre];
        foreach (int shared in new[] { 2, 3 })
        {
            double fromA = W(shared, 0) + W(shared, 1);
            double fromB = W(shared, 4) + W(shared, 5);
            Assert.True(fromA > 2 * w0, $"neuron {shared}: input from A's exclusive members {fromA} did not grow");
            Assert.True(fromB < 2 * w0, $"neuron {shared}: input from B's exclusive members {fromB} did not shrink");
            Assert.True(W(shared, 4) < w0 && W(shared, 5) < w0, $"neuron {shared}: each synapse from B must fall below {w0}");
        }

        // The recorded ownership agrees: A owns both shared neurons at the end, B none.
        var last = sink.Tags.Where(s => s.TimeMs == 1000).ToList();
        Assert.Equal(1.0, Assert.Single(last, s => s is { Tag: "A", Metric: "ownership", Other: "B" }).Value);
        Assert.Equal(0.0, Assert.Single(last, s => s is { Tag: "B", Metric: "ownership", Other: "A" }).Value);
    }

    [Fact]
    public void Normalization_WithoutIt_BothInputsGrow()
    {
        // Control for the competition test: the same network without normalization lets B's synapses grow too,
        // so their decrease above is caused by normalization, not by the rule.
        const double w0 = 0.2;
        var spec = new SpecBuilder()
            .Population("cortex", 6, tauMs: 10, activation: Activation.Sigmoid, gain: 2, threshold: 1)
            .TagRange("A", "cortex", 0, 3)
            .TagRange("B", "cortex", 2, 5)
            .Input("strong", "A", 2.0, targetIsTag: true)
            .Input("weak", "B", 0.5, targetIsTag: true)
            .Projection(
                "recurrent",
                "cortex",
                "cortex",
                new WeightSpec(new ConstantDistribution(w0), 0, 1),
                plasticity: new PlasticitySpec(PlasticityRule.Hebbian, 5, null, null, 0))
            .Phase("learn", 100, inputs: ["strong", "weak"])
            .Build();
        var simulator = new RateSimulator(spec);

        simulator.Run(new MemoryRecordSink());

        var p = simulator.Network.Projections[0];
        Assert.True(p.Weights[(2 * 6) + 4] > w0);
        Assert.True(p.Weights[(3 * 6) + 5] > w0);
    }
}
