using Neurotag.Core.Rate;
using Neurotag.Core.Rate.Plasticity;
using Neurotag.Core.Specs;

namespace Neurotag.Core.Tests.Rate.Plasticity;

/// <summary>
/// Synaptic tagging and capture (Frey &amp; Morris 1997; Clopath et al. 2008): w = l + u, du/dt = −u/τ_early + η·x·y,
/// dl/dt = p·u/τ_capture (− decay), p = 1 while Σu &gt; θ_p or threat ≥ level, else dp/dt = −p/τ_resource.
/// dt = 1 s, time constants in hours; two presynaptic neurons onto one postsynaptic neuron (one shared resource).
/// </summary>
public sealed class ConsolidationTests
{
    private const double Hour = 3_600_000;
    private const double Rest = 0.1;
    private const double Eta = 0.01; // per second: one step at x = y = 1 adds 0.01 to u

    private static ConsolidationSpec Tagging(double? threshold = 0.5, string? trigger = null, double? earlyMax = null) =>
        new(2 * Hour, 1 * Hour, 1 * Hour, threshold, trigger, 0.5, earlyMax);

    /// <summary>A 2 → 1 network with dt = 1 s, driven step by step (rates written by the test).</summary>
    private sealed class Synapses
    {
        public Synapses(ConsolidationSpec consolidation, double? decayTauMs = null, double? threatTauMs = null)
        {
            var plasticity = new PlasticitySpec(PlasticityRule.Hebbian, Eta, decayTauMs, null, 0) { Consolidation = consolidation };
            Network = new Neurotag.Core.Rate.RateSimulator(new SpecBuilder()
                .DtNanoseconds(1_000_000_000)
                .Population("pre", 2)
                .Population("post", 1)
                .Modulator("threat", 0, threatTauMs)
                .Projection("plastic", "pre", "post", new WeightSpec(new ConstantDistribution(Rest), 0, 10), plasticity: plasticity)
                .Phase("drive", 1)
                .Build()).Network;
        }

        public RateNetwork Network { get; }

        public ConsolidatingHebbianRule Rule => (ConsolidatingHebbianRule)Network.Rules[0];

        public float[] W => Network.Projections[0].Weights;

        public float[] U => Rule.Early;

        public double Late(int i) => W[i] - U[i];

        public double Threat { set => Network.Modulators.Levels[0] = value; }

        /// <summary><paramref name="steps"/> seconds with the given rates (learning on); modulators relax each step.</summary>
        public void Drive(int steps, double x0, double x1, double y)
        {
            for (int k = 0; k < steps; k++)
            {
                Network.Populations[0].Rate[0] = (float)x0;
                Network.Populations[0].Rate[1] = (float)x1;
                Network.Populations[1].Rate[0] = (float)y;
                Array.Clear(Network.Populations[1].Input);
                Network.Projections[0].GatherPreRates();
                Network.Rules[0].Advance(true);
                Network.Modulators.Step();
            }
        }

        public void Offline(double ms) => Network.Rules[0].FastForward(ms);
    }

    [Fact]
    public void WeakEpisodeAlone_DecaysBackToBaseline()
    {
        var s = new Synapses(Tagging());
        s.Drive(20, 0, 1, 1); // Σu ≈ 0.2 < θ_p = 0.5: no resource

        Assert.InRange(s.W[1] - Rest, 0.19, 0.2);
        Assert.Equal(0.0, s.Rule.Resource[0]);

        s.Offline(48 * Hour); // e^{−24} of the tag remains

        Assert.True(Math.Abs(s.W[1] - Rest) < 1e-6, $"w = {s.W[1]:R}");
        Assert.True(Math.Abs(s.Late(1) - Rest) < 1e-6, $"late = {s.Late(1):R}");
    }

    /// <summary>
    /// Frey &amp; Morris' key result: a weak episode that alone decays is captured when it falls within the capture
    /// window after a strong episode onto the same neuron, and not when it comes long after.
    /// </summary>
    [Fact]
    public void WeakEpisode_WithinTheCaptureWindowAfterAStrongOne_Persists_ButNotLongAfter()
    {
        var captured = StrongThenWeak(gapMs: 0.5 * Hour, out double earlyAtEnd);
        var late = StrongThenWeak(gapMs: 12 * Hour, out double earlyLate);

        // Within the window: Σu crosses θ_p again (or p is still high), so most of the weak tag becomes late weight.
        Assert.True(captured > 0.5 * earlyAtEnd, $"captured {captured:R} of a tag of {earlyAtEnd:R}");

        // 12 h later the resource has decayed to ≈ e^{−11}: the weak tag decays as if alone.
        Assert.True(late < 0.01 * earlyLate, $"captured {late:R} of a tag of {earlyLate:R}");
    }

    private static double StrongThenWeak(double gapMs, out double weakTag)
    {
        var s = new Synapses(Tagging());
        s.Drive(60, 1, 0, 1); // Σu ≈ 0.6 > θ_p: the strong episode makes the resource
        Assert.Equal(1.0, s.Rule.Resource[0]);
        s.Offline(gapMs);
        double before = s.U[1];
        s.Drive(20, 0, 1, 1);
        weakTag = s.U[1] - before;
        s.Offline(30 * 24 * Hour);
        Assert.True(Math.Abs(s.U[1]) < 1e-9, "the tag itself is gone after 30 days");
        return s.Late(1) - Rest;
    }

