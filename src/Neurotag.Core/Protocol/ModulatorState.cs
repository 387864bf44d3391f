using Neurotag.Core.Specs;

namespace Neurotag.Core.Protocol;

/// <summary>Levels of the global modulators (dopamine, threat), one value each.</summary>
public sealed class ModulatorState
{
    private readonly ModulatorSpec[] _specs;
    private readonly double[] _decayPerStep;

    internal ModulatorState(IReadOnlyList<ModulatorSpec> specs, double dtMs)
    {
        _specs = [.. specs];
        Levels = _specs.Select(s => s.Baseline).ToArray();
        _decayPerStep = _specs.Select(s => s.TauMs is { } tau ? Math.Exp(-dtMs / tau) : 1.0).ToArray();
    }

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

    /// <summary>One step of exponential relaxation toward baseline.</summary>
    internal void Step()
    {
        for (int k = 0; k < _specs.Length; k++)
        {
            if (_decayPerStep[k] != 1.0)
            {
                Levels[k] = _specs[k].Baseline + ((Levels[k] - _specs[k].Baseline) * _decayPerStep[k]);
            }
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

    /// <summary>Relaxation over an offline interval of <paramref name="durationMs"/>, in closed form.</summary>
    internal void FastForward(double durationMs)
    {
        for (int k = 0; k < _specs.Length; k++)
        {
            Levels[k] = _specs[k].TauMs is { } tau
                ? _specs[k].Baseline + ((Levels[k] - _specs[k].Baseline) * Math.Exp(-durationMs / tau))
                : _specs[k].Baseline;
        }
    }
}
