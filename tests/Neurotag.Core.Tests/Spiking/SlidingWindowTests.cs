using Neurotag.Core.Recording;
using Neurotag.Core.Specs;
using Neurotag.Core.Spiking;

namespace Neurotag.Core.Tests.Spiking;

/// <summary>
/// <c>record.window</c>: population rates and tag activation over a sliding window, checked against a naive count
/// over the recorded spike list, against Brian2's flat smoothing (written out here as numpy computes it), and for a
/// constant-rate Poisson population against the closed-form mean and variance of the windowed rate.
/// </summary>
public sealed class SlidingWindowTests
{
    private const double DtMs = 0.1;

    [Fact]
    public void SlidingSpikeCount_EqualsTheSumOfTheLastStepsSinceTheLastRestart()
    {
        var random = new Random(7);
        foreach (int length in new[] { 1, 2, 5, 64 })
        {
            var window = new SlidingSpikeCount(length);
            var pushed = new List<int>();
            for (int k = 0; k < 2000; k++)
            {
                if (random.Next(300) == 0)
                {
                    window.Restart();
                    pushed.Clear();
                }

                int count = random.Next(20);
                window.Push(count);
                pushed.Add(count);
                var last = pushed.TakeLast(length).ToList();
                Assert.Equal(last.Sum(), window.Sum);
                Assert.Equal(last.Count, window.Covered);
            }
        }
    }

    /// <summary>
    /// A driven LIF population through phases of different length (not multiples of the sampling interval), an
    /// offline rest and a phase without input. Every sample must equal the naive count of the recorded spikes in
    /// (max(n − W, phase start), n] over neurons × covered time; the default (no window) the spikes since the previous
    /// sample. Both compute count / (neurons · steps · dt / 1000) in double, so they agree to rounding: relative 1e-12.
    /// </summary>
    [Theory]
    [InlineData(0)]     // default: since the previous sample
    [InlineData(1)]     // a single step
    [InlineData(7)]     // shorter than the sampling interval
    [InlineData(100)]   // equal to it
    [InlineData(350)]   // longer, not a multiple
    [InlineData(3000)]  // longer than phase "b"
    public void WindowedRates_EqualANaiveCountOverTheRecordedSpikes(int windowSteps)
    {
        const int Size = 200;
        var neuron = SpikingSpecs.Lif(bias: 5, tRefMs: 2);
        var tag = new TagSpec("front", "exc", 80, new IndexRange(0, 79), []);
        var phases = new[]
        {
            SpikingSpecs.Phase("a", 1234, "slow"),
            new PhaseSpec("rest", 0, 5000, true, [], [], false, []),
            SpikingSpecs.Phase("b", 777, "fast"),
            SpikingSpecs.Phase("c", 300),
        };
        var record = new RecordSpec(100, [TagMetric.Activation], true, null)
        {
            Spikes = new SpikeRecordSpec("exc", Size),
            WindowSteps = windowSteps == 0 ? null : windowSteps,
        };
        var inputs = new[]
        {
            new PoissonInputSpec("slow", "exc", false, 300, 2, 1, false),
            new PoissonInputSpec("fast", "exc", false, 800, 2, 1, false),
        };
        var spec = SpikingSpecs.Spec([new PopulationSpec("exc", Size, neuron)], [], phases, record: record, inputs: inputs, tags: [tag]);
        var sim = new SpikingSimulator(spec);
        var sink = new MemoryRecordSink();
        sim.Run(sink);

        int[] members = sim.Network.Tags[0].Members;
        Assert.Equal(80, members.Length);
        var spikeSteps = sink.Spikes.Select(s => (Step: Step(s.TimeMs), s.Neuron)).ToList();
        Assert.True(spikeSteps.Count > 1000, $"only {spikeSteps.Count} spikes: the check would be weak");
        var phaseStart = new Dictionary<string, long>();
        long start = 0;
        foreach (var phase in phases)
        {
            phaseStart[phase.Name] = start;
            start += phase.Steps;
        }

        var isMember = new bool[Size];
        foreach (int m in members)
        {
            isMember[m] = true;
        }

        double Naive(long n, long from, int neurons, Func<int, bool> counts)
        {
            long spikes = spikeSteps.Count(s => s.Step > from && s.Step <= n && counts(s.Neuron));
            return n == from ? 0 : spikes / (neurons * ((n - from) * DtMs / 1000.0));
        }

        var populationSamples = sink.Populations.Where(p => p.Metric == "rate").ToList();
        var tagSamples = sink.Tags.Where(t => t.Metric == "activation").ToList();
        Assert.Equal(populationSamples.Count, tagSamples.Count);
        long previous = 0;
        string previousPhase = "";
        for (int k = 0; k < populationSamples.Count; k++)
        {
            var sample = populationSamples[k];
            long n = Step(sample.TimeMs);
            long s0 = phaseStart[sample.Phase];
            if (sample.Phase != previousPhase)
            {
                previous = s0;
                previousPhase = sample.Phase;
            }

            long from = sample.Phase == "rest" ? n // offline: the network is at rest, rate 0
                : windowSteps == 0 ? previous
                : Math.Max(n - windowSteps, s0);
            AssertClose(Naive(n, from, Size, _ => true), sample.Value, $"population at {sample.TimeMs} ms");
            AssertClose(Naive(n, from, members.Length, i => isMember[i]), tagSamples[k].Value, $"tag at {tagSamples[k].TimeMs} ms");
            previous = n;
        }

        // The phase summary is the mean of the phase's samples, as documented; the t = 0 sample (index 0, the network
        // before its first step) belongs to no phase mean.
        Assert.Equal(0, populationSamples[0].TimeMs);
        foreach (var phase in phases)
        {
            double mean = populationSamples.Skip(1).Where(p => p.Phase == phase.Name).Average(p => p.Value);
            AssertClose(mean, sink.Summary.Single(r => r.Phase == phase.Name && r.Metric == "rate").Value, "summary of " + phase.Name);
        }
    }

