using Neurotag.Core.Rate;
using Neurotag.Core.Rate.Plasticity;
using Neurotag.Core.Specs;

namespace Neurotag.Core.Tests.Rate.Plasticity;

/// <summary>
/// The published late phase (Clopath et al. 2008, PLoS Comput Biol 4:e1000248; Luboeinski &amp; Tetzlaff 2021, Commun
/// Biol 4:275) with its published values: h0 = 0.420075, τ_h = 688.4 s, τ_p = τ_z = 60 min, θ_tag = 0.2·h0,
/// θ_pro = 0.5·h0, α = 1. Two presynaptic neurons (0: strong pathway, 1: weak pathway) onto one postsynaptic neuron, so
/// both share its protein; dt = 1 s; the Hebbian drive η·x·y (η = 0.01/s) stands in for the papers' calcium drive.
/// A strong trial (60 s at x = y = 1) moves h by ≈ 0.6 (Σ|h − h0| &gt; θ_pro = 0.21: synthesis); a weak one (15 s) by
/// ≈ 0.15 (tagged, &gt; θ_tag = 0.084, but no synthesis).
/// </summary>
public sealed class LatePhaseTests
{
    private const double Hour = 3_600_000;
    private const double H0 = 0.420075;
    private const double TauE = 6884.0; // s, τ_h/0.1
    private const double TagTheta = 0.2 * H0;
    private const double ProTheta = 0.5 * H0;

    private sealed class Synapses
    {
        public Synapses()
        {
            var plasticity = new PlasticitySpec(PlasticityRule.Hebbian, 0.01, null, "lfs", 1) { LatePhase = LatePhaseSpec.Published };
            Network = new RateSimulator(new SpecBuilder()
                .DtNanoseconds(1_000_000_000)
                .Population("pre", 2)
                .Population("post", 1)
                .Modulator("lfs", 0, null)
                .Projection("plastic", "pre", "post", new WeightSpec(new ConstantDistribution(H0), 0, 10), plasticity: plasticity)
                .Phase("drive", 1)
                .Build()).Network;
        }

        public RateNetwork Network { get; }

        public LatePhaseHebbianRule Rule => (LatePhaseHebbianRule)Network.Rules[0];

        public float[] W => Network.Projections[0].Weights;

        public double Z(int i) => Rule.Late[i];

        public double H(int i) => Rule.Early[i];

        /// <summary><paramref name="steps"/> seconds with the given rates; factor = 1 + g·m: −1 is a depressing (anti-Hebbian) drive.</summary>
        public void Drive(int steps, double x0, double x1, double y, double factor = 1)
        {
            for (int k = 0; k < steps; k++)
            {
                Network.Modulators.Levels[0] = factor - 1;
                Network.Populations[0].Rate[0] = (float)x0;
                Network.Populations[0].Rate[1] = (float)x1;
                Network.Populations[1].Rate[0] = (float)y;
                Array.Clear(Network.Populations[1].Input);
                Network.Projections[0].GatherPreRates();
                Network.Rules[0].Advance(true);
            }
        }

        public void Strong(double factor = 1) => Drive(60, 1, 0, 1, factor);

        public void Weak() => Drive(15, 0, 1, 1);

        public void Offline(double ms) => Network.Rules[0].FastForward(ms);

        /// <summary>Sets synapse i's early weight (through w, as a competition step would) and the row's state.</summary>
        public void Set(int i, double h, double earlySum, double protein)
        {
            W[i] = (float)h;
            Rule.EarlySum[0] = earlySum;
            Rule.Protein[0] = protein;
        }
    }

