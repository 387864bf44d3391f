using System.Globalization;
using Neurotag.Core.Specs;

namespace Neurotag.Core.Tests.Spiking.AdEx;

/// <summary>
/// The closed-form rheobase of AdEx (Touboul &amp; Brette 2008; Fixtures/adex/README.md "Rheobase"): saddle-node when
/// a &lt; C/τ_w, Andronov–Hopf when a &gt; C/τ_w. Checked against the fixture table and by simulation: started at the
/// fixed point, 0.98·I_rh never spikes in 3 s and 1.02·I_rh does (Brian2 at dt 0.01 ms: 22, 4, 6, 6 and 10 spikes).
/// </summary>
public sealed class AdExRheobaseTests
{
    public static TheoryData<string> BracketedSets() => ["tonic", "adapting", "initial-burst", "regular-bursting", "brette-gerstner-2005"];

    [Fact]
    public void ClosedForm_MatchesTheFixtureTable()
    {
        int rows = 0;
        foreach (string line in AdExReference.Lines("rheobase.csv"))
        {
            string[] p = line.Split(',');
            var neuron = Neuron(p[0]);
            double expected = double.Parse(p[13], CultureInfo.InvariantCulture);
            // The table prints 6 decimals (pA): agreement to 1e-5 pA is the print's rounding.
            Assert.Equal(expected, neuron.RheobasePa, 1e-5 + (1e-9 * Math.Abs(expected)));
            Assert.Equal(p[11] == "hopf", neuron.LosesRestByHopf && neuron.GLeak + neuron.A > 0);
            if (p[11] != "degenerate")
            {
                Assert.Equal(double.Parse(p[12], CultureInfo.InvariantCulture), neuron.RheobaseVoltage, 1e-5);
            }

            rows++;
        }

        Assert.Equal(9, rows);
    }

    [Fact]
    public void HopfRheobase_IsBelowTheSaddleNodeCurrent()
    {
        // Brette–Gerstner: I_SN = (g_L + a)(V_T − E_L − Δ_T + Δ_T ln(1 + a/g_L)) = 34 · 18.4503 = 627.31 pA, and the
        // Hopf point comes first at 627.18 pA. (The fixture README's "I_SN = 0.6286 nA" does not follow from its own
        // formula; its table's 627.1825 pA for I_H does.)
        var neuron = AdExReference.BretteGerstner;
        double vStar = neuron.VT + (neuron.DeltaT * Math.Log(1 + (neuron.A / neuron.GLeak)));
        Assert.True(neuron.LosesRestByHopf);
        Assert.Equal(627.311, neuron.FixedPointCurrent(vStar), 0.001);
        Assert.Equal(627.182, neuron.RheobasePa, 0.001);
        Assert.True(neuron.RheobasePa < neuron.FixedPointCurrent(vStar));
    }

    [Fact]
    public void RestingPotential_SolvesTheIVCurveAndStopsAtTheRheobase()
    {
        var neuron = AdExReference.Naud["tonic"];
        double v = neuron.RestingPotential(100);
        Assert.Equal(100, neuron.FixedPointCurrent(v), 1e-9);
        Assert.True(v < neuron.RheobaseVoltage);
        // Without current the depolarizing exponential term holds rest a little above E_L: v ≈ E_L + g_L Δ_T e^{(E_L−V_T)/Δ_T}/(g_L + a).
        double rest = neuron.RestingPotential(0);
        Assert.Equal(0, neuron.FixedPointCurrent(rest), 1e-9);
        Assert.Equal(neuron.ELeak + (neuron.GLeak * neuron.DeltaT * Math.Exp((neuron.ELeak - neuron.VT) / neuron.DeltaT) / (neuron.GLeak + neuron.A)), rest, 1e-8);
        Assert.True(double.IsNaN(neuron.RestingPotential(1.001 * neuron.RheobasePa)));
    }

    [Theory]
    [MemberData(nameof(BracketedSets))]
    public void JustBelowTheRheobase_NoSpike_JustAbove_Spikes(string set)
    {
        const double dtMs = 0.01;
        var neuron = Neuron(set);
        double rheobase = neuron.RheobasePa;
        Assert.Empty(Run(neuron, 0.98 * rheobase, dtMs));
        Assert.NotEmpty(Run(neuron, 1.02 * rheobase, dtMs));
    }

    /// <summary>
    /// Spike steps in 3 s under bias <paramref name="current"/>, from the fixed point on F's rising branch (as the
    /// fixture script): of the current itself where it exists — stable below the rheobase, the unstable focus just
    /// above a Hopf point — and above a saddle-node, where there is none, of 0.999·I_rh.
    /// </summary>
    private static List<long> Run(AdExNeuronSpec neuron, double current, double dtMs)
    {
        double start = neuron.LosesRestByHopf ? current : Math.Min(current, 0.999 * neuron.RheobasePa);
        double v0 = RisingBranchRoot(neuron, start);
        var spec = neuron with
        {
            Bias = current,
            VInit = new ConstantDistribution(v0),
            WInit = new ConstantDistribution(neuron.A * (v0 - neuron.ELeak)),
        };
        return AdExReference.SpikeSteps(AdExReference.Population(spec, dtMs), (long)Math.Round(3000 / dtMs));
    }

    /// <summary>The root of F(v) = I below F's maximum v* = V_T + Δ_T ln(1 + a/g_L), by bisection.</summary>
    private static double RisingBranchRoot(AdExNeuronSpec neuron, double current)
    {
        double low = neuron.ELeak - 200;
        double high = neuron.VT + (neuron.DeltaT * Math.Log(1 + (neuron.A / neuron.GLeak)));
        for (int k = 0; k < 200; k++)
        {
            double mid = 0.5 * (low + high);
            (low, high) = neuron.FixedPointCurrent(mid) < current ? (mid, high) : (low, mid);
        }

        return 0.5 * (low + high);
    }

    private static AdExNeuronSpec Neuron(string set) =>
        set == "brette-gerstner-2005" ? AdExReference.BretteGerstner : AdExReference.Naud[set];
}