    /// <summary>
    /// Brian2's <c>PopulationRateMonitor.smooth_rate(window='flat', width=K·dt)</c> (K odd) is
    /// <c>np.convolve(rate, ones(K)/K, mode='same')</c> over the per-step rates: centred on each step and zero-padded
    /// at the edges. Our window ends at the sample, so our value at step n is Brian2's at step n − (K − 1)/2 once K
    /// steps have passed; before that Brian2 divides the n steps' spikes by K (biased low) and we divide by n.
    /// (Brian2 stamps a step's spikes at the step's start, we at its end: the same step, one dt apart in t.)
    /// Same arithmetic up to summation order: relative 1e-9.
    /// </summary>
    [Fact]
    public void Window_IsBrian2FlatSmoothingShiftedByHalfAWindow()
    {
        const int Size = 300, Steps = 3000, K = 51, H = (K - 1) / 2;
        var record = new RecordSpec(1, [], true, null) { Spikes = new SpikeRecordSpec("src", Size), WindowSteps = K };
        var spec = SpikingSpecs.Spec([new PopulationSpec("src", Size, new PoissonNeuronSpec(40))], [], [SpikingSpecs.Phase("run", Steps)], record: record);
        var sink = new MemoryRecordSink();
        new SpikingSimulator(spec).Run(sink);

        // rate_[i]: spikes of step i + 1 over neurons × dt, as Brian2's monitor stores it (0-based array).
        var rate = new double[Steps];
        foreach (var s in sink.Spikes)
        {
            rate[Step(s.TimeMs) - 1] += 1.0 / (Size * DtMs / 1000.0);
        }

        // np.convolve(a, v, 'same') for odd len(v): the full convolution's entries H … H + len(a) − 1.
        var smoothed = new double[Steps];
        for (int i = 0; i < Steps; i++)
        {
            double full = 0;
            for (int j = 0; j < K; j++)
            {
                int a = i + H - j;
                if (a >= 0 && a < Steps)
                {
                    full += rate[a] * (1.0 / K);
                }
            }

            smoothed[i] = full;
        }

        var ours = sink.Populations.Where(p => p.Metric == "rate").ToDictionary(p => Step(p.TimeMs), p => p.Value);
        Assert.Equal(Steps + 1, ours.Count); // every step, and t = 0 (no spike yet: 0 Hz)
        Assert.Equal(0, ours[0]);
        for (int n = H + 1; n <= Steps; n++)
        {
            // n ≥ K: the same K steps. H < n < K: Brian2's centred window still reaches before step 1 and counts
            // those steps as silent (sum over K), ours covers the n steps there are (sum over n).
            double brian = smoothed[n - 1 - H];
            AssertClose(n >= K ? brian : brian * K / n, ours[n], $"step {n}", 1e-9);
        }
    }

