using Neurotag.Core.Specs;

namespace Neurotag.Core.Spiking;

/// <summary>
/// Homeostatic threshold adaptation of one spiking population: the spiking form of the rate side's
/// <c>τ_h dθ_i/dt = r_i − r_target</c> (Turrigiano 2008; the integral controller of Turrigiano &amp; Nelson 2004), with
/// the neuron's own spike train S_i(t) = Σ_k δ(t − t_k) as its rate and θ in mV:
/// <c>dθ_i/dt = (κ/τ_h)·(S_i(t) − r_target)</c>, κ = 1 mV per Hz (so 1 mV·s). Each spike raises θ_i by κ/τ_h and θ_i
/// falls by κ·r_target/τ_h per second between spikes — the discrete-time intrinsic plasticity of Lazar, Pipa &amp;
/// Triesch (2009, Front Comput Neurosci 3:23, SORN: T_i ← T_i + η_IP·(x_i − H_IP)) in continuous time. Integrating
/// the spike train itself (no rate estimate) makes the controller exact: θ_i(t) − θ_i(0) = (κ/τ_h)·(N_i(t) − r_target·t)
/// over learning time, so whenever θ_i settles the neuron's long-run rate is r_target. A neuron with constant drive
/// therefore converges to the threshold at which its deterministic rate is the target, up to a limit cycle of one
/// step κ/τ_h. Runs in learning steps only (frozen by <c>plasticity: off</c>) and is frozen during offline phases,
/// as on the rate side. θ is kept in double: the per-step drift (κ·r_target·dt/τ_h, 10⁻¹⁰ mV for τ_h = 1 h) is far
/// below float's resolution at a few mV.
/// </summary>
public sealed class AdaptiveThreshold
{
    /// <summary>κ in mV·ms per Hz·ms: 1 mV per Hz of rate error is 1 mV·s, 1000 mV·ms.</summary>
    public const double KappaMvMs = 1000;

    private readonly SpikingPopulation _population;
    private readonly double[] _theta;
    private readonly double _jump;
    private readonly double _drift;

    /// <summary>Adapts <paramref name="theta"/> (the population's per-neuron threshold shifts) after each step of <paramref name="population"/>.</summary>
    public AdaptiveThreshold(SpikingPopulation population, double[] theta, HomeostasisSpec spec, double dtMs)
    {
        ArgumentNullException.ThrowIfNull(population);
        ArgumentNullException.ThrowIfNull(theta);
        ArgumentNullException.ThrowIfNull(spec);
        if (!(spec.TauMs > 0) || !(spec.TargetRate >= 0) || !(dtMs > 0))
        {
            throw new ArgumentException("homeostasis needs τ_h > 0, a target rate ≥ 0 and dt > 0", nameof(spec));
        }

        _population = population;
        _theta = theta;
        _jump = KappaMvMs / spec.TauMs;
        _drift = _jump * spec.TargetRate * dtMs / 1000.0;
    }

    /// <summary>The threshold rise per spike, κ/τ_h, in mV.</summary>
    public double JumpMv => _jump;

    /// <summary>One step, after the population integrated it: every θ falls by the drift, the spiking neurons' rise by one jump.</summary>
    public void Step(bool learning)
    {
        if (!learning)
        {
            return;
        }

        var theta = _theta;
        double drift = _drift;
        for (int i = 0; i < theta.Length; i++)
        {
            theta[i] -= drift;
        }

        foreach (int i in _population.Spikes)
        {
            theta[i] += _jump;
        }
    }
}
