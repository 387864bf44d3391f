using Neurotag.Core.Rate;
using Neurotag.Core.Rate.Recording;

namespace Neurotag.Core.Tests.Rate.Recording;

public class RetrievalMetricsTests
{
    [Fact]
    public void Recall_CountsActiveMembers_Spurious_CountsActiveNonMembers_StrictlyAboveTheThreshold()
    {
        var network = new RateSimulator(new SpecBuilder().Population("p", 10).TagRange("t", "p", 0, 3).Phase("run", 1).Build()).Network;
        var tag = network.Tags[0];
        float[] rates = [0.9f, 0.6f, 0.5f, 0.1f, 0.7f, 0.51f, 0f, 0f, 0.5f, 0.2f];
        rates.CopyTo(network.Populations[0].Rate, 0);

        Assert.Equal(2.0 / 4, RetrievalMetrics.Recall(tag, 0.5));        // 0.9, 0.6 (0.5 is not above)
        Assert.Equal(2.0 / 6, RetrievalMetrics.Spurious(tag, 0.5));      // 0.7, 0.51 of the six outside
        Assert.Equal(1.0 / 4, RetrievalMetrics.Recall(tag, 0.65));
        Assert.Equal(1.0 / 6, RetrievalMetrics.Spurious(tag, 0.65));
    }

    [Fact]
    public void Spurious_IsNaN_WhenTheTagIsTheWholePopulation()
    {
        var network = new RateSimulator(new SpecBuilder().Population("p", 4).TagRange("t", "p", 0, 3).Phase("run", 1).Build()).Network;
        Assert.True(double.IsNaN(RetrievalMetrics.Spurious(network.Tags[0], 0.5)));
    }
}
