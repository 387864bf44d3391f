using System.Globalization;
using Neurotag.Core.Protocol;
using Neurotag.Core.Specs;
using Neurotag.Core.Spiking;
using Xunit.Abstractions;

namespace Neurotag.Core.Tests.Spiking;

/// <summary>
/// Spiking homeostasis (<see cref="AdaptiveThreshold"/>, LIF): a neuron with constant drive converges to the threshold
/// at which its closed-form rate is the target; the controller's bookkeeping identity; frozen by plasticity off;
/// determinism. Also the spiking <c>disinhibit</c> action (weights scaled at the phase start).
/// </summary>
public sealed class AdaptiveThresholdTests(ITestOutputHelper output)
{
    /// <summary>
    /// One LIF neuron (τ_m 20 ms, v_rest = v_reset = −60 mV, v_thresh −50 mV, t_ref 2 ms) with constant drive RI fires
    /// at f(θ) = 1/(t_ref + τ·ln(RI/(RI − D))), D = v_thresh + θ − v_rest (Dayan &amp; Abbott 2001, §5.4). Homeostasis
    /// toward r fixes θ* where f(θ*) = r: D* = RI·(1 − e^{−(1/r − t_ref)/τ}). τ_h = 20 s (0.05 mV per spike), dt = 0.1 ms,
    /// 120 s. Near θ*, dθ/dt = (κ/τ_h)·f'(θ*)·(θ − θ*) with f' = −f²·τ/(RI − D*) (−4 Hz/mV for RI 25 mV, 40 Hz), so θ
    /// relaxes with τ_h/(κ·|f'|) ≈ 5 s (≤ 6 s for every case here): after 80 s the transient is below e^{−13}.
    /// Checks: (1) the identity θ(T) − θ(0) = (κ/τ_h)·(N − r·T) (double precision: 10⁻⁹ mV per step over 1.2·10⁶
    /// steps); (2) the mean θ over the last 40 s equals θ* within 0.1 mV — the spike times snap to the 0.1 ms grid
    /// (a mean ISI error of ≤ 0.1 ms on 25 ms is ≤ 0.04 mV of D through dT/dD = τ/(RI − D) ≈ 2.5 ms/mV) plus half the
    /// 0.05 mV limit cycle; (3) the rate over the last 40 s is the target within 1 %; (4) the rate without homeostasis
    /// is far from it (the test would fail if θ did nothing).
    /// </summary>
    [Theory]
    [InlineData(25.0, 40.0)]
    [InlineData(25.0, 20.0)]
    [InlineData(40.0, 60.0)]
    [InlineData(15.0, 30.0)]
    public void ConstantDrive_ConvergesToTheClosedFormThreshold(double drive, double targetHz)
    {
        const double dtMs = 0.1, tauHMs = 20_000, tRefMs = 2, tauM = 20;
        const int steps = 1_200_000, tailSteps = 400_000;
        var neuron = SpikingSpecs.Lif(bias: drive, tRefMs: tRefMs) with { Homeostasis = new HomeostasisSpec(targetHz, tauHMs) };
        var sim = new SpikingSimulator(SpikingSpecs.Spec([new PopulationSpec("n", 1, neuron)], [], [SpikingSpecs.Phase("run", steps)]));
        var population = (LifPopulation)sim.Network.Populations[0];
        double thetaSum = 0;
        long spikes = 0, tailSpikes = 0;
        for (int k = 1; k <= steps; k++)
        {
            sim.Step(learning: true);
            spikes += population.SpikeCount;
            if (k > steps - tailSteps)
            {
                tailSpikes += population.SpikeCount;
                thetaSum += population.Theta![0];
            }
        }

        double jump = AdaptiveThreshold.KappaMvMs / tauHMs;
        double seconds = steps * dtMs / 1000;
        Assert.Equal(jump * (spikes - (targetHz * seconds)), population.Theta![0], 1e-9 * steps);

        double dStar = drive * (1 - Math.Exp(-((1000 / targetHz) - tRefMs) / tauM));
        double thetaStar = dStar - 10;
        double meanTheta = thetaSum / tailSteps;
        double tailRate = tailSpikes / (tailSteps * dtMs / 1000);
        double freeRate = 1000 / (tRefMs + (tauM * Math.Log(drive / (drive - 10))));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"RI {drive} mV, target {targetHz} Hz: θ* {thetaStar:F4} mV, simulated mean θ {meanTheta:F4} mV, tail rate {tailRate:F3} Hz, rate without homeostasis {freeRate:F1} Hz"));
        Assert.Equal(thetaStar, meanTheta, 0.1);
        Assert.Equal(targetHz, tailRate, 0.01 * targetHz);
        Assert.True(Math.Abs(freeRate - targetHz) > 0.2 * targetHz, "the drive alone must not already give the target");
    }

    /// <summary><c>plasticity: off</c> (learning false) freezes θ; learning steps move it.</summary>
    [Fact]
    public void PlasticityOff_FreezesTheThreshold()
    {
        var neuron = SpikingSpecs.Lif(bias: 25, tRefMs: 2) with { Homeostasis = new HomeostasisSpec(5, 10_000) };
        var sim = new SpikingSimulator(SpikingSpecs.Spec([new PopulationSpec("n", 3, neuron)], [], [SpikingSpecs.Phase("run", 20_000)]));
        var theta = ((LifPopulation)sim.Network.Populations[0]).Theta!;
        for (int k = 0; k < 10_000; k++)
        {
            sim.Step(learning: false);
        }

        Assert.All(theta, t => Assert.Equal(0.0, t));
        for (int k = 0; k < 10_000; k++)
        {
            sim.Step(learning: true);
        }

        Assert.All(theta, t => Assert.True(t > 1, $"θ {t} should have risen (about 80 Hz against 5 Hz for 1 s, 0.1 mV per spike)"));
    }

    /// <summary>Same spec and seed, same spikes and thresholds, bit for bit (a network with random initial v and recurrent input).</summary>
    [Fact]
    public void SameSeed_SameThresholds()
    {
        double[] Run()
        {
            var neuron = SpikingSpecs.Lif(bias: 18, tRefMs: 2) with
            {
                Homeostasis = new HomeostasisSpec(8, 5_000),
                VInit = new UniformDistribution(-60, -50),
            };
            var spec = SpikingSpecs.Spec([new PopulationSpec("n", 200, neuron)],
                [SpikingSpecs.Projection("rec", "n", "n", new ConnectivitySpec(ConnectivityRule.FixedProbability, 0.1, 0, false), 0.5)],
                [SpikingSpecs.Phase("run", 5_000)], seed: 7);
            var sim = new SpikingSimulator(spec);
            for (int k = 0; k < 5_000; k++)
            {
                sim.Step(learning: true);
            }

            return (double[])((LifPopulation)sim.Network.Populations[0]).Theta!.Clone();
        }

        var a = Run();
        Assert.Equal(a, Run());
        Assert.True(a.Distinct().Count() > 10, "neurons should differ (random v_init): the check would be weak otherwise");
    }

    /// <summary>
    /// <c>disinhibit</c> in a spiking network: at the phase start every weight of the projection is multiplied by the
    /// factor (a float product, so exactly w·f in float), clipped to the bounds.
    /// </summary>
    [Fact]
    public void Disinhibit_ScalesTheSparseWeights()
    {
        var spec = SpikingSpecs.Spec([new PopulationSpec("n", 50, SpikingSpecs.Lif())],
            [SpikingSpecs.Projection("inh", "n", "n", new ConnectivitySpec(ConnectivityRule.FixedProbability, 0.2, 0, false), 3.0, inhibitory: true)],
            [SpikingSpecs.Phase("run", 10)]);
        var sim = new SpikingSimulator(spec);
        var projection = sim.Network.Projections[0];
        var before = (float[])projection.Weight.Clone();
        var phase = SpikingSpecs.Phase("off", 10) with { Disinhibitions = [new Disinhibition("inh", 0.5)] };

        ((ICoreStepper)sim).EnterPhase(phase, 0);

        Assert.True(before.Length > 100);
        Assert.Equal(before.Select(w => w * 0.5f), projection.Weight);
    }
}
