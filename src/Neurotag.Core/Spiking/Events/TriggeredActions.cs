using Neurotag.Core.Randomness;
using Neurotag.Core.Specs;

namespace Neurotag.Core.Spiking.Events;

/// <summary>
/// The closed-loop actions of a spiking network (top-level <c>triggers:</c>, <see cref="TriggerSpec"/>): at the end of
/// each online step, each trigger's detector fires (the same detectors as modulator pulses, <see cref="EventDetectors"/>)
/// and schedules its action after a delay drawn per trigger from the stream <c>trigger:K</c>. An action due at step n
/// is applied at the end of step n, so it acts from step n + 1 on, exactly as if a phase had started there: a set
/// holds until the next set; a stimulus window covers steps n + 1 … n + length, on top of the phase's inputs.
/// Actions due inside an offline phase are applied at its end (a window's offline part is skipped).
/// </summary>
public sealed class TriggeredActions
{
    private readonly Trigger[] _triggers;
    private readonly Stimulus[] _stimuli;
    private readonly Dictionary<string, SpikingPopulation> _populations;
    private readonly PriorityQueue<TriggerActionSpec, (long Step, long Order)> _pending = new();
    private long _order;

    private TriggeredActions(Trigger[] triggers, Stimulus[] stimuli, Dictionary<string, SpikingPopulation> populations)
    {
        _triggers = triggers;
        _stimuli = stimuli;
        _populations = populations;
    }

    /// <summary>Whether there is any trigger (the step loop skips this otherwise).</summary>
    public bool Any => _triggers.Length > 0;

    /// <summary>Actions applied so far (for tests).</summary>
    public long Applied { get; private set; }

    /// <summary>Builds the detectors and the inputs the triggers switch on.</summary>
    /// <param name="spec">The scenario.</param>
    /// <param name="populations">The populations, by which sets are applied.</param>
    /// <param name="inputs">The Poisson inputs.</param>
    /// <param name="noiseInputs">The current noise inputs.</param>
    /// <param name="resolve">A population or tag name (and whether it is a tag) → its population and member indices.</param>
    /// <param name="synapses">The named synapses: name → (projection, synapse index).</param>
    public static TriggeredActions Build(SimulationSpec spec, IReadOnlyList<SpikingPopulation> populations, IReadOnlyList<PoissonDrive> inputs,
        IReadOnlyList<NoiseCurrentDrive> noiseInputs, Func<string, bool, (SpikingPopulation Population, int[] Neurons)> resolve,
        IReadOnlyDictionary<string, (SparseProjection Projection, int Synapse)> synapses)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(populations);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(noiseInputs);
        var triggers = new Trigger[spec.Triggers.Count];
        var stimuli = new List<Stimulus>();
        for (int k = 0; k < triggers.Length; k++)
        {
            var trigger = spec.Triggers[k];
            var rng = RandomSource.ForName(spec.Seed, FormattableString.Invariant($"trigger:{k}"));
            triggers[k] = new Trigger(EventDetectors.Create(trigger.On, spec.Clock.DtMs, resolve, synapses), trigger.DelaySteps, trigger.Then, rng);
            if (trigger.Then is StimulateActionSpec s && !stimuli.Any(x => x.Name == s.Input))
            {
                stimuli.Add(new Stimulus(s.Input, inputs.FirstOrDefault(i => i.Name == s.Input), noiseInputs.FirstOrDefault(i => i.Name == s.Input)));
            }
        }

        return new TriggeredActions(triggers, [.. stimuli], populations.ToDictionary(p => p.Name, StringComparer.Ordinal));
    }

    /// <summary>End of online step <paramref name="step"/>: detects the step's events, schedules their actions, applies those due.</summary>
    public void AfterStep(long step)
    {
        foreach (var trigger in _triggers)
        {
            int n = trigger.Detector.Triggers(step);
            for (int i = 0; i < n; i++)
            {
                _pending.Enqueue(trigger.Action, (step + ModulatorPulses.DelaySteps(trigger.Delay, trigger.Rng), _order++));
            }
        }

        ApplyDue(step, offline: false);
    }

    /// <summary>Delivers this step's spikes or currents of the inputs in a stimulus window that the phase does not switch on already.</summary>
    public void DeliverStimuli(long step)
    {
        foreach (var stimulus in _stimuli)
        {
            if (stimulus.Until >= step && !stimulus.PhaseOn)
            {
                stimulus.Poisson?.Deliver(step);
                stimulus.Noise?.Deliver();
            }
        }
    }

    /// <summary>At a phase start after global step <paramref name="step"/>: windows still open resume their trains (after an offline gap).</summary>
    public void EnterPhase(PhaseSpec phase, long step)
    {
        ArgumentNullException.ThrowIfNull(phase);
        foreach (var stimulus in _stimuli)
        {
            stimulus.PhaseOn = phase.Inputs.Contains(stimulus.Name);
            if (stimulus.Until > step && !stimulus.PhaseOn)
            {
                stimulus.Poisson?.Resume(step);
            }
        }

        foreach (var trigger in _triggers)
        {
            trigger.Detector.EnterPhase();
        }
    }

    /// <summary>After an offline interval ending at global step <paramref name="stepAfter"/>: the actions due within it.</summary>
    public void FastForward(long stepAfter) => ApplyDue(stepAfter, offline: true);

    private void ApplyDue(long step, bool offline)
    {
        while (_pending.TryPeek(out var action, out var due) && due.Step <= step)
        {
            _pending.Dequeue();
            long at = offline ? step : due.Step;
            switch (action)
            {
                case SetActionSpec set:
                    foreach (var p in set.Sets)
                    {
                        _populations[p.Population].SetParameter(p.Parameter, p.Value, at);
                    }

                    break;
                case StimulateActionSpec s:
                    var stimulus = Array.Find(_stimuli, x => x.Name == s.Input)!;
                    if (stimulus.Until <= at && !stimulus.PhaseOn)
                    {
                        stimulus.Poisson?.Resume(at); // off until now: its trains start at the next step, as a phase would start them
                    }

                    stimulus.Until = Math.Max(stimulus.Until, due.Step + s.Steps);
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(step), action.GetType().Name, "unknown triggered action");
            }

            Applied++;
        }
    }

    private sealed class Trigger(IEventDetector detector, Distribution delay, TriggerActionSpec action, RandomSource rng)
    {
        public IEventDetector Detector { get; } = detector;

        public Distribution Delay { get; } = delay;

        public TriggerActionSpec Action { get; } = action;

        public RandomSource Rng { get; } = rng;
    }

    private sealed class Stimulus(string name, PoissonDrive? poisson, NoiseCurrentDrive? noise)
    {
        public string Name { get; } = name;

        public PoissonDrive? Poisson { get; } = poisson;

        public NoiseCurrentDrive? Noise { get; } = noise;

        /// <summary>Last step of the window (inclusive); before any trigger, none.</summary>
        public long Until { get; set; } = long.MinValue;

        public bool PhaseOn { get; set; }
    }
}
