using Neurotag.Core.Specs;

namespace Neurotag.Core.Protocol;

/// <summary>
/// Levels of the global modulators (dopamine, threat), one value each. Besides the phases' levels, a level can be
/// raised by pulses scheduled for a later step (<see cref="Schedule"/>, closed-loop events): a pulse due at step n is
/// added at the end of step n, after that step's relaxation, so with τ the level is the closed form
/// b + (L₀ − b)·a^n + Σ_k A_k·a^(n − n_k) over the pulses with n_k ≤ n (a = e^(−dt/τ)).
/// </summary>
public sealed class ModulatorState
{
    private readonly ModulatorSpec[] _specs;
    private readonly double[] _decayPerStep;
    private readonly double _dtMs;
    private readonly PriorityQueue<(int Modulator, double Amount), (long Step, long Order)> _pending = new();
    private long _order;
    private long _step;

    internal ModulatorState(IReadOnlyList<ModulatorSpec> specs, double dtMs)
    {
        _specs = [.. specs];
        Levels = _specs.Select(s => s.Baseline).ToArray();
        _decayPerStep = _specs.Select(s => s.TauMs is { } tau ? Math.Exp(-dtMs / tau) : 1.0).ToArray();
        _dtMs = dtMs;
    }

    /// <summary>Whether any modulator has event-driven pulses (the spiking core then runs its event detectors).</summary>
    public bool HasPulses => _specs.Any(s => s.Pulses.Count > 0);

    /// <summary>The specs, in level order.</summary>
    internal IReadOnlyList<ModulatorSpec> Specs => _specs;

    /// <summary>Pulses scheduled and not yet applied.</summary>
    public int PendingPulses => _pending.Count;

    /// <summary>
    /// Adds <paramref name="amount"/> to modulator <paramref name="index"/> at the end of global step
    /// <paramref name="dueStep"/> (after its relaxation); a step already past is applied at the next step's end.
    /// Pulses due at the same step are added in the order they were scheduled (deterministic sums).
    /// </summary>
    public void Schedule(int index, long dueStep, double amount) => _pending.Enqueue((index, amount), (dueStep, _order++));

    /// <summary>Current levels, in spec order.</summary>
    public double[] Levels { get; }

    /// <summary>Index of a modulator by name.</summary>
    public int IndexOf(string name) => Array.FindIndex(_specs, s => s.Name == name);

    /// <summary>
    /// At a phase start: the phase's levels are set; modulators without a time constant that the phase does not
    /// set return to baseline; those with one keep relaxing from where they are.
    /// </summary>
    internal void EnterPhase(PhaseSpec phase)
    {
        for (int k = 0; k < _specs.Length; k++)
        {
            if (_specs[k].TauMs is null)
            {
                Levels[k] = _specs[k].Baseline;
            }
        }

        foreach (var level in phase.Modulators)
        {
            Levels[IndexOf(level.Modulator)] = level.Level;
        }
    }

    /// <summary>One step of exponential relaxation toward baseline, then the pulses due at this step.</summary>
    internal void Step()
    {
        _step++;
        for (int k = 0; k < _specs.Length; k++)
        {
            if (_decayPerStep[k] != 1.0)
            {
                Levels[k] = _specs[k].Baseline + ((Levels[k] - _specs[k].Baseline) * _decayPerStep[k]);
            }
        }

        while (_pending.TryPeek(out var pulse, out var due) && due.Step <= _step)
        {
            _pending.Dequeue();
            Levels[pulse.Modulator] += pulse.Amount;
        }
    }

    /// <summary>
    /// Level of modulator <paramref name="index"/> a time <paramref name="ms"/> into an offline interval that starts
    /// now (closed-form relaxation with <c>tau</c>; constant without).
    /// </summary>
    internal double LevelAfter(int index, double ms) =>
        _specs[index].TauMs is { } tau ? _specs[index].Baseline + ((Levels[index] - _specs[index].Baseline) * Math.Exp(-ms / tau)) : Levels[index];

    /// <summary>
    /// When, in an offline interval starting now, modulator <paramref name="index"/> crosses <paramref name="level"/>
    /// (relaxation toward baseline crosses a level at most once), or null if it never does.
    /// </summary>
    internal double? CrossingTime(int index, double level)
    {
        double b = _specs[index].Baseline;
        double ratio = (level - b) / (Levels[index] - b);
        return _specs[index].TauMs is { } tau && ratio > 0 && ratio < 1 ? tau * Math.Log(1 / ratio) : null;
    }

    /// <summary>
    /// Relaxation over an offline interval of <paramref name="durationMs"/>, in closed form; pulses due within it
    /// arrive at their step and relax from there to the interval's end (they were triggered online before it).
    /// </summary>
    internal void FastForward(double durationMs)
    {
        for (int k = 0; k < _specs.Length; k++)
        {
            Levels[k] = _specs[k].TauMs is { } tau
                ? _specs[k].Baseline + ((Levels[k] - _specs[k].Baseline) * Math.Exp(-durationMs / tau))
                : _specs[k].Baseline;
        }

        long end = _step + (long)Math.Round(durationMs / _dtMs);
        while (_pending.TryPeek(out var pulse, out var due) && due.Step <= end)
        {
            _pending.Dequeue();
            double remainingMs = (end - Math.Max(due.Step, _step)) * _dtMs;
            Levels[pulse.Modulator] += _specs[pulse.Modulator].TauMs is { } tau ? pulse.Amount * Math.Exp(-remainingMs / tau) : 0;
        }

        _step = end;
    }
}
