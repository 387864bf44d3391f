namespace Neurotag.Core.Spiking.Events;

/// <summary>Triggers at fixed global steps and/or periodically (every T from a start step, the first at start + T).</summary>
public sealed class ScheduleDetector : IEventDetector
{
    private readonly long[] _at;
    private readonly long? _every;
    private readonly long _start;
    private int _next;

    /// <summary>Triggers at <paramref name="atSteps"/> and every <paramref name="everySteps"/> after <paramref name="startStep"/>.</summary>
    public ScheduleDetector(IEnumerable<long> atSteps, long? everySteps, long startStep)
    {
        _at = [.. atSteps.Order()];
        _every = everySteps;
        _start = startStep;
    }

    /// <inheritdoc />
    public int Triggers(long stepIndex)
    {
        long step = stepIndex;
        int count = 0;
        while (_next < _at.Length && _at[_next] <= step)
        {
            // A step skipped by an offline phase triggers nothing (no activity is simulated there).
            if (_at[_next] == step)
            {
                count++;
            }

            _next++;
        }

        if (_every is { } every && step > _start && (step - _start) % every == 0)
        {
            count++;
        }

        return count;
    }

    /// <inheritdoc />
    public void EnterPhase()
    {
    }
}