    /// <summary>With p held at α = 1 (synthesis on, p = 1) and a tag up, z = 1 − (1 − z0)·e^{−t/τ_z}: online and offline.</summary>
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void LateWeight_WithProteinHeld_RelaxesTowardOneAtRateP(bool offline)
    {
        var s = new Synapses();
        s.Set(0, H0 + 0.5, earlySum: 0.5, protein: 1.0); // tag holds 3.4 h, synthesis 1.7 h: both through the hour
        if (offline)
        {
            s.Offline(1 * Hour);
        }
        else
        {
            s.Drive(3600, 0, 0, 0);
        }

        // Exact per step with p held: z to double rounding over 3600 steps; h to 1e-7, since the initial w and the
        // projection's h0 are float32 (0.420075 is stored as 0.42007499…).
        Assert.Equal(1 - Math.Exp(-1), s.Z(0), 9);
        Assert.Equal(1.0, s.Rule.Protein[0], 12);
        Assert.Equal(0.5 * Math.Exp(-3600 / TauE), s.H(0) - H0, 7);
    }

    /// <summary>p rises toward α while Σ|h − h0| &gt; θ_pro, i.e. until t_off = τ_e·ln(Σ/θ_pro), then decays with τ_p.</summary>
    [Fact]
    public void Protein_RisesWhileAboveThreshold_ThenDecays_ClosedForm()
    {
        var s = new Synapses();
        s.Set(0, H0 + 0.5, earlySum: 0.5, protein: 0.0);
        s.Offline(5 * Hour);
        double tOff = TauE * Math.Log(0.5 / ProTheta) / 3600; // hours
        double expected = (1 - Math.Exp(-tOff)) * Math.Exp(-(5 - tOff));
        // 1e-8: θ_pro is 0.5·h0 with h0 in float32 (relative 2e-9), which moves t_off by ~τ_e·2e-9.
        Assert.Equal(expected, s.Rule.Protein[0], 8);
    }

    /// <summary>The whole model against a naive forward-Euler integration of the published equations (dt = 0.05 s).</summary>
    [Fact]
    public void StrongThenOffline_AgreesWithNaiveEulerOfThePublishedEquations()
    {
        var s = new Synapses();
        s.Strong();
        double[] h = [s.H(0), s.H(1)];
        double[] z = [0, 0];
        double p = s.Rule.Protein[0];
        s.Offline(8 * Hour);

        const double dt = 0.05; // s
        for (int k = 0; k < 8 * 3600 / dt; k++)
        {
            double sum = Math.Abs(h[0] - H0) + Math.Abs(h[1] - H0);
            double dp = (-p + (sum > ProTheta ? 1 : 0)) / 3600;
            for (int i = 0; i < 2; i++)
            {
                double d = h[i] - H0;
                z[i] += dt * p * (((1 - z[i]) * (d > TagTheta ? 1 : 0)) - ((z[i] + 0.5) * (-d > TagTheta ? 1 : 0))) / 3600;
                h[i] += dt * 0.1 * (H0 - h[i]) / 688.4;
            }

            p += dt * dp;
        }

        // Euler with dt = 0.05 s over hours: global error O(dt/τ) ≈ 1e-5 relative; 1e-4 absolute on z and p.
        Assert.InRange(z[0], 0.3, 1.0); // the strong synapse is consolidated: the test is not vacuous
        Assert.Equal(z[0], s.Z(0), 4);
        Assert.Equal(0.0, s.Z(1), 12); // the untouched synapse carries no tag: no late change at all
        Assert.Equal(p, s.Rule.Protein[0], 4);
        Assert.Equal(h[0], s.H(0), 6);
    }

    /// <summary>
    /// A long offline phase equals many online steps without activity. Online, a tag or the synthesis switches off at
    /// the first step start past the crossing, so z may differ by one step's change, p·dt/τ_z·(target − z) ≤ 2.8e-4,
    /// per switch; p by dt/τ_p ≤ 2.8e-4.
    /// </summary>
    [Fact]
    public void Offline_AgreesWithManyOnlineStepsWithoutActivity()
    {
        var online = new Synapses();
        var offline = new Synapses();
        foreach (var s in new[] { online, offline })
        {
            s.Weak();
            s.Drive(1800, 0, 0, 0);
            s.Strong();
        }

        online.Drive(12 * 3600, 0, 0, 0);
        offline.Offline(12 * Hour);
        for (int i = 0; i < 2; i++)
        {
            Assert.True(online.Z(i) > 0.01, $"synapse {i} was consolidated");
            Assert.True(Math.Abs(online.Z(i) - offline.Z(i)) < 3e-4, $"z{i}: online {online.Z(i):R}, offline {offline.Z(i):R}");
            Assert.Equal(online.H(i), offline.H(i), 6); // h decays in closed form both ways: double rounding
            Assert.True(Math.Abs(online.W[i] - offline.W[i]) < 3e-4 * H0);
        }

        Assert.True(Math.Abs(online.Rule.Protein[0] - offline.Rule.Protein[0]) < 3e-4);
    }

