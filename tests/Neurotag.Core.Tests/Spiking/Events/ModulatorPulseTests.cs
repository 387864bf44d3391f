using Neurotag.Core.Protocol;
using Neurotag.Core.Randomness;
using Neurotag.Core.Specs;
using Neurotag.Core.Spiking.Events;

namespace Neurotag.Core.Tests.Spiking.Events;

/// <summary>
/// Event-driven modulator pulses (issue #13 item 1): the level of a modulator with baseline b and τ after pulses
/// A_k due at steps n_k is b + Σ_{n_k ≤ n} A_k·e^(−(n − n_k)·dt/τ) (each pulse arrives at the end of its step, after
/// that step's relaxation); the delays of one pulse stream are a function of the seed alone.
/// </summary>
public sealed class ModulatorPulseTests
{
    /// <summary>
    /// Izhikevich (2007)'s dopamine (b = 0.002, τ = 200 ms, dt = 1 ms) with pulses of 0.5 at steps 10, 10, 250 and
    /// −0.1 at 900, stepped 2000 times; compared with the closed form at every step. Tolerance 1e-12 relative: the
    /// recursion multiplies by the rounded factor e^(−dt/τ) up to 2000 times (error ≲ 2000 ulp ≈ 4e-13).
    /// </summary>
    [Fact]
    public void Pulses_DecayAsTheClosedForm()
    {
        const double b = 0.002, tau = 200, dt = 1;
        var state = new ModulatorState([new ModulatorSpec("dopamine", b, tau)], dt);
        (long Step, double Amount)[] pulses = [(10, 0.5), (10, 0.5), (250, 0.5), (900, -0.1)];
        foreach (var (step, amount) in pulses)
        {
            state.Schedule(0, step, amount);
        }

        for (long n = 1; n <= 2000; n++)
        {
            state.Step();
            double expected = b + pulses.Where(p => p.Step <= n).Sum(p => p.Amount * Math.Exp(-(n - p.Step) * dt / tau));
            Assert.True(Math.Abs(state.Levels[0] - expected) <= 1e-12 * 1.602, $"step {n}: {state.Levels[0]} vs {expected}");
        }

        Assert.Equal(0, state.PendingPulses);
    }

    /// <summary>
    /// A pulse due inside an offline interval arrives at its step and relaxes to the interval's end:
    /// b + A·e^(−(end − due)·dt/τ). 1e-12 relative (one exp each).
    /// </summary>
    [Fact]
    public void PulseDueOffline_RelaxesFromItsStep()
    {
        var state = new ModulatorState([new ModulatorSpec("da", 0.1, 50)], 0.5);
        state.Step(); // step 1
        state.Schedule(0, 41, 2.0);
        state.FastForward(100); // 200 steps: to step 201
        double expected = 0.1 + (2.0 * Math.Exp(-(201 - 41) * 0.5 / 50));
        Assert.Equal(expected, state.Levels[0], 12);
    }

    /// <summary>
    /// A trigger at step n with a fixed delay of D steps changes the level first in step n + D (by exactly the
    /// pulse), and not in step n + D − 1.
    /// </summary>
    [Fact]
    public void Pulse_ArrivesExactlyDelayAfterItsTrigger()
    {
        var state = new ModulatorState([new ModulatorSpec("da", 0, null)], 1);
        const long trigger = 17, delay = 30;
        state.Schedule(0, trigger + ModulatorPulses.DelaySteps(new ConstantDistribution(delay), RandomSource.ForName(1, "unused")), 1.0);
        for (long n = 1; n <= trigger + delay - 1; n++)
        {
            state.Step();
        }

        Assert.Equal(0, state.Levels[0]);
        state.Step();
        Assert.Equal(1.0, state.Levels[0]);
    }

    /// <summary>
    /// Uniform delays of [1000, 3000] steps from one stream: the same seed gives the same sequence, another seed
    /// another; every draw lies in the range; over 20 000 draws the mean is 2000 ± 5 standard errors
    /// (σ = 2000/√12 ≈ 577, SE ≈ 4.1) and each of the four 500-step quarters holds 25 % ± 1.5 % (5 SE of a binomial).
    /// </summary>
    [Fact]
    public void UniformDelays_AreDeterministicPerSeedAndUniform()
    {
        var delay = new UniformDistribution(1000, 3000);
        long[] Draw(ulong seed, int n)
        {
            var rng = RandomSource.ForName(seed, "pulse:dopamine:0");
            return [.. Enumerable.Range(0, n).Select(_ => ModulatorPulses.DelaySteps(delay, rng))];
        }

        var a = Draw(7, 20_000);
        Assert.Equal(a, Draw(7, 20_000));
        Assert.NotEqual(a.Take(100), Draw(8, 100));
        Assert.All(a, d => Assert.InRange(d, 1000, 3000));
        Assert.InRange(a.Average(), 2000 - 20.5, 2000 + 20.5);
        for (int q = 0; q < 4; q++)
        {
            double share = a.Count(d => d >= 1000 + (500 * q) && d < 1500 + (500 * q)) / (double)a.Length;
            Assert.InRange(share, 0.235, 0.265);
        }
    }

    /// <summary>Normal delays are clipped at 0 steps and rounded to the nearest step (halves up).</summary>
    [Fact]
    public void NormalDelays_AreRoundedAndClippedAtZero()
    {
        var rng = RandomSource.ForName(3, "pulse:x:0");
        var draws = Enumerable.Range(0, 5000).Select(_ => ModulatorPulses.DelaySteps(new NormalDistribution(2, 3), rng)).ToArray();
        Assert.All(draws, d => Assert.True(d >= 0));
        Assert.Contains(0L, draws);
        Assert.Equal(3L, ModulatorPulses.DelaySteps(new ConstantDistribution(2.5), rng));
        Assert.Equal(2L, ModulatorPulses.DelaySteps(new ConstantDistribution(2.49), rng));
    }
}