    /// <summary>
    /// Capture works whichever episode comes first (Frey &amp; Morris 1998 showed weak-before-strong as well): a weak
    /// episode followed within the window by a strong episode onto the same neuron, or by a salient event with no
    /// activity at all (behavioural tagging, Redondo &amp; Morris 2011), keeps a large part of its tag.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void WeakEpisode_FollowedWithinTheWindowByAStrongOrSalientEvent_Persists(bool salientEvent)
    {
        var s = new Synapses(Tagging(trigger: "threat"));
        s.Drive(20, 0, 1, 1);
        double weakTag = s.U[1];
        Assert.Equal(0.0, s.Rule.Resource[0]);
        s.Offline(0.5 * Hour);
        if (salientEvent)
        {
            s.Threat = 1.0;
            s.Drive(10, 0, 0, 0); // no activity: only the salience signal
            s.Threat = 0.0;
        }
        else
        {
            s.Drive(60, 1, 0, 1);
        }

        s.Offline(30 * 24 * Hour);

        Assert.True(s.Late(1) - Rest > 0.3 * weakTag, $"captured {s.Late(1) - Rest:R} of a tag of {weakTag:R}");
    }

    /// <summary>
    /// Salience triggers the resource directly: a weak episode under threat persists, the same episode without threat
    /// decays. After the episode (p = 1, tag u_end) the offline capture is the closed form
    /// u_end·(τ_c/τ_capture)·(1 − e^{−T/τ_c}), τ_c = τ_early·τ_resource/(τ_early + τ_resource).
    /// </summary>
    [Fact]
    public void SalientEpisodeAlone_Persists_AndTheOfflineCaptureMatchesTheClosedForm()
    {
        foreach (double threat in new[] { 1.0, 0.0 })
        {
            var s = new Synapses(Tagging(threshold: null, trigger: "threat"));
            s.Threat = threat;
            s.Drive(20, 0, 1, 1);
            s.Threat = 0;
            double uEnd = s.U[1], lEnd = s.Late(1);
            const double T = 30 * 24 * Hour, tauC = 2.0 / 3.0 * Hour;

            s.Offline(T);

            double expected = threat > 0 ? lEnd + (uEnd * (tauC / Hour) * (1 - Math.Exp(-T / tauC))) : Rest;
            Assert.True(Math.Abs(s.W[1] - expected) < 4e-7, $"threat {threat}: w = {s.W[1]:R}, closed form {expected:R}");
            if (threat > 0)
            {
                // p = 1 only during the 20 s episode, then decays: a fraction ≈ τ_c/τ_capture = 2/3 of the tag is kept.
                Assert.True(s.W[1] - Rest > 0.6 * uEnd, $"the salient episode persists: w − rest = {s.W[1] - Rest:R}, tag {uEnd:R}");
            }
        }
    }

    /// <summary>
    /// The offline closed form and 5 h of 1 s online steps without activity agree: tags above θ_p (the trigger switches
    /// off mid-interval), a salience modulator relaxing through its level (τ = 30 min), late decay (τ = 10 h).
    /// Tolerance: online, the per-step factors e^{−dt/τ} are float32 constants, each off by up to one unit roundoff U,
    /// compounded over 18 000 steps (relative ≤ 18 000·U ≈ 1.1e-3, dominant), plus the trigger switch quantised to a
    /// step (second order: p and the capture rate are continuous across the switch).
    /// </summary>
    [Fact]
    public void Offline_ClosedForm_AgreesWithSmallStepOnline()
    {
        Synapses Prepared()
        {
            var s = new Synapses(Tagging(threshold: 0.5, trigger: "threat"), decayTauMs: 10 * Hour, threatTauMs: 0.5 * Hour);
            s.Drive(70, 1, 0.3, 1);
            s.Threat = 1.0;
            return s;
        }

        var offline = Prepared();
        var online = Prepared();
        const int seconds = 5 * 3600;
        const double Tolerance = 2.0 * seconds / (1 << 24);

        offline.Offline(seconds * 1000.0);
        online.Drive(seconds, 0, 0, 0);

        for (int i = 0; i < 2; i++)
        {
            Assert.True(Math.Abs(offline.W[i] - online.W[i]) < Tolerance * online.W[i], $"w[{i}]: offline {offline.W[i]:R}, online {online.W[i]:R}");
            Assert.True(Math.Abs(offline.U[i] - online.U[i]) < Tolerance * online.U[i], $"u[{i}]: offline {offline.U[i]:R}, online {online.U[i]:R}");
        }

        Assert.True(Math.Abs(offline.Rule.Resource[0] - online.Rule.Resource[0]) < Tolerance * online.Rule.Resource[0]);
        Assert.True(online.Late(0) > Rest + 0.3, "the interval did capture: the comparison is not trivial");
    }

    /// <summary>With u_max the early component saturates within a session (soft bound), which is what makes spacing help.</summary>
    [Fact]
    public void EarlyMax_SaturatesTheTagWithinASession()
    {
        var s = new Synapses(Tagging(threshold: 100, earlyMax: 0.05)); // θ_p unreachable: no capture
        s.Drive(600, 1, 0, 1); // 10 min: unbounded, u would reach ≈ 6

        Assert.InRange(s.U[0], 0.0499, 0.05);
        Assert.Equal((float)Rest, (float)s.Late(0), 5);
    }
}