    [Fact]
    public void WeakTrialAlone_IsTaggedButLeavesNoLateWeight()
    {
        var s = new Synapses();
        s.Weak();
        Assert.InRange(s.H(1) - H0, TagTheta, ProTheta); // tagged, below the synthesis threshold
        s.Offline(24 * Hour);
        Assert.Equal(0.0, s.Rule.Protein[0]);
        Assert.Equal(0.0, s.Z(1));
        Assert.True(Math.Abs(s.W[1] - H0) < 1e-5, $"w = {s.W[1]:R}"); // e^{−12.6} of 0.15 remains
    }

    /// <summary>
    /// Weak before strong (Frey &amp; Morris 1998; Clopath et al. 2008): the weak synapse's late weight rises only when the
    /// strong trial comes within the weak tag's lifetime τ_e·ln(0.15/θ_tag) ≈ 1.1 h.
    /// </summary>
    [Fact]
    public void WeakTrial_IsCapturedByAStrongTrial30MinLater_ButNotTwoHoursLater()
    {
        double Run(int gapSeconds)
        {
            var s = new Synapses();
            s.Weak();
            s.Offline(gapSeconds * 1000.0);
            s.Strong();
            s.Offline(24 * Hour);
            Assert.True(s.Z(0) > 0.5, "the strong synapse itself is consolidated");
            return s.Z(1);
        }

        double near = Run(1800);
        double far = Run(7200);
        Assert.True(near > 0.05, $"captured z = {near:R}");
        Assert.Equal(0.0, far);
    }

    /// <summary>Three strong trials 1 h apart: z approaches but never exceeds 1, so w − h0 stays ≤ h0 once h has decayed.</summary>
    [Fact]
    public void ThreeStrongTrialsOneHourApart_StayWithinTheCeiling()
    {
        var s = new Synapses();
        double max = 0;
        for (int trial = 0; trial < 3; trial++)
        {
            s.Strong();
            for (int k = 0; k < 60; k++)
            {
                s.Offline(Hour / 60);
                max = Math.Max(max, s.Z(0));
            }
        }

        s.Offline(24 * Hour);
        Assert.InRange(max, 0.5, 1.0);
        Assert.InRange(s.Z(0), 0.9, 1.0);
        Assert.True(s.W[0] - H0 <= H0 + 1e-5, $"late weight {s.W[0] - H0:R} exceeds the ceiling h0 = {H0}");
    }

    /// <summary>Late depression: a depressing drive (factor −1) below h0 − θ_tag with synthesis moves z toward −0.5, never below.</summary>
    [Fact]
    public void DepressingProtocol_GivesLateDepression_BoundedAtMinusHalf()
    {
        var s = new Synapses();
        for (int trial = 0; trial < 3; trial++)
        {
            s.Drive(35, 1, 0, 1, factor: -1); // h ≈ h0 − 0.35: tagged down, Σ > θ_pro
            Assert.True(s.H(0) - H0 < -ProTheta);
            s.Offline(Hour);
        }

        s.Offline(24 * Hour);
        Assert.InRange(s.Z(0), -0.5, -0.3);
        Assert.Equal(H0 * (1 + s.Z(0)), s.W[0], 4);
    }

    [Fact]
    public void UntaggedSynapse_KeepsItsLateWeight_EvenWithProtein()
    {
        var s = new Synapses();
        s.Drive(5, 0, 1, 1); // h1 − h0 ≈ 0.05 < θ_tag
        s.Strong();          // proteins for the neuron
        s.Offline(24 * Hour);
        Assert.True(s.Z(0) > 0.5);
        Assert.Equal(0.0, s.Z(1));
    }
}
