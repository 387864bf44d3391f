namespace Neurotag.Core.Spiking.Events;

/// <summary>A closed-loop event detector, asked once at the end of every online step after all of the step's spikes.</summary>
public interface IEventDetector
{
    /// <summary>How many times the event fired in global step <paramref name="stepIndex"/> (spikes of the step are final).</summary>
    int Triggers(long stepIndex);

    /// <summary>At a phase start (sliding windows restart empty).</summary>
    void EnterPhase();
}
