using Neurotag.Core.Recording;
using Neurotag.Core.Specs;
using Neurotag.Core.Spiking;
using static Neurotag.Core.Tests.Spiking.SpikingSpecs;

namespace Neurotag.Core.Tests.Spiking;

/// <summary>
/// recall/spurious in spiking networks: the fraction of a tag's members (of the other neurons) whose spike count over
/// the sampling window, divided by the window, exceeds active_above in Hz. Checked window by window against a count
/// made independently from the recorded spike raster.
/// </summary>
public class SpikingRetrievalMetricsTests
{
    private const int Size = 40;
    private const long WindowSteps = 200; // 20 ms at dt = 0.1 ms
    private const double ActiveAboveHz = 60;
    private const double DriveNs = 0.6;

    [Fact]
    public void Run_RecallAndSpurious_MatchACountFromTheRaster()
    {
        // Tag = neurons 0-19. Half of the tag and a quarter of the other neurons (tag "others") get a Poisson drive
        // that makes them fire irregularly around the threshold rate (60 Hz = 1.2 spikes per 20 ms window), so counts
        // land on both sides of it; the rest stay silent at rest.
        var record = new RecordSpec(WindowSteps, [TagMetric.Recall, TagMetric.Spurious], false, null)
        {
            Spikes = new SpikeRecordSpec("n", Size),
            ActiveAbove = ActiveAboveHz,
        };
        var spec = Spec(
            [new PopulationSpec("n", Size, Lif())],
            [],
            [Phase("run", 20 * WindowSteps, "tag-drive", "other-drive")],
            record: record,
            inputs: [new PoissonInputSpec("tag-drive", "tag", true, 2000, DriveNs, 0.5, false), new PoissonInputSpec("other-drive", "others", true, 2000, DriveNs, 0.25, false)],
            seed: 5,
            tags: [new TagSpec("tag", "n", 20, new IndexRange(0, 19), []), new TagSpec("others", "n", 20, new IndexRange(20, 39), [])]);

        var sink = new MemoryRecordSink();
        new SpikingSimulator(spec).Run(sink);

        var recall = sink.Tags.Where(t => t.Tag == "tag" && t.Metric == "recall").ToList();
        var spurious = sink.Tags.Where(t => t.Tag == "tag" && t.Metric == "spurious").ToList();
        Assert.Equal(21, recall.Count); // t = 0 (an empty window: no neuron active yet) and 20 windows
        Assert.Equal(21, spurious.Count);
        double windowMs = WindowSteps * 0.1;
        var seenRecall = new HashSet<double>();
        var seenSpurious = new HashSet<double>();
        for (int k = 0; k < recall.Count; k++)
        {
            double end = recall[k].TimeMs, start = end - windowMs;
            var counts = new int[Size];
            foreach (var spike in sink.Spikes.Where(s => s.TimeMs > start + 1e-9 && s.TimeMs <= end + 1e-9))
            {
                counts[spike.Neuron]++;
            }

            bool Active(int n) => counts[n] / (windowMs / 1000.0) > ActiveAboveHz;
            double expectedRecall = Enumerable.Range(0, 20).Count(Active) / 20.0;
            double expectedSpurious = Enumerable.Range(20, 20).Count(Active) / 20.0;
            Assert.Equal(expectedRecall, recall[k].Value, 12);
            Assert.Equal(expectedSpurious, spurious[k].Value, 12);
            seenRecall.Add(expectedRecall);
            seenSpurious.Add(expectedSpurious);
        }

        // The check is not vacuous: recall takes several values, and never all members (half of them are never driven).
        Assert.True(seenRecall.Count >= 2, "recall was constant over the windows: " + string.Join(", ", seenRecall));
        Assert.True(seenSpurious.Count >= 2, "spurious was constant over the windows: " + string.Join(", ", seenSpurious));
        Assert.All(recall, r => Assert.InRange(r.Value, 0.0, 0.5));
        Assert.All(spurious, r => Assert.InRange(r.Value, 0.0, 0.25));
    }
}
