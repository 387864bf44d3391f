namespace Neurotag.Core.Spiking;

/// <summary>
/// The number of spikes of a group of neurons (a population or a tag) in the last <see cref="Length"/> steps: a ring
/// of per-step counts with a running sum, so a rate over a window longer than the sampling interval costs one add
/// and one subtract per step, whatever the window. The ring is allocated once; <see cref="Restart"/> forgets the
/// past without clearing it (entries are only read back once they have been overwritten in the current span).
/// </summary>
public sealed class SlidingSpikeCount
{
    private readonly int[] _ring;
    private int _next;
    private long _sum;

    /// <summary>Creates a window of <paramref name="lengthSteps"/> steps (≥ 1).</summary>
    public SlidingSpikeCount(int lengthSteps)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lengthSteps, 1);
        _ring = new int[lengthSteps];
    }

    /// <summary>Window length in steps.</summary>
    public int Length => _ring.Length;

    /// <summary>Steps the window covers now: the steps pushed since the last <see cref="Restart"/>, at most <see cref="Length"/>.</summary>
    public int Covered { get; private set; }

    /// <summary>Spikes in the covered steps.</summary>
    public long Sum => _sum;

    /// <summary>Adds the spike count of the step just simulated; the oldest step drops out once the window is full.</summary>
    public void Push(int spikes)
    {
        if (Covered == _ring.Length)
        {
            _sum -= _ring[_next];
        }
        else
        {
            Covered++;
        }

        _ring[_next] = spikes;
        _sum += spikes;
        _next = _next + 1 == _ring.Length ? 0 : _next + 1;
    }

    /// <summary>Starts an empty window (at a phase start: the window never reaches back into an earlier phase).</summary>
    public void Restart()
    {
        _next = 0;
        _sum = 0;
        Covered = 0;
    }

    /// <summary>
    /// Mean rate in Hz of <paramref name="neurons"/> neurons over the covered steps of <paramref name="dtMs"/> each;
    /// 0 when nothing is covered yet (an offline phase, whose network is at rest).
    /// </summary>
    public double RateHz(int neurons, double dtMs) =>
        Covered == 0 || neurons == 0 ? 0 : _sum / (neurons * (Covered * dtMs / 1000.0));
}
