using System.Runtime.CompilerServices;
using Neurotag.Core.Randomness;
using Neurotag.Core.Spiking.Inputs;

namespace Neurotag.Core.Spiking;

/// <summary>
/// Independent Poisson spike trains with Brian2's PoissonGroup statistics — in every step each train spikes with
/// probability p = rate·dt — drawn as geometric inter-spike intervals (one random number per spike instead of one per
/// train per step): gap = 1 + ⌊ln U / ln(1 − p)⌋ steps (Devroye 1986, ch. X.2).
/// </summary>
public sealed class PoissonTrains : ISpikeTrains
{
    private readonly long[] _next;
    private readonly RandomSource _rng;
    private readonly double _dtMs;
    private double _logKeep;
    private bool _silent;

    /// <summary>Creates <paramref name="count"/> trains at <paramref name="rateHz"/>; the first step that may spike is <paramref name="firstStep"/>.</summary>
    public PoissonTrains(int count, double rateHz, double dtMs, RandomSource rng, long firstStep)
    {
        _next = new long[count];
        _rng = rng;
        _dtMs = dtMs;
        Restart(rateHz, firstStep);
    }

    /// <summary>Number of trains.</summary>
    public int Count => _next.Length;

    /// <summary>Current rate in Hz.</summary>
    public double RateHz { get; private set; }

    /// <summary>
    /// Sets the rate and redraws every train's next spike; the first step that may spike is <paramref name="step"/> (exact for a Poisson
    /// process: it is memoryless).
    /// </summary>
    public void Restart(double rateHz, long step)
    {
        RateHz = rateHz;
        double p = rateHz * _dtMs / 1000.0;
        _silent = p <= 0;
        _logKeep = p >= 1 ? double.NegativeInfinity : Math.Log(1 - p);
        for (int i = 0; i < _next.Length; i++)
        {
            _next[i] = _silent ? long.MaxValue : step + Gap() - 1;
        }
    }

    /// <summary>Writes the trains that spike at step <paramref name="step"/> (increasing) into <paramref name="spikes"/>; returns their number.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Emit(long step, Span<int> spikes)
    {
        if (_silent)
        {
            return 0;
        }

        int count = 0;
        var next = _next;
        for (int i = 0; i < next.Length; i++)
        {
            if (next[i] <= step)
            {
                spikes[count++] = i;
                next[i] = step + Gap();
            }
        }

        return count;
    }

    private long Gap()
    {
        if (double.IsNegativeInfinity(_logKeep))
        {
            return 1;
        }

        double u = 1.0 - _rng.NextDouble(); // (0, 1]
        double gap = Math.Floor(Math.Log(u) / _logKeep);
        return gap >= 1e15 ? (long)1e15 : 1 + (long)gap;
    }

    /// <inheritdoc />
    void ISpikeTrains.Restart(double rateHz, long firstStep) => Restart(rateHz, firstStep);

    /// <inheritdoc />
    int ISpikeTrains.Emit(long stepIndex, Span<int> spikes) => Emit(stepIndex, spikes);
}