    /// <summary>
    /// N independent Bernoulli(p = r·dt) trains: the spike count over a window of W steps is binomial with mean
    /// N·W·p and variance N·W·p(1 − p), so the windowed rate has mean r and variance r(1 − p)/(N·W·dt). 20 s of 1000
    /// neurons at 20 Hz: the phase mean (400 000 spikes, sd 0.16 %) must be within 1.5 % of r; the variance, estimated
    /// from the non-overlapping samples (200 to 2000 of them, relative sd ≤ 10 %), within 30 % of the closed form —
    /// so a window that were silently ignored (the variance would be W/100 times larger) fails.
    /// </summary>
    [Theory]
    [InlineData(0)]      // default: the 10 ms sampling interval
    [InlineData(500)]    // 50 ms
    [InlineData(1000)]   // 100 ms
    public void ConstantRatePoisson_WindowedRateHasTheClosedFormMeanAndVariance(int windowSteps)
    {
        const int Size = 1000, Every = 100;
        const long Steps = 200_000;
        const double RateHz = 20;
        var record = new RecordSpec(Every, [], true, null) { WindowSteps = windowSteps == 0 ? null : windowSteps };
        var spec = SpikingSpecs.Spec([new PopulationSpec("src", Size, new PoissonNeuronSpec(RateHz))], [], [SpikingSpecs.Phase("run", Steps)], record: record, seed: 11);
        var sink = new MemoryRecordSink();
        new SpikingSimulator(spec).Run(sink);

        int w = windowSteps == 0 ? Every : windowSteps;
        double mean = sink.Summary.Single(r => r.Metric == "rate").Value;
        Assert.InRange(mean, RateHz * 0.985, RateHz * 1.015);

        var independent = sink.Populations.Where(p => p.TimeMs > 0 && Step(p.TimeMs) % w == 0).Select(p => p.Value).ToList(); // t = 0 is no window
        Assert.Equal(Steps / w, independent.Count);
        double m = independent.Average();
        double variance = independent.Sum(x => (x - m) * (x - m)) / (independent.Count - 1);
        double p = RateHz * DtMs / 1000.0;
        double expected = RateHz * (1 - p) / (Size * w * DtMs / 1000.0);
        Assert.InRange(variance, expected * 0.7, expected * 1.3);
    }

    /// <summary>
    /// When every phase is a whole number of sampling intervals, a window equal to the interval covers exactly the
    /// spikes since the previous sample, so it must reproduce the default output bit for bit (same arithmetic).
    /// </summary>
    [Fact]
    public void WindowEqualToTheSamplingInterval_ReproducesTheDefaultBitForBit()
    {
        MemoryRecordSink Run(long? window)
        {
            var tag = new TagSpec("front", "exc", 30, new IndexRange(10, 39), []);
            var phases = new[] { SpikingSpecs.Phase("a", 2000, "drive"), new PhaseSpec("rest", 0, 700, true, [], [], false, []), SpikingSpecs.Phase("b", 1500) };
            var record = new RecordSpec(250, [TagMetric.Activation], true, null) { WindowSteps = window };
            var spec = SpikingSpecs.Spec([new PopulationSpec("exc", 100, SpikingSpecs.Lif(bias: 5, tRefMs: 2))], [], phases, record: record,
                inputs: [new PoissonInputSpec("drive", "exc", false, 500, 2, 1, false)], tags: [tag]);
            var sink = new MemoryRecordSink();
            new SpikingSimulator(spec).Run(sink);
            return sink;
        }

        var byDefault = Run(null);
        var windowed = Run(250);
        Assert.Contains(byDefault.Populations, p => p.Value > 0);
        Assert.Equal(byDefault.Populations, windowed.Populations);
        Assert.Equal(byDefault.Tags, windowed.Tags);
        Assert.Equal(byDefault.Summary, windowed.Summary);
    }

    /// <summary>The windows are fed from the step loop, which must not allocate: measured in bytes, not time.</summary>
    [Fact]
    public void FeedingTheWindows_AllocatesNothingPerStep()
    {
        var tag = new TagSpec("front", "src", 100, new IndexRange(0, 99), []);
        var record = new RecordSpec(100, [TagMetric.Activation], true, null) { WindowSteps = 250 };
        var spec = SpikingSpecs.Spec([new PopulationSpec("src", 400, new PoissonNeuronSpec(50))], [], [SpikingSpecs.Phase("run", 10_000)], record: record, tags: [tag]);
        var sim = new SpikingSimulator(spec);
        var recorder = new SpikingRecorder(sim.Network, spec.Record, spec.Clock, new DiscardingSink());
        for (int k = 0; k < 500; k++)
        {
            sim.Step(learning: false);
            recorder.SampleStep(sim.CurrentStep, spec.Protocol[0]);
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int k = 0; k < 5000; k++)
        {
            sim.Step(learning: false);
            recorder.SampleStep(sim.CurrentStep, spec.Protocol[0]);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private sealed class DiscardingSink : IRecordSink
    {
        public void Write(in TagSample sample)
        {
        }

        public void Write(in PopulationSample sample)
        {
        }

        public void Write(in WeightBlockSample sample)
        {
        }

        public void Write(in WeightHistogramSample sample)
        {
        }

        public void Write(in SummaryRow row)
        {
        }
    }

    private static long Step(double timeMs) => (long)Math.Round(timeMs / DtMs);

    private static void AssertClose(double expected, double actual, string what, double relative = 1e-12) =>
        Assert.True(Math.Abs(expected - actual) <= relative * Math.Max(1e-300, Math.Abs(expected)) || expected == actual,
            $"{what}: expected {expected:R}, got {actual:R}");
}
