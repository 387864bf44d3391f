using Neurotag.Core.Protocol;
using Neurotag.Core.Randomness;
using Neurotag.Core.Specs;

namespace Neurotag.Core.Spiking.Events;

/// <summary>
/// The closed loop of a spiking network: every modulator pulse (<see cref="ModulatorPulseSpec"/>) with its detector.
/// At the end of each online step, each detector's triggers schedule the pulse's amount on the modulator after a
/// delay drawn per trigger from the pulse's own stream <c>pulse:MODULATOR:K</c> (so adding a pulse shifts no other
/// draw and the same seed gives the same delays). Izhikevich (2007): DA += 0.5 μM 1–3 s after each n1 → n2 pairing.
/// </summary>
public sealed class ModulatorPulses
{
    private readonly Pulse[] _pulses;
    private readonly ModulatorState _modulators;

    private ModulatorPulses(Pulse[] pulses, ModulatorState modulators)
    {
        _pulses = pulses;
        _modulators = modulators;
    }

    /// <summary>Whether there is any pulse (the step loop skips the detectors otherwise).</summary>
    public bool Any => _pulses.Length > 0;

    /// <summary>Pulses triggered so far, per modulator name (for tests and the describe line).</summary>
    public long Triggered { get; private set; }

    /// <summary>Builds the detectors of every modulator's pulses.</summary>
    /// <param name="spec">The scenario.</param>
    /// <param name="modulators">The levels the pulses raise.</param>
    /// <param name="resolve">A population or tag name (and whether it is a tag) → its population and member indices.</param>
    /// <param name="synapses">The named synapses: name → (projection, synapse index).</param>
    public static ModulatorPulses Build(SimulationSpec spec, ModulatorState modulators, Func<string, bool, (SpikingPopulation Population, int[] Neurons)> resolve,
        IReadOnlyDictionary<string, (SparseProjection Projection, int Synapse)> synapses)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(modulators);
        ArgumentNullException.ThrowIfNull(resolve);
        ArgumentNullException.ThrowIfNull(synapses);
        var pulses = new List<Pulse>();
        foreach (var modulator in spec.Modulators)
        {
            for (int k = 0; k < modulator.Pulses.Count; k++)
            {
                var pulse = modulator.Pulses[k];
                var detector = EventDetectors.Create(pulse.On, spec.Clock.DtMs, resolve, synapses);
                var rng = RandomSource.ForName(spec.Seed, FormattableString.Invariant($"pulse:{modulator.Name}:{k}"));
                pulses.Add(new Pulse(detector, modulators.IndexOf(modulator.Name), pulse.Amount, pulse.DelaySteps, rng));
            }
        }

        return new ModulatorPulses([.. pulses], modulators);
    }

    /// <summary>End of online step <paramref name="step"/>: detects the events of the step and schedules their pulses.</summary>
    public void AfterStep(long step)
    {
        foreach (var pulse in _pulses)
        {
            int n = pulse.Detector.Triggers(step);
            for (int i = 0; i < n; i++)
            {
                _modulators.Schedule(pulse.Modulator, step + pulse.DrawDelay(), pulse.Amount);
                Triggered++;
            }
        }
    }

    /// <summary>At a phase start.</summary>
    public void EnterPhase()
    {
        foreach (var pulse in _pulses)
        {
            pulse.Detector.EnterPhase();
        }
    }

    /// <summary>
    /// Delay in steps of one trigger: a constant, or a draw rounded to the nearest step (halves up) and clipped at 0.
    /// </summary>
    public static long DelaySteps(Distribution delay, RandomSource rng)
    {
        ArgumentNullException.ThrowIfNull(delay);
        ArgumentNullException.ThrowIfNull(rng);
        double steps = delay is ConstantDistribution c ? c.Value : rng.Sample(delay);
        return Math.Max(0L, (long)Math.Floor(steps + 0.5));
    }

    private sealed class Pulse(IEventDetector detector, int modulator, double amount, Distribution delay, RandomSource rng)
    {
        public IEventDetector Detector { get; } = detector;

        public int Modulator { get; } = modulator;

        public double Amount { get; } = amount;

        public long DrawDelay() => DelaySteps(delay, rng);
    }
}
